#include "core/common/error.h"
#include "core/store/bundlewriter.h"
#include "core/store/runbundle.h"
#include "core/store/runjson.h"
#include "core/store/runstore.h"
#include "core/store/transaction.h"

#include <filesystem>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

// A file name safe as a member name component: odd characters become '_'.
std::string safeComponent(const std::string& name)
{
    std::string out;
    for (const char c : name)
        out += (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == ':') ? '_' : c;
    return out.empty() || out == "." || out == ".." ? "file" : out;
}

// Adds the artefact's file, or every file under its folder; returns the files added. Symbolic
// links are never followed: a link inside a run folder could point anywhere (~/.ssh).
std::int64_t addArtifactFiles(BundleWriter& writer, const std::string& prefix,
                              const std::string& path)
{
    if (path.empty())
        return 0; // imported without its files
    const fs::path source(path);
    const std::string top = prefix + safeComponent(source.filename().string());
    std::error_code error;
    const auto status = fs::symlink_status(source, error);
    if (fs::is_regular_file(status)) {
        writer.addFile(top, path);
        return 1;
    }
    std::int64_t files = 0;
    if (fs::is_directory(status))
        for (const auto& item : fs::recursive_directory_iterator(source)) {
            if (item.is_symlink() || !item.is_regular_file())
                continue;
            std::string member = top;
            for (const auto& part : fs::relative(item.path(), source))
                member += '/' + safeComponent(part.string());
            writer.addFile(member, item.path().string());
            ++files;
        }
    return files;
}

nlohmann::json describeRun(RunStore& store, const RunRecord& run, bool includeFiles,
                           BundleWriter& writer, BundleExportReport& report)
{
    nlohmann::json document = {{"run", runjson::fromRun(run)},
                               {"metrics", runjson::fromMetrics(store.metrics(run.id))},
                               {"evaluations", nlohmann::json::array()},
                               {"artifacts", nlohmann::json::array()}};
    if (run.parentId)
        if (const auto parent = store.run(*run.parentId))
            document["parent_uuid"] = parent->uuid;
    for (const auto& evaluation : store.evaluations(run.id))
        document["evaluations"].push_back(runjson::fromEvaluation(evaluation));
    const auto artifacts = store.artifacts(run.id);
    for (std::size_t i = 0; i < artifacts.size(); ++i) {
        nlohmann::json artifact = runjson::fromArtifact(artifacts[i]);
        const std::string prefix = "runs/" + run.uuid + "/files/" + std::to_string(i) + "/";
        if (includeFiles) {
            const std::int64_t added = addArtifactFiles(writer, prefix, artifacts[i].path);
            if (added > 0)
                artifact["member"] =
                    prefix + safeComponent(fs::path(artifacts[i].path).filename().string());
            report.files += added;
        }
        document["artifacts"].push_back(artifact);
    }
    return document;
}

} // namespace

BundleExportReport exportRuns(RunStore& store, const std::vector<std::int64_t>& runIds,
                              const std::string& path, const BundleExportOptions& options)
{
    if (runIds.empty())
        throw Error("Name at least one run to export.");
    BundleWriter writer(path);
    BundleExportReport report;
    Transaction snapshot(store.database(), Transaction::Mode::Deferred);
    for (const std::int64_t runId : runIds) {
        const RunRecord run = store.requireRun(runId);
        if (writer.hasMember("runs/" + run.uuid + "/run.json"))
            continue; // the same id given twice
        const auto document = describeRun(store, run, options.includeFiles, writer, report);
        writer.addText("runs/" + run.uuid + "/run.json", document.dump());
        ++report.runs;
    }
    snapshot.commit();
    report.bytes = writer.finish();
    return report;
}

} // namespace domaintune
