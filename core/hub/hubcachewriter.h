#pragma once

#include <string>

namespace domaintune {

/**
 * Writes one model repository of the Hugging Face cache in huggingface_hub's own layout, so
 * that `transformers` finds what DomainTune put there:
 *
 *     models--ORG--NAME/blobs/ETAG                  file contents, named by their ETag
 *     models--ORG--NAME/blobs/ETAG.incomplete       a download in progress (resumable)
 *     models--ORG--NAME/snapshots/COMMIT/FILE  ->   ../../blobs/ETAG (relative symlinks)
 *     models--ORG--NAME/refs/REVISION               the commit a branch or tag points at
 *
 * A blob only gets its final name once it is whole and checked; a ref is written last, with a
 * rename, so a reader never sees a ref to a snapshot that is missing files. Not thread-safe:
 * one writer per repository at a time.
 */
class HubCacheWriter
{
public:
    HubCacheWriter(const std::string& cacheRoot, const std::string& id);

    const std::string& repoDir() const { return m_repo; }
    /** Returns blobs/ETAG. */
    std::string blobPath(const std::string& etag) const;
    /** Returns blobs/ETAG.incomplete (creating blobs/). */
    std::string incompletePath(const std::string& etag) const;
    /** Moves a checked blobs/ETAG.incomplete to blobs/ETAG. */
    void commitBlob(const std::string& etag) const;
    /**
     * Makes snapshots/COMMIT/FILE a relative symlink to blobs/ETAG (a copy where the file system
     * has no symlinks), replacing what was there. @p file may contain '/' (sub-folders).
     */
    void linkSnapshotFile(const std::string& commit, const std::string& file,
                          const std::string& etag) const;
    /** Writes refs/REVISION = COMMIT atomically (a revision that is the commit itself: none). */
    void writeRef(const std::string& revision, const std::string& commit) const;
    /** Writes a small file beside refs/ (e.g. where the model came from), atomically. */
    void writeNote(const std::string& name, const std::string& contents) const;

private:
    std::string m_repo;
};

} // namespace domaintune
