#include "core/store/runrows.h"

#include "core/store/statement.h"

#include <limits>
#include <nlohmann/json.hpp>

namespace domaintune::runrows {

const char* const RunColumns =
    "id, uuid, name, task, domain, status, created_at, started_at, ended_at, notes, spec, "
    "parent_id, model_path, model_fingerprint, dataset_fingerprint, dataset_stats, host, pid, "
    "heartbeat_at, model_source, (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags "
    "WHERE run_tags.run_id = runs.id ORDER BY tag))";

const char* const EvaluationColumns =
    "id, run_id, step, split, summary, per_class, confusion, created_at";

const char* const ArtifactColumns = "id, run_id, path, kind, sha256, size, step, created_at";

RunRecord readRun(const Statement& row)
{
    RunRecord run;
    run.id = row.integer(0);
    run.uuid = row.text(1);
    run.name = row.text(2);
    run.task = row.text(3);
    run.domain = row.text(4);
    run.status = runStatusFromString(row.text(5));
    run.createdAt = row.integer(6);
    run.startedAt = row.optionalInteger(7);
    run.endedAt = row.optionalInteger(8);
    run.notes = row.text(9);
    run.specJson = row.text(10);
    run.parentId = row.optionalInteger(11);
    run.modelPath = row.text(12);
    run.modelFingerprint = row.text(13);
    run.datasetFingerprint = row.text(14);
    run.datasetStatsJson = row.text(15);
    run.host = row.text(16);
    run.pid = row.integer(17);
    run.heartbeatAt = row.optionalInteger(18);
    run.modelSourceJson = row.text(19);
    run.tags = nlohmann::json::parse(row.text(20)).get<std::vector<std::string>>();
    return run;
}

EvaluationRecord readEvaluation(const Statement& row)
{
    EvaluationRecord evaluation;
    evaluation.id = row.integer(0);
    evaluation.runId = row.integer(1);
    evaluation.step = row.integer(2);
    evaluation.split = row.text(3);
    evaluation.summaryJson = row.text(4);
    evaluation.perClassJson = row.text(5);
    evaluation.confusionJson = row.text(6);
    evaluation.createdAt = row.integer(7);
    return evaluation;
}

ArtifactRecord readArtifact(const Statement& row)
{
    ArtifactRecord artifact;
    artifact.id = row.integer(0);
    artifact.runId = row.integer(1);
    artifact.path = row.text(2);
    artifact.kind = row.text(3);
    artifact.sha256 = row.text(4);
    artifact.size = row.integer(5);
    artifact.step = row.optionalInteger(6);
    artifact.createdAt = row.integer(7);
    return artifact;
}

double readValue(const Statement& row, int column)
{
    return row.isNull(column) ? std::numeric_limits<double>::quiet_NaN() : row.real(column);
}

} // namespace domaintune::runrows
