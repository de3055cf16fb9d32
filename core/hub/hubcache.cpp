#include "core/hub/hubcache.h"

#include "core/common/error.h"
#include "core/hub/hubmodelid.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace domaintune {

namespace fs = std::filesystem;

namespace {

std::string readRef(const fs::path& file)
{
    std::ifstream in(file);
    std::string commit;
    in >> commit;
    return commit;
}

/** refs/ holds one file per ref; tags and branches with '/' are sub-folders. */
std::map<std::string, std::vector<std::string>> refsByCommit(const fs::path& repo)
{
    std::map<std::string, std::vector<std::string>> refs;
    std::error_code error;
    const fs::path root = repo / "refs";
    for (auto it = fs::recursive_directory_iterator(root, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error))
            refs[readRef(it->path())].push_back(fs::relative(it->path(), root, error).string());
    return refs;
}

std::uint64_t folderSize(const fs::path& folder)
{
    std::uint64_t total = 0;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(folder, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        std::error_code sizeError;
        if (fs::is_regular_file(it->path(), sizeError)) // follows the symlink into blobs/
            total += fs::file_size(it->path(), sizeError);
    }
    return total;
}

bool hasIncompleteBlob(const fs::path& repo)
{
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(repo / "blobs", error))
        if (entry.path().extension() == ".incomplete")
            return true;
    return false;
}

void listRepo(const fs::path& repo, const HubModelId& id, std::vector<CachedModel>& out)
{
    const auto refs = refsByCommit(repo);
    const bool incomplete = hasIncompleteBlob(repo);
    std::error_code error;
    for (const auto& snapshot : fs::directory_iterator(repo / "snapshots", error)) {
        if (!snapshot.is_directory(error) || snapshot.path().filename().string().front() == '.')
            continue;
        CachedModel model;
        model.id = id.str();
        model.commit = snapshot.path().filename().string();
        if (const auto found = refs.find(model.commit); found != refs.end())
            model.refs = found->second;
        model.snapshotDir = snapshot.path().string();
        model.sizeBytes = folderSize(snapshot.path());
        model.hasIncompleteDownload = incomplete;
        model.check = checkModelFolder(model.snapshotDir);
        out.push_back(std::move(model));
    }
}

} // namespace

std::vector<CachedModel> listCachedModels(const std::string& cacheRoot)
{
    std::vector<CachedModel> models;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(cacheRoot, error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("models--", 0) != 0 || !entry.is_directory(error))
            continue;
        try {
            listRepo(entry.path(), HubModelId::fromCacheFolderName(name), models);
        } catch (const Error&) {
            continue; // not a folder huggingface_hub would have written
        }
    }
    std::sort(models.begin(), models.end(), [](const CachedModel& a, const CachedModel& b) {
        if (a.id != b.id)
            return a.id < b.id;
        return a.refs.size() > b.refs.size();
    });
    return models;
}

std::string cachedRepoDir(const std::string& cacheRoot, const std::string& id)
{
    return (fs::path(cacheRoot) / HubModelId::parse(id).cacheFolderName()).string();
}

std::string findCachedSnapshot(const std::string& cacheRoot, const std::string& id,
                               const std::string& revision)
{
    if (!isSafeRevision(revision))
        return {};
    const fs::path repo = cachedRepoDir(cacheRoot, id);
    std::error_code error;
    std::string commit = revision;
    if (fs::is_regular_file(repo / "refs" / revision, error))
        commit = readRef(repo / "refs" / revision);
    if (commit.empty() || !isSafeRevision(commit))
        return {};
    const fs::path snapshot = repo / "snapshots" / commit;
    return fs::is_directory(snapshot, error) ? snapshot.string() : std::string();
}

std::uint64_t removeCachedModel(const std::string& cacheRoot, const std::string& id)
{
    const fs::path repo = cachedRepoDir(cacheRoot, id);
    std::error_code error;
    if (!fs::is_directory(repo, error))
        throw Error("'" + id + "' is not in the Hugging Face cache at " + cacheRoot +
                    ". `domaintune-cli models list` shows what is there.");
    std::uint64_t freed = 0;
    for (auto it = fs::recursive_directory_iterator(repo / "blobs", error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error))
            freed += it->file_size(error);
    fs::remove_all(repo, error);
    if (error)
        throw Error(repo.string(), 0, "cannot remove the model's cache folder: " + error.message(),
                    "Check the folder's permissions.");
    return freed;
}

} // namespace domaintune
