#include "core/hub/hubcachewriter.h"

#include "core/common/error.h"
#include "core/common/filewriter.h"
#include "core/hub/hubcache.h"
#include "core/hub/hubmodelid.h"

#include <filesystem>
#include <fstream>

namespace domaintune {

namespace fs = std::filesystem;

namespace {

void checked(const std::error_code& error, const fs::path& path, const std::string& what)
{
    if (error)
        throw Error(path.string(), 0, "cannot " + what + ": " + error.message(),
                    "Check that the Hugging Face cache folder is writable and not full "
                    "(HF_HUB_CACHE or HF_HOME choose another one).");
}

void writeAtomically(const fs::path& path, const std::string& contents)
{
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    checked(error, path.parent_path(), "create the folder");
    const fs::path temporary = path.string() + ".tmp";
    writeWholeFile(temporary.string(), contents);
    fs::rename(temporary, path, error);
    checked(error, path, "move the file into place");
}

void checkFileName(const std::string& file)
{
    const fs::path path(file);
    bool safe = !file.empty() && path.is_relative();
    for (const auto& part : path)
        safe = safe && part != ".." && part != "." && !part.empty();
    if (!safe)
        throw Error("the model lists a file named '" + file +
                    "', which would lie outside its snapshot folder; refusing it");
}

} // namespace

HubCacheWriter::HubCacheWriter(const std::string& cacheRoot, const std::string& id)
    : m_repo(cachedRepoDir(cacheRoot, id))
{}

std::string HubCacheWriter::blobPath(const std::string& etag) const
{
    if (!isSafeRevision(etag) || etag.find('/') != std::string::npos)
        throw Error("the server sent an unusable ETag '" + etag + "' (it must be a plain name)");
    return (fs::path(m_repo) / "blobs" / etag).string();
}

std::string HubCacheWriter::incompletePath(const std::string& etag) const
{
    const fs::path blob = blobPath(etag);
    std::error_code error;
    fs::create_directories(blob.parent_path(), error);
    checked(error, blob.parent_path(), "create the folder");
    return blob.string() + ".incomplete";
}

void HubCacheWriter::commitBlob(const std::string& etag) const
{
    std::error_code error;
    fs::rename(incompletePath(etag), blobPath(etag), error);
    checked(error, blobPath(etag), "move the downloaded file into place");
}

void HubCacheWriter::linkSnapshotFile(const std::string& commit, const std::string& file,
                                      const std::string& etag) const
{
    checkFileName(file);
    if (!isSafeRevision(commit) || commit.find('/') != std::string::npos)
        throw Error("the server sent an unusable commit '" + commit + "'");
    const fs::path link = fs::path(m_repo) / "snapshots" / commit / file;
    std::error_code error;
    fs::create_directories(link.parent_path(), error);
    checked(error, link.parent_path(), "create the folder");
    const fs::path target = fs::relative(blobPath(etag), link.parent_path(), error);
    checked(error, link, "work out the link to the blob");
    const fs::path temporary = link.string() + ".link";
    fs::remove(temporary, error);
    fs::create_symlink(target, temporary, error);
    if (error) { // a file system without symlinks (as huggingface_hub does: copy)
        error.clear();
        fs::copy_file(blobPath(etag), temporary, fs::copy_options::overwrite_existing, error);
    }
    checked(error, link, "create the snapshot file");
    fs::rename(temporary, link, error);
    checked(error, link, "move the snapshot file into place");
}

void HubCacheWriter::writeRef(const std::string& revision, const std::string& commit) const
{
    if (revision == commit)
        return;
    if (!isSafeRevision(revision))
        throw Error("'" + revision + "' is not a usable revision name");
    writeAtomically(fs::path(m_repo) / "refs" / revision, commit);
}

void HubCacheWriter::writeNote(const std::string& name, const std::string& contents) const
{
    writeAtomically(fs::path(m_repo) / name, contents);
}

} // namespace domaintune
