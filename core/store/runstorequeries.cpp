// RunStore's queries (the GUI's history panel, comparison view and the CLI) and the liveness
// sweep. Writes live in runstore.cpp.
#include "core/common/error.h"
#include "core/store/processliveness.h"
#include "core/store/runrows.h"
#include "core/store/runspec.h"
#include "core/store/runstore.h"
#include "core/store/statement.h"
#include "core/store/transaction.h"

namespace domaintune {
namespace {

const char* sortColumn(RunSortKey key)
{
    switch (key) {
    case RunSortKey::Name:
        return "name";
    case RunSortKey::Status:
        return "status";
    case RunSortKey::Task:
        return "task";
    case RunSortKey::Domain:
        return "domain";
    case RunSortKey::Created:
        break;
    }
    return "created_at";
}

std::string likePattern(const std::string& text)
{
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    return pattern + '%';
}

} // namespace

std::optional<RunRecord> RunStore::runWhere(const std::string& condition, const std::string& value)
{
    Statement select(m_database, std::string("SELECT ") + runrows::RunColumns +
                                     " FROM runs WHERE " + condition);
    select.bind(1, value);
    if (!select.step())
        return std::nullopt;
    return runrows::readRun(select);
}

std::optional<RunRecord> RunStore::run(std::int64_t runId)
{
    return runWhere("id = CAST(?1 AS INTEGER)", std::to_string(runId));
}

std::optional<RunRecord> RunStore::runByUuid(const std::string& uuid)
{
    return runWhere("uuid = ?1", uuid);
}

RunRecord RunStore::requireRun(std::int64_t runId)
{
    auto found = run(runId);
    if (!found)
        throw Error(path(), 0, "there is no run " + std::to_string(runId),
                    "List the runs with `domaintune-cli runs list`.");
    return *found;
}

std::vector<RunRecord> RunStore::listRuns(const RunFilter& filter)
{
    markInterrupted();
    std::string sql = std::string("SELECT ") + runrows::RunColumns + " FROM runs WHERE 1";
    std::vector<std::string> values;
    const auto where = [&](const std::string& clause, const std::string& value) {
        sql += " AND " + clause;
        values.push_back(value);
    };
    if (filter.task)
        where("task = ?", *filter.task);
    if (filter.domain)
        where("domain = ?", *filter.domain);
    if (filter.status)
        where("status = ?", runStatusName(*filter.status));
    if (filter.tag)
        where("EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag = ?)",
              *filter.tag);
    if (!filter.search.empty()) {
        where("(name LIKE ? ESCAPE '\\'", likePattern(filter.search));
        sql += " OR notes LIKE ? ESCAPE '\\')";
        values.push_back(likePattern(filter.search));
    }
    const char* direction = filter.descending ? " DESC" : " ASC";
    sql += std::string(" ORDER BY ") + sortColumn(filter.sortBy) + direction + ", id" + direction;
    sql += " LIMIT " + std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset);
    Statement select(m_database, sql);
    for (std::size_t i = 0; i < values.size(); ++i)
        select.bind(static_cast<int>(i + 1), values[i]);
    std::vector<RunRecord> runs;
    while (select.step())
        runs.push_back(runrows::readRun(select));
    return runs;
}

std::vector<std::string> RunStore::metricNames(std::int64_t runId)
{
    Statement select(m_database,
                     "SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name");
    select.bind(1, runId);
    std::vector<std::string> names;
    while (select.step())
        names.push_back(select.text(0));
    return names;
}

std::vector<MetricPoint> RunStore::metrics(std::int64_t runId, const std::string& name)
{
    Statement select(m_database, "SELECT step, epoch, name, value, wall_time FROM metrics "
                                 "WHERE run_id = ?1 AND (?2 = '' OR name = ?2) "
                                 "ORDER BY name, step");
    select.bind(1, runId).bind(2, name);
    std::vector<MetricPoint> points;
    while (select.step())
        points.push_back({select.integer(0), select.real(1), select.text(2),
                          runrows::readValue(select, 3), select.real(4)});
    return points;
}

std::vector<Curve> RunStore::curves(const std::vector<std::int64_t>& runIds,
                                    const std::string& name, CurveAxis axis)
{
    Transaction snapshot(m_database, Transaction::Mode::Deferred);
    Statement select(m_database, "SELECT step, value, wall_time FROM metrics "
                                 "WHERE run_id = ? AND name = ? ORDER BY step");
    std::vector<Curve> curves;
    for (const std::int64_t runId : runIds) {
        Curve curve{runId, name, {}};
        select.bind(1, runId).bind(2, name);
        double origin = 0.0;
        while (select.step()) {
            const double wallTime = select.real(2);
            if (curve.points.empty())
                origin = wallTime;
            const auto step = select.integer(0);
            const double x = axis == CurveAxis::Step ? double(step) : wallTime - origin;
            curve.points.push_back({x, runrows::readValue(select, 1), step});
        }
        select.reset();
        curves.push_back(std::move(curve));
    }
    snapshot.commit();
    return curves;
}

