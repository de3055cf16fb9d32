#include "core/store/runlineage.h"

#include "core/store/runstore.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace domaintune {
namespace {

std::string normalised(const std::string& path)
{
    if (path.empty())
        return {};
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    return (error ? fs::path(path) : absolute).lexically_normal().string();
}

/** Where a run's base model lay, as its provenance recorded it (absolute), else its path. */
std::string baseModelOf(const RunRecord& run)
{
    const auto source = nlohmann::json::parse(run.modelSourceJson, nullptr, false);
    if (source.is_object() && source.value("kind", std::string()) == "folder")
        return normalised(source.value("path", run.modelPath));
    return normalised(run.modelPath);
}

} // namespace

std::string lineageLinkName(LineageLink link)
{
    switch (link) {
    case LineageLink::BaseModel:
        return "base-model";
    case LineageLink::Resume:
        return "resume";
    case LineageLink::Trial:
        return "trial";
    }
    return "base-model";
}

RunLineage runLineage(RunStore& store, std::int64_t runId)
{
    store.requireRun(runId);
    RunFilter filter;
    filter.limit = 1000000;
    std::map<std::int64_t, RunRecord> runs;
    for (RunRecord& run : store.listRuns(filter))
        runs.emplace(run.id, std::move(run));

    // Which run produced each model folder: its model artefacts, and best/ beside model/.
    std::map<std::string, std::int64_t> producer;
    for (const auto& [id, run] : runs)
        for (const ArtifactRecord& artifact : store.artifacts(id)) {
            if (artifact.kind != "model")
                continue;
            const fs::path model = normalised(artifact.path);
            producer.emplace(model.string(), id);
            if (model.filename() == "model")
                producer.emplace((model.parent_path() / "best").string(), id);
        }

    std::vector<LineageEdge> all;
    for (const auto& [id, run] : runs) {
        const std::string base = baseModelOf(run);
        const auto found = producer.find(base);
        std::optional<std::int64_t> parent;
        bool trial = false;
        if (run.parentId && runs.count(*run.parentId)) {
            parent = run.parentId;
            const RunRecord& parentRun = runs.at(*parent);
            trial = hasTag(parentRun, "study");
            all.push_back({*parent, id, trial ? LineageLink::Trial : LineageLink::Resume, {}});
        }
        // A trial or a resumed run trains on its parent's base model: that link is the
        // parent's, not drawn again.
        const bool inherited = parent && baseModelOf(runs.at(*parent)) == base;
        if (found != producer.end() && found->second != id && !inherited)
            all.push_back({found->second, id, LineageLink::BaseModel, base});
    }

    // The connected component around runId.
    std::set<std::int64_t> seen = {runId};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& edge : all)
            if (seen.count(edge.from) != seen.count(edge.to)) {
                seen.insert(edge.from);
                seen.insert(edge.to);
                grew = true;
            }
    }
    RunLineage lineage;
    for (const std::int64_t id : seen)
        lineage.runs.push_back(runs.at(id));
    std::sort(lineage.runs.begin(), lineage.runs.end(), [](const auto& a, const auto& b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    for (const auto& edge : all)
        if (seen.count(edge.from))
            lineage.edges.push_back(edge);

    // The base-model chain ending here: follow base-model links back; a trial or a resumed
    // run continues through its parent's base-model link (the parent itself is no step).
    std::set<std::int64_t> visited;
    for (std::int64_t current = runId, step = runId; current != 0;) {
        if (!visited.insert(current).second)
            break;
        if (step != 0)
            lineage.chain.insert(lineage.chain.begin(), step);
        std::int64_t model = 0, parent = 0;
        for (const auto& edge : all)
            if (edge.to == current)
                (edge.link == LineageLink::BaseModel ? model : parent) = edge.from;
        if (model != 0) {
            current = step = model;
        } else {
            current = parent; // continue at the parent, without listing it
            step = 0;
        }
    }
    return lineage;
}

} // namespace domaintune
