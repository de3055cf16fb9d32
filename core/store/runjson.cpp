#include "core/store/runjson.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"

#include <cmath>

namespace domaintune::runjson {
namespace {

nlohmann::json optional(const std::optional<std::int64_t>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::optional<std::int64_t> optionalAt(const nlohmann::json& json, const char* key)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return std::nullopt;
    return it->get<std::int64_t>();
}

// JSON has no NaN: non-finite values travel as null (and come back as NaN).
nlohmann::json finite(double value)
{
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

template <typename Parse>
auto guarded(const std::string& source, const char* what, Parse&& parse)
{
    try {
        return parse();
    } catch (const nlohmann::json::exception& e) {
        throw Error(source, 0,
                    std::string("the ") + what + " has a missing or mistyped field (" + e.what() +
                        ")",
                    "The file was not written by DomainTune or was edited by hand.");
    }
}

/** A JSON column of a stored row; a damaged one is named with its run, never a raw error. */
nlohmann::json storedJson(const std::string& text, std::int64_t runId, const char* column)
{
    try {
        return parseBoundedJson(text);
    } catch (const nlohmann::json::exception& e) {
        std::string reason = e.what(); // without nlohmann's "[json.exception.…] " prefix
        if (const auto end = reason.find("] "); end != std::string::npos)
            reason.erase(0, end + 2);
        throw Error("Run " + std::to_string(runId) + " is damaged in the history: its stored " +
                    column + " is not valid JSON (" + reason +
                    "). Delete the run (domaintune-cli runs delete " + std::to_string(runId) +
                    ") or restore the history from a backup.");
    }
}

} // namespace

nlohmann::json fromRun(const RunRecord& run)
{
    return {{"id", run.id},
            {"uuid", run.uuid},
            {"name", run.name},
            {"task", run.task},
            {"domain", run.domain},
            {"status", runStatusName(run.status)},
            {"created_at", run.createdAt},
            {"started_at", optional(run.startedAt)},
            {"ended_at", optional(run.endedAt)},
            {"notes", run.notes},
            {"tags", run.tags},
            {"spec", storedJson(run.specJson, run.id, "spec")},
            {"parent_id", optional(run.parentId)},
            {"model_path", run.modelPath},
            {"model_fingerprint", run.modelFingerprint},
            {"model_source", storedJson(run.modelSourceJson, run.id, "model source")},
            {"dataset_fingerprint", run.datasetFingerprint},
            {"dataset_stats", storedJson(run.datasetStatsJson, run.id, "dataset statistics")},
            {"host", run.host},
            {"pid", run.pid},
            {"heartbeat_at", optional(run.heartbeatAt)}};
}

RunRecord toRun(const nlohmann::json& json, const std::string& source)
{
    return guarded(source, "run record", [&] {
        RunRecord run;
        run.uuid = json.at("uuid").get<std::string>();
        run.name = json.at("name").get<std::string>();
        run.task = json.at("task").get<std::string>();
        run.domain = json.at("domain").get<std::string>();
        run.status = runStatusFromString(json.at("status").get<std::string>());
        run.createdAt = json.at("created_at").get<std::int64_t>();
        run.startedAt = optionalAt(json, "started_at");
        run.endedAt = optionalAt(json, "ended_at");
        run.notes = json.at("notes").get<std::string>();
        run.tags = json.at("tags").get<std::vector<std::string>>();
        run.specJson = json.at("spec").dump();
        run.modelPath = json.at("model_path").get<std::string>();
        run.modelFingerprint = json.at("model_fingerprint").get<std::string>();
        // Bundles from before schema 3 have no model source.
        const nlohmann::json source = json.value("model_source", nlohmann::json::object());
        if (!source.is_object())
            throw nlohmann::json::type_error::create(302, "model_source must be an object", &json);
        run.modelSourceJson = source.dump();
        run.datasetFingerprint = json.at("dataset_fingerprint").get<std::string>();
        run.datasetStatsJson = json.at("dataset_stats").dump();
        run.host = json.value("host", "");
        return run;
    });
}

nlohmann::json fromMetrics(const std::vector<MetricPoint>& points)
{
    nlohmann::json out = nlohmann::json::object();
    for (const MetricPoint& point : points) {
        auto& series = out[point.name];
        series["step"].push_back(point.step);
        series["epoch"].push_back(point.epoch);
        series["value"].push_back(finite(point.value));
        series["wall_time"].push_back(point.wallTime);
    }
    return out;
}

std::vector<MetricPoint> toMetrics(const nlohmann::json& json, const std::string& source)
{
    return guarded(source, "metric series", [&] {
        std::vector<MetricPoint> points;
        for (const auto& [name, series] : json.items()) {
            const auto& steps = series.at("step");
            const auto& epochs = series.at("epoch");
            const auto& values = series.at("value");
            const auto& wallTimes = series.at("wall_time");
            if (epochs.size() != steps.size() || values.size() != steps.size() ||
                wallTimes.size() != steps.size())
                throw Error(source, 0,
                            "the metric series \"" + name +
                                "\" has columns of "
                                "different lengths");
            for (std::size_t i = 0; i < steps.size(); ++i)
                points.push_back({steps[i].get<std::int64_t>(), epochs[i].get<double>(), name,
                                  values[i].is_null() ? std::nan("") : values[i].get<double>(),
                                  wallTimes[i].get<double>()});
        }
        return points;
    });
}

nlohmann::json fromEvaluation(const EvaluationRecord& evaluation)
{
    return {{"step", evaluation.step},
            {"split", evaluation.split},
            {"summary", nlohmann::json::parse(evaluation.summaryJson)},
            {"per_class", nlohmann::json::parse(evaluation.perClassJson)},
            {"confusion", nlohmann::json::parse(evaluation.confusionJson)},
            {"created_at", evaluation.createdAt}};
}

EvaluationRecord toEvaluation(const nlohmann::json& json, const std::string& source)
{
    return guarded(source, "evaluation", [&] {
        EvaluationRecord evaluation;
        evaluation.step = json.at("step").get<std::int64_t>();
        evaluation.split = json.at("split").get<std::string>();
        evaluation.summaryJson = json.at("summary").dump();
        evaluation.perClassJson = json.at("per_class").dump();
        evaluation.confusionJson = json.at("confusion").dump();
        evaluation.createdAt = json.at("created_at").get<std::int64_t>();
        return evaluation;
    });
}

nlohmann::json fromArtifact(const ArtifactRecord& artifact)
{
    return {{"path", artifact.path},           {"kind", artifact.kind},
            {"sha256", artifact.sha256},       {"size", artifact.size},
            {"step", optional(artifact.step)}, {"created_at", artifact.createdAt}};
}

ArtifactRecord toArtifact(const nlohmann::json& json, const std::string& source)
{
    return guarded(source, "artefact", [&] {
        ArtifactRecord artifact;
        artifact.path = json.at("path").get<std::string>();
        artifact.kind = json.at("kind").get<std::string>();
        artifact.sha256 = json.at("sha256").get<std::string>();
        artifact.size = json.at("size").get<std::int64_t>();
        artifact.step = optionalAt(json, "step");
        artifact.createdAt = json.at("created_at").get<std::int64_t>();
        return artifact;
    });
}

} // namespace domaintune::runjson
