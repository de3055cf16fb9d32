#include "core/store/runstore.h"

#include "core/common/error.h"
#include "core/store/filesystemkind.h"
#include "core/store/historyschema.h"
#include "core/store/processliveness.h"
#include "core/store/runspec.h"
#include "core/store/statement.h"
#include "core/store/transaction.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace domaintune {
namespace {

Database openDatabase(const std::string& path, const RunStore::Options& options)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!parent.empty() && !std::filesystem::exists(parent, error))
        std::filesystem::create_directories(parent, error);
    if (error)
        throw Error(path, 0, "cannot create the history folder (" + error.message() + ")",
                    "Choose another location with --history or DOMAINTUNE_HISTORY.");
    Database::Options databaseOptions;
    databaseOptions.busyTimeoutMs = options.busyTimeoutMs;
    return Database(path, databaseOptions);
}

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

void requireChanged(Database& database, std::int64_t runId)
{
    if (database.changes() == 0)
        throw Error(database.path(), 0, "there is no run " + std::to_string(runId),
                    "List the runs with `domaintune-cli runs list`.");
}

} // namespace

RunStore::RunStore(const std::string& path, const Options& options)
    : m_options(options), m_database(openDatabase(path, options))
{
    configure();
}

void RunStore::configure()
{
    std::string directory = std::filesystem::path(path()).parent_path().string();
    const FilesystemKind kind = filesystemKind(directory.empty() ? "." : directory);
    if (kind.network) {
        m_journalMode = m_database.queryText("PRAGMA journal_mode = DELETE");
        m_warnings.push_back("The history " + path() + " is on a network file system (" +
                             kind.name +
                             "); using the rollback journal instead of WAL, which is slower and "
                             "lets readers wait while a run writes.");
        m_database.execute("PRAGMA synchronous = FULL");
    } else {
        m_journalMode = m_database.queryText("PRAGMA journal_mode = WAL");
        // In WAL mode NORMAL survives any process crash; only a power cut can lose the
        // last transactions, never corrupt the file.
        m_database.execute("PRAGMA synchronous = NORMAL");
    }
    m_database.execute("PRAGMA foreign_keys = ON");
    historyschema::prepare(m_database);
    if (m_options.markInterruptedOnOpen)
        markInterrupted();
}

std::string RunStore::defaultPath()
{
    if (const std::string explicitPath = environment("DOMAINTUNE_HISTORY"); !explicitPath.empty())
        return explicitPath;
    std::string dataHome = environment("XDG_DATA_HOME");
    if (dataHome.empty()) {
        const std::string home = environment("HOME");
        if (home.empty())
            throw Error("Cannot find the history: neither DOMAINTUNE_HISTORY, XDG_DATA_HOME nor "
                        "HOME is set. Set DOMAINTUNE_HISTORY or pass --history PATH.");
        dataHome = home + "/.local/share";
    }
    return dataHome + "/DomainTune/history.sqlite";
}