ParameterDiff RunStore::parameterDiff(const std::vector<std::int64_t>& runIds, bool differencesOnly)
{
    ParameterDiff diff;
    diff.runIds = runIds;
    for (std::size_t i = 0; i < runIds.size(); ++i)
        for (const auto& [key, value] : runspec::flatten(requireRun(runIds[i]).specJson)) {
            auto& row = diff.values[key];
            row.resize(runIds.size());
            row[i] = value;
        }
    if (differencesOnly)
        for (auto it = diff.values.begin(); it != diff.values.end();) {
            const auto& row = it->second;
            bool same = true;
            for (const auto& value : row)
                same = same && value && value == row.front();
            it = same ? diff.values.erase(it) : std::next(it);
        }
    return diff;
}

std::vector<BestMetric> RunStore::bestMetric(const std::vector<std::int64_t>& runIds,
                                             const std::string& name, MetricGoal goal)
{
    Statement select(m_database,
                     std::string("SELECT value, step FROM metrics WHERE run_id = ? AND name = ? "
                                 "AND value IS NOT NULL ORDER BY value ") +
                         (goal == MetricGoal::Maximize ? "DESC" : "ASC") + ", step LIMIT 1");
    std::vector<BestMetric> best;
    for (const std::int64_t runId : runIds) {
        select.bind(1, runId).bind(2, name);
        if (select.step())
            best.push_back({runId, name, select.real(0), select.integer(1)});
        select.reset();
    }
    return best;
}

std::vector<EvaluationRecord> RunStore::evaluations(std::int64_t runId)
{
    Statement select(m_database, std::string("SELECT ") + runrows::EvaluationColumns +
                                     " FROM evaluations WHERE run_id = ? ORDER BY step, id");
    select.bind(1, runId);
    std::vector<EvaluationRecord> out;
    while (select.step())
        out.push_back(runrows::readEvaluation(select));
    return out;
}

std::vector<ArtifactRecord> RunStore::artifacts(std::int64_t runId)
{
    Statement select(m_database, std::string("SELECT ") + runrows::ArtifactColumns +
                                     " FROM artifacts WHERE run_id = ? ORDER BY id");
    select.bind(1, runId);
    std::vector<ArtifactRecord> out;
    while (select.step())
        out.push_back(runrows::readArtifact(select));
    return out;
}

std::optional<ArtifactRecord> RunStore::lastCheckpoint(std::int64_t runId)
{
    Statement select(m_database, std::string("SELECT ") + runrows::ArtifactColumns +
                                     " FROM artifacts WHERE run_id = ? AND kind = 'checkpoint' "
                                     "ORDER BY step IS NULL, step DESC, created_at DESC, id DESC "
                                     "LIMIT 1");
    select.bind(1, runId);
    if (!select.step())
        return std::nullopt;
    return runrows::readArtifact(select);
}

int RunStore::markInterrupted()
{
    struct Candidate
    {
        std::int64_t id;
        std::optional<std::int64_t> heartbeat;
    };
    const std::int64_t now = nowMs();
    const std::string thisHost = processliveness::hostName();
    std::vector<Candidate> dead;
    {
        Statement select(m_database, "SELECT id, host, pid, heartbeat_at FROM runs "
                                     "WHERE status IN ('running', 'paused')");
        while (select.step()) {
            const auto heartbeat = select.optionalInteger(3);
            const bool stale = !heartbeat || now - *heartbeat >= m_options.staleAfterMs;
            // On this host a dead pid settles it at once (kill -9, a crash, a power cut): no
            // need to wait for the heartbeat to age. A run of another host can only be judged
            // by its heartbeat.
            const bool sameHost = select.text(1) == thisHost;
            const bool gone = sameHost ? !processliveness::isAlive(select.integer(2)) : stale;
            if (gone)
                dead.push_back({select.integer(0), heartbeat});
        }
    }
    if (dead.empty())
        return 0; // the usual case: no write lock taken
    Transaction transaction(m_database);
    // The heartbeat guard skips a run that came back to life since the SELECT above.
    Statement update(m_database, "UPDATE runs SET status = 'interrupted', ended_at = ?2 "
                                 "WHERE id = ?1 AND status IN ('running', 'paused') AND "
                                 "heartbeat_at IS ?3");
    int marked = 0;
    for (const Candidate& run : dead) {
        update.bind(1, run.id).bind(2, run.heartbeat.value_or(now)).bind(3, run.heartbeat);
        update.run();
        marked += m_database.changes();
    }
    transaction.commit();
    return marked;
}

} // namespace domaintune
