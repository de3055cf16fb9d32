// `domaintune-cli runs ...`: the run history from the command line (see RunStore).
#include "commands.h"
#include "core/common/error.h"
#include "core/store/runbundle.h"
#include "core/store/runjson.h"
#include "core/store/runlineage.h"
#include "core/store/runstore.h"
#include "core/train/task.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace domaintune::cli {
namespace {

namespace fs = std::filesystem;

using Json = nlohmann::json;

std::int64_t resolveId(RunStore& store, const std::string& text)
{
    char* end = nullptr;
    errno = 0;
    const long long id = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && *end == '\0' && errno == 0)
        return store.requireRun(id).id;
    if (const auto run = store.runByUuid(text))
        return run->id;
    throw Error("There is no run '" + text + "' in " + store.path() +
                "; give a run id or uuid from `domaintune-cli runs list`.");
}

std::vector<std::int64_t> resolveIds(RunStore& store, const std::vector<std::string>& args,
                                     std::size_t minimum)
{
    if (args.size() < minimum + 1)
        throw Error("Give at least " + std::to_string(minimum) + " run id(s); see --help.");
    std::vector<std::int64_t> ids;
    for (std::size_t i = 1; i < args.size(); ++i)
        ids.push_back(resolveId(store, args[i]));
    return ids;
}

RunFilter readFilter(const CommandLine& commandLine)
{
    RunFilter filter;
    if (commandLine.has("task"))
        filter.task = commandLine.value("task");
    if (commandLine.has("domain"))
        filter.domain = commandLine.value("domain");
    if (commandLine.has("status"))
        filter.status = runStatusFromString(commandLine.value("status"));
    if (commandLine.has("tag"))
        filter.tag = commandLine.value("tag");
    filter.search = commandLine.value("search");
    const std::string sort = commandLine.value("sort", "created");
    const std::vector<std::pair<std::string, RunSortKey>> keys = {{"created", RunSortKey::Created},
                                                                  {"name", RunSortKey::Name},
                                                                  {"status", RunSortKey::Status},
                                                                  {"task", RunSortKey::Task},
                                                                  {"domain", RunSortKey::Domain}};
    bool known = false;
    for (const auto& [name, key] : keys)
        if (sort == name) {
            filter.sortBy = key;
            known = true;
        }
    if (!known)
        throw Error("--sort takes created, name, status, task or domain, not '" + sort + "'.");
    filter.descending = !commandLine.has("ascending");
    filter.limit = commandLine.integer("limit", -1);
    return filter;
}

Json listRuns(RunStore& store, const CommandLine& commandLine)
{
    Json out = Json::array();
    for (const RunRecord& run : store.listRuns(readFilter(commandLine))) {
        try {
            out.push_back(runjson::fromRun(run));
        } catch (const Error& e) { // one damaged row must not hide the others
            std::cerr << "warning: skipped: " << e.what() << '\n';
        }
    }
    return out;
}

Json showRun(RunStore& store, std::int64_t id)
{
    const RunRecord run = store.requireRun(id);
    Json out = {{"run", runjson::fromRun(run)},
                {"metrics", store.metricNames(id)},
                {"evaluations", Json::array()},
                {"artifacts", Json::array()},
                {"resume_from", nullptr}};
    for (const auto& evaluation : store.evaluations(id))
        out["evaluations"].push_back(runjson::fromEvaluation(evaluation));
    for (const auto& artifact : store.artifacts(id))
        out["artifacts"].push_back(runjson::fromArtifact(artifact));
    if (const auto checkpoint = store.lastCheckpoint(id))
        if (run.status == RunStatus::Interrupted || run.status == RunStatus::Failed ||
            run.status == RunStatus::Cancelled)
            out["resume_from"] = runjson::fromArtifact(*checkpoint);
    return out;
}

/** The runs connected to @p id (base models, resumes, trials) and the base-model chain. */
Json lineageOf(RunStore& store, std::int64_t id)
{
    const RunLineage lineage = runLineage(store, id);
    Json out = {{"runs", Json::array()}, {"edges", Json::array()}, {"chain", lineage.chain}};
    for (const RunRecord& run : lineage.runs)
        out["runs"].push_back({{"id", run.id},
                               {"name", run.name},
                               {"task", run.task},
                               {"domain", run.domain},
                               {"status", runStatusName(run.status)},
                               {"model_path", run.modelPath},
                               {"tags", run.tags}});
    for (const LineageEdge& edge : lineage.edges) {
        Json row = {{"from", edge.from}, {"to", edge.to}, {"link", lineageLinkName(edge.link)}};
        if (!edge.model.empty())
            row["model"] = edge.model;
        out["edges"].push_back(row);
    }
    return out;
}

