#pragma once

#include "core/store/artifactrecord.h"
#include "core/store/database.h"
#include "core/store/evaluationrecord.h"
#include "core/store/metricpoint.h"
#include "core/store/runquery.h"
#include "core/store/runrecord.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace domaintune {

/**
 * The run history: one connection to a history file (SQLite), with the writes the trainer makes
 * and the queries the GUI and the CLI make.
 *
 * Thread affinity: a RunStore is one connection and belongs to the thread that created it. The
 * trainer's thread opens its own RunStore (or a MetricWriter), the GUI thread its own; SQLite's
 * WAL mode lets the GUI read while the trainer writes. Several processes (and users of a shared
 * folder) may open the same file: writers queue on SQLite's lock for up to busyTimeoutMs, then
 * fail with a domaintune::Error saying the history is busy. On a network file system WAL is
 * unsafe, so the store falls back to the rollback journal and says so in warnings().
 *
 * Every write is one transaction; a failure rolls it back and throws domaintune::Error.
 */
class RunStore
{
public:
    struct Options
    {
        int busyTimeoutMs = 10000;
        /** A "running"/"paused" run whose heartbeat is this old (ms) may be interrupted. */
        std::int64_t staleAfterMs = 30000;
        /** Run markInterrupted() when opening (the CLI and GUI do; writers need not). */
        bool markInterruptedOnOpen = true;
    };

    /** Opens (creating or migrating) the history at @p path; creates missing parent folders. */
    explicit RunStore(const std::string& path, const Options& options);
    explicit RunStore(const std::string& path) : RunStore(path, Options()) {}

    /**
     * Returns the default history path: $DOMAINTUNE_HISTORY, else
     * $XDG_DATA_HOME/DomainTune/history.sqlite, else ~/.local/share/DomainTune/history.sqlite.
     */
    static std::string defaultPath();

    const std::string& path() const { return m_database.path(); }
    /** Returns "wal" or "delete": the journal mode in use. */
    const std::string& journalMode() const { return m_journalMode; }
    /** Returns warnings raised while opening (e.g. a network file system), for the user. */
    const std::vector<std::string>& warnings() const { return m_warnings; }
    /** Returns the connection, for bundles and tests (same thread affinity). */
    Database& database() { return m_database; }

    // --- writes (each one transaction) ---------------------------------------------------
    /**
     * Stores @p run and returns its new id. Fills uuid and createdAt when empty; validates the
     * spec and dataset statistics as JSON; a running run gets this host and pid.
     */
    std::int64_t createRun(RunRecord run);
    /** Sets the status; stamps started_at / ended_at and the owner process as they apply. */
    void updateStatus(std::int64_t runId, RunStatus status);
    void setNotes(std::int64_t runId, const std::string& notes);
    void setTags(std::int64_t runId, const std::vector<std::string>& tags);
    /** Appends @p points in one transaction (a point with wallTime 0 gets the current time). */
    void appendMetrics(std::int64_t runId, const std::vector<MetricPoint>& points);
    std::int64_t addEvaluation(EvaluationRecord evaluation);
    std::int64_t addArtifact(ArtifactRecord artifact);
    /** Records that this process is alive and owns the run. */
    void heartbeat(std::int64_t runId);
    /** Deletes the run with its metrics, evaluations, artefacts rows and tags. */
    void deleteRun(std::int64_t runId);
    /**
     * Marks as interrupted every running or paused run whose process is gone: at once when it
     * ran on this host and its pid is not alive; for a run of another host, when its heartbeat
     * is older than staleAfterMs. Returns how many runs it marked.
     */
    int markInterrupted();

    // --- queries -------------------------------------------------------------------------
    std::optional<RunRecord> run(std::int64_t runId);
    std::optional<RunRecord> runByUuid(const std::string& uuid);
    /** Returns the run; throws domaintune::Error "no run N" when it does not exist. */
    RunRecord requireRun(std::int64_t runId);
    std::vector<RunRecord> listRuns(const RunFilter& filter = {});
    std::vector<std::string> metricNames(std::int64_t runId);
    /** Returns the run's points, all metrics or only @p name, ordered by name then step. */
    std::vector<MetricPoint> metrics(std::int64_t runId, const std::string& name = {});
    /** Returns one curve per run in @p runIds (same order) for metric @p name, in one snapshot. */
    std::vector<Curve> curves(const std::vector<std::int64_t>& runIds, const std::string& name,
                              CurveAxis axis);
    ParameterDiff parameterDiff(const std::vector<std::int64_t>& runIds, bool differencesOnly);
    /** Returns each run's best @p name (runs without that metric are left out). */
    std::vector<BestMetric> bestMetric(const std::vector<std::int64_t>& runIds,
                                       const std::string& name, MetricGoal goal);
    std::vector<EvaluationRecord> evaluations(std::int64_t runId);
    std::vector<ArtifactRecord> artifacts(std::int64_t runId);
    /** Returns the checkpoint to resume from: the one with the highest step, then the newest. */
    std::optional<ArtifactRecord> lastCheckpoint(std::int64_t runId);

private:
    void configure();
    void writeTags(std::int64_t runId, const std::vector<std::string>& tags);
    void loadTags(RunRecord& run);
    std::optional<RunRecord> runWhere(const std::string& condition, const std::string& value);

    Options m_options;
    Database m_database;
    std::string m_journalMode;
    std::vector<std::string> m_warnings;
};

} // namespace domaintune