std::int64_t RunStore::createRun(RunRecord run)
{
    run.specJson = runspec::validated(run.specJson, "run spec");
    run.datasetStatsJson = runspec::validated(run.datasetStatsJson, "dataset statistics");
    if (run.uuid.empty())
        run.uuid = newUuid();
    if (run.createdAt == 0)
        run.createdAt = nowMs();
    if (run.status == RunStatus::Running || run.status == RunStatus::Paused) {
        run.host = processliveness::hostName();
        run.pid = processliveness::currentPid();
        run.heartbeatAt = nowMs();
    }
    Transaction transaction(m_database);
    Statement insert(m_database,
                     "INSERT INTO runs (uuid, name, task, domain, status, created_at, started_at, "
                     "ended_at, notes, spec, parent_id, model_path, model_fingerprint, "
                     "dataset_fingerprint, dataset_stats, host, pid, heartbeat_at, model_source) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, run.uuid).bind(2, run.name).bind(3, run.task).bind(4, run.domain);
    insert.bind(5, runStatusName(run.status)).bind(6, run.createdAt).bind(7, run.startedAt);
    insert.bind(8, run.endedAt).bind(9, run.notes).bind(10, run.specJson).bind(11, run.parentId);
    insert.bind(12, run.modelPath).bind(13, run.modelFingerprint);
    insert.bind(14, run.datasetFingerprint).bind(15, run.datasetStatsJson).bind(16, run.host);
    insert.bind(17, run.pid).bind(18, run.heartbeatAt).bind(19, run.modelSourceJson);
    insert.run();
    const std::int64_t id = m_database.lastInsertId();
    writeTags(id, run.tags);
    transaction.commit();
    return id;
}

void RunStore::updateStatus(std::int64_t runId, RunStatus status)
{
    const bool live = status == RunStatus::Running || status == RunStatus::Paused;
    Transaction transaction(m_database);
    Statement update(m_database,
                     "UPDATE runs SET status = ?2, "
                     "started_at = CASE WHEN ?2 = 'running' AND started_at IS NULL THEN ?3 "
                     "ELSE started_at END, "
                     "ended_at = CASE WHEN ?4 THEN ?3 WHEN ?5 THEN NULL ELSE ended_at END, "
                     "host = CASE WHEN ?5 THEN ?6 ELSE host END, "
                     "pid = CASE WHEN ?5 THEN ?7 ELSE pid END, "
                     "heartbeat_at = CASE WHEN ?5 THEN ?3 ELSE heartbeat_at END WHERE id = ?1");
    update.bind(1, runId).bind(2, runStatusName(status)).bind(3, nowMs());
    update.bind(4, int(isTerminal(status))).bind(5, int(live));
    update.bind(6, processliveness::hostName()).bind(7, processliveness::currentPid());
    update.run();
    requireChanged(m_database, runId);
    transaction.commit();
}

void RunStore::setNotes(std::int64_t runId, const std::string& notes)
{
    Transaction transaction(m_database);
    m_database.prepare("UPDATE runs SET notes = ? WHERE id = ?")
        .bind(1, notes)
        .bind(2, runId)
        .run();
    requireChanged(m_database, runId);
    transaction.commit();
}

void RunStore::setTags(std::int64_t runId, const std::vector<std::string>& tags)
{
    Transaction transaction(m_database);
    requireRun(runId);
    m_database.prepare("DELETE FROM run_tags WHERE run_id = ?").bind(1, runId).run();
    writeTags(runId, tags);
    transaction.commit();
}

void RunStore::writeTags(std::int64_t runId, const std::vector<std::string>& tags)
{
    Statement insert(m_database, "INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)");
    for (const std::string& tag : tags) {
        if (tag.empty())
            continue;
        insert.bind(1, runId).bind(2, tag);
        insert.run();
    }
}

void RunStore::appendMetrics(std::int64_t runId, const std::vector<MetricPoint>& points)
{
    if (points.empty())
        return;
    const double now = static_cast<double>(nowMs()) / 1000.0;
    Transaction transaction(m_database);
    Statement insert(m_database, "INSERT OR REPLACE INTO metrics "
                                 "(run_id, name, step, epoch, value, wall_time) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
    for (const MetricPoint& point : points) {
        insert.bind(1, runId).bind(2, point.name).bind(3, point.step).bind(4, point.epoch);
        insert.bind(5, point.value).bind(6, point.wallTime == 0.0 ? now : point.wallTime);
        insert.run();
    }
    // Logging is a sign of life: refresh the heartbeat when this process owns the run.
    m_database
        .prepare("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND pid = ? AND "
                 "status IN ('running', 'paused')")
        .bind(1, nowMs())
        .bind(2, runId)
        .bind(3, processliveness::currentPid())
        .run();
    transaction.commit();
}

std::int64_t RunStore::addEvaluation(EvaluationRecord evaluation)
{
    evaluation.summaryJson = runspec::validated(evaluation.summaryJson, "evaluation summary");
    evaluation.perClassJson =
        runspec::validated(evaluation.perClassJson, "per-class table", runspec::Shape::Array);
    evaluation.confusionJson = runspec::validated(evaluation.confusionJson, "confusion matrix");
    Transaction transaction(m_database);
    Statement insert(m_database, "INSERT INTO evaluations (run_id, step, split, summary, "
                                 "per_class, confusion, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, evaluation.runId).bind(2, evaluation.step).bind(3, evaluation.split);
    insert.bind(4, evaluation.summaryJson).bind(5, evaluation.perClassJson);
    insert.bind(6, evaluation.confusionJson);
    insert.bind(7, evaluation.createdAt ? evaluation.createdAt : nowMs());
    insert.run();
    const std::int64_t id = m_database.lastInsertId();
    transaction.commit();
    return id;
}

std::int64_t RunStore::addArtifact(ArtifactRecord artifact)
{
    Transaction transaction(m_database);
    Statement insert(m_database, "INSERT INTO artifacts (run_id, path, kind, sha256, size, step, "
                                 "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, artifact.runId).bind(2, artifact.path).bind(3, artifact.kind);
    insert.bind(4, artifact.sha256).bind(5, artifact.size).bind(6, artifact.step);
    insert.bind(7, artifact.createdAt ? artifact.createdAt : nowMs());
    insert.run();
    const std::int64_t id = m_database.lastInsertId();
    transaction.commit();
    return id;
}

void RunStore::heartbeat(std::int64_t runId)
{
    Transaction transaction(m_database);
    m_database.prepare("UPDATE runs SET heartbeat_at = ?, host = ?, pid = ? WHERE id = ?")
        .bind(1, nowMs())
        .bind(2, processliveness::hostName())
        .bind(3, processliveness::currentPid())
        .bind(4, runId)
        .run();
    requireChanged(m_database, runId);
    transaction.commit();
}

void RunStore::deleteRun(std::int64_t runId)
{
    Transaction transaction(m_database);
    m_database.prepare("DELETE FROM runs WHERE id = ?").bind(1, runId).run();
    requireChanged(m_database, runId);
    transaction.commit();
}

} // namespace domaintune