Json compareRuns(RunStore& store, const std::vector<std::int64_t>& ids,
                 const CommandLine& commandLine)
{
    Json out = {{"runs", Json::array()}, {"parameters", Json::object()}};
    for (const std::int64_t id : ids) {
        const RunRecord run = store.requireRun(id);
        out["runs"].push_back(
            {{"id", run.id}, {"name", run.name}, {"status", runStatusName(run.status)}});
    }
    for (const auto& [key, values] :
         store.parameterDiff(ids, !commandLine.has("all-parameters")).values) {
        Json row = Json::array();
        for (const auto& value : values)
            row.push_back(value ? Json::parse(*value) : Json(nullptr));
        out["parameters"][key] = row;
    }
    if (!commandLine.has("metric"))
        return out;
    const std::string metric = commandLine.value("metric");
    const std::string axis = commandLine.value("axis", "step");
    // Losses and perplexity fall, scores rise: the default goal follows the metric's name.
    const std::string goal = commandLine.value("goal", higherIsBetter(metric) ? "max" : "min");
    if ((axis != "step" && axis != "time") || (goal != "min" && goal != "max"))
        throw Error("--axis takes step or time and --goal takes min or max.");
    out["metric"] = metric;
    out["best"] = Json::array();
    for (const auto& best :
         store.bestMetric(ids, metric, goal == "max" ? MetricGoal::Maximize : MetricGoal::Minimize))
        out["best"].push_back({{"run_id", best.runId}, {"value", best.value}, {"step", best.step}});
    out["curves"] = Json::array();
    for (const auto& curve :
         store.curves(ids, metric, axis == "time" ? CurveAxis::WallTime : CurveAxis::Step)) {
        Json points = Json::array();
        for (const auto& point : curve.points)
            points.push_back({point.x, std::isfinite(point.y) ? Json(point.y) : Json(nullptr)});
        out["curves"].push_back({{"run_id", curve.runId}, {"points", points}});
    }
    return out;
}

Json importRuns(RunStore& store, const std::string& file, const CommandLine& commandLine)
{
    const auto report = importBundle(store, file, {commandLine.value("files-dir")});
    Json out = {{"imported", Json::array()}, {"skipped", Json::array()}, {"files", report.files}};
    for (const auto& run : report.imported)
        out["imported"].push_back({{"uuid", run.uuid}, {"name", run.name}, {"id", run.id}});
    for (const auto& run : report.skipped) {
        out["skipped"].push_back(
            {{"uuid", run.uuid}, {"name", run.name}, {"id", run.id}, {"reason", run.reason}});
        std::cerr << "skipped " << run.uuid << " (" << run.name << "): " << run.reason << '\n';
    }
    return out;
}

Json dispatch(RunStore& store, const std::vector<std::string>& args, const CommandLine& commandLine)
{
    const std::string& action = args[0];
    if (action == "list" && args.size() == 1)
        return listRuns(store, commandLine);
    if (action == "show" && args.size() == 2) {
        const std::int64_t id = resolveId(store, args[1]);
        Json out = showRun(store, id);
        if (commandLine.has("lineage"))
            out["lineage"] = lineageOf(store, id);
        return out;
    }
    if (action == "compare")
        return compareRuns(store, resolveIds(store, args, 1), commandLine);
    if (action == "export") {
        const auto report =
            exportRuns(store, resolveIds(store, args, 1), commandLine.required("output"),
                       {commandLine.has("include-files")});
        return {{"output", commandLine.value("output")},
                {"runs", report.runs},
                {"files", report.files},
                {"bytes", report.bytes}};
    }
    if (action == "import" && args.size() == 2)
        return importRuns(store, args[1], commandLine);
    if (action == "delete" && args.size() == 2) {
        const std::int64_t id = resolveId(store, args[1]);
        store.deleteRun(id);
        return {{"deleted", id}};
    }
    throw Error("Unknown or incomplete `runs " + action +
                "`; use list, show ID, compare ID..., export ID... --output FILE, import FILE "
                "or delete ID.");
}

} // namespace

int runRuns(CommandLine& commandLine)
{
    commandLine.allowOnly({"history", "task", "domain", "status", "tag", "search", "sort", "limit",
                           "metric", "axis", "goal", "output", "files-dir"},
                          {"ascending", "all-parameters", "include-files", "lineage"});
    const auto& args = commandLine.positionals();
    if (args.empty())
        throw Error("Give a runs action: list, show, compare, export, import or delete.");
    const std::string path = commandLine.value("history", RunStore::defaultPath());
    // A mistyped --history must not quietly create folders and an empty history; only an
    // import may start a new one.
    std::error_code error;
    if (commandLine.has("history") && args[0] != "import" && !fs::exists(path, error))
        throw Error(path, 0, "no run history here",
                    "Check the path given with --history (the default history is " +
                        RunStore::defaultPath() + ").");
    RunStore store(path);
    for (const std::string& warning : store.warnings())
        std::cerr << "warning: " << warning << '\n';
    std::cout << dispatch(store, args, commandLine).dump() << '\n';
    return 0;
}

} // namespace domaintune::cli
