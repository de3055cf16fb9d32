#pragma once

#include "core/hub/modelfoldercheck.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/**
 * One snapshot of a model in the Hugging Face cache (HF_HUB_CACHE/models--ORG--NAME/
 * snapshots/COMMIT), with the refs that point at it. A plain value type.
 */
struct CachedModel
{
    std::string id;                     ///< "org/name".
    std::string commit;                 ///< The snapshot folder's name.
    std::vector<std::string> refs;      ///< Branches or tags pointing at it ("main").
    std::string snapshotDir;            ///< The folder transformers and DomainTune load.
    std::uint64_t sizeBytes = 0;        ///< The files the snapshot links to, symlinks followed.
    bool hasIncompleteDownload = false; ///< blobs/ holds *.incomplete files.
    ModelFolderCheck check;
};

/**
 * Lists every model snapshot in the cache at @p cacheRoot, sorted by id then by whether a ref
 * points at it. Folders that are not models (datasets--*, spaces--*, stray files) are skipped;
 * an unreadable model folder is listed with the reason. Returns an empty list when the cache
 * does not exist. Reads config.json and file sizes only; any thread.
 */
std::vector<CachedModel> listCachedModels(const std::string& cacheRoot);

/**
 * Returns the snapshot folder of model @p id at @p revision (a branch or tag under refs/, or a
 * commit hash) in the cache at @p cacheRoot, or "" when it is not there.
 */
std::string findCachedSnapshot(const std::string& cacheRoot, const std::string& id,
                               const std::string& revision = "main");

/** Returns the cache folder of model @p id (HF_HUB_CACHE/models--ORG--NAME); need not exist. */
std::string cachedRepoDir(const std::string& cacheRoot, const std::string& id);

/**
 * Removes model @p id (all its snapshots, refs and blobs) from the cache. Returns the bytes
 * freed; throws domaintune::Error when the model is not in the cache or cannot be removed.
 */
std::uint64_t removeCachedModel(const std::string& cacheRoot, const std::string& id);

} // namespace domaintune
