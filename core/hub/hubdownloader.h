#pragma once

#include "core/common/error.h"
#include "core/hub/hubsettings.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** What to download. A plain value type. */
struct HubDownloadParams
{
    std::string id;                ///< "org/name".
    std::string revision = "main"; ///< Branch, tag or commit.
    HubSettings settings;          ///< Cache, endpoint, token, offline.
};

/** Progress of a download, for a progress bar. Bytes count files still to fetch only. */
struct HubDownloadProgress
{
    std::string file;            ///< The file being fetched now.
    std::uint64_t bytesDone = 0; ///< Over the whole download (resumed bytes included).
    std::uint64_t bytesTotal = 0;
    double bytesPerSecond = 0;
    double etaSeconds = 0;
};

/** Receives progress and messages on the downloading thread; must return quickly. */
class HubDownloadObserver
{
public:
    virtual ~HubDownloadObserver() = default;
    virtual void onProgress(const HubDownloadProgress& progress) = 0;
    virtual void onMessage(const std::string& message) = 0;
};

/** One file of the result. */
struct HubDownloadedFile
{
    std::string name; ///< As in the repository ("config.json", "1_Pooling/config.json").
    std::string etag; ///< The blob's name (the SHA-256 for LFS files).
    std::uint64_t size = 0;
    bool fetched = false;  ///< false: the blob was in the cache already.
    bool verified = false; ///< SHA-256 checked (LFS files).
};

/** The outcome of a completed download. */
struct HubDownloadResult
{
    std::string id, revision, commit;
    std::string snapshotDir; ///< The folder to load.
    std::vector<HubDownloadedFile> files;
    std::uint64_t bytesFetched = 0;
    double seconds = 0;
    bool fromCacheOnly = false; ///< Offline mode: nothing was fetched.
};

/** Thrown by downloadModel() when it was cancelled; partial blobs stay, to be resumed. */
class HubDownloadCancelled : public Error
{
public:
    HubDownloadCancelled() : Error("The download was cancelled; start it again to resume.") {}
};

/**
 * Returns the files of a repository listing (`siblings`) that a model needs: config.json, the
 * weights (model.safetensors preferred over pytorch_model.bin; a sharded index with every shard
 * it names added by the caller), and the tokenizer files. Throws domaintune::Error when no
 * weights or no config.json are listed.
 */
std::vector<std::string> selectModelFiles(const std::vector<std::string>& repositoryFiles);

/**
 * Downloads model @p params.id at @p params.revision from the Hub API (file list from
 * /api/models/ID/revision/REV, files from /ID/resolve/COMMIT/FILE) into the Hugging Face cache
 * layout (see HubCacheWriter). Resumes *.incomplete blobs with HTTP Range, checks each LFS
 * blob's SHA-256 before it gets its name, and writes the snapshot links and then the ref only
 * when every file is in place. With settings.offline, returns the cached snapshot or throws.
 * Throws domaintune::Error with a plain message (401/403: a token is needed; 404: no such
 * model or revision; a checksum mismatch; network failures), and HubDownloadCancelled once
 * @p cancel is set. Blocks; run it on a worker thread.
 */
HubDownloadResult downloadModel(const HubDownloadParams& params, HubDownloadObserver& observer,
                                const std::atomic_bool& cancel);

} // namespace domaintune
