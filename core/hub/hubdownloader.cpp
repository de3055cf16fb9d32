#include "core/hub/hubdownloader.h"

#include "core/common/boundedjson.h"
#include "core/hub/httpclient.h"
#include "core/hub/hubcache.h"
#include "core/hub/hubcachewriter.h"
#include "core/hub/hubmodelid.h"
#include "core/store/sha256.h"
#include "core/text/tokenizerfactory.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace domaintune {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

bool listed(const std::vector<std::string>& files, const std::string& name)
{
    return std::find(files.begin(), files.end(), name) != files.end();
}

/** Escapes a path for a URL: every byte but unreserved characters and '/'. */
std::string urlPath(const std::string& text)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string unquotedEtag(std::string etag)
{
    if (etag.rfind("W/", 0) == 0)
        etag.erase(0, 2);
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"')
        etag = etag.substr(1, etag.size() - 2);
    return etag;
}

std::uint64_t fileSize(const fs::path& path)
{
    std::error_code error;
    const auto size = fs::file_size(path, error);
    return error ? 0 : size;
}

/** Feeds the first @p bytes of @p file to @p hash (the part an earlier run fetched). */
void hashPrefix(const fs::path& file, std::uint64_t bytes, Sha256& hash)
{
    std::ifstream in(file, std::ios::binary);
    std::vector<char> buffer(std::size_t(1) << 20);
    while (bytes > 0 && in) {
        in.read(buffer.data(),
                static_cast<std::streamsize>(std::min<std::uint64_t>(bytes, buffer.size())));
        hash.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
        bytes -= static_cast<std::uint64_t>(in.gcount());
    }
    if (bytes > 0)
        throw Error(file.string(), 0, "cannot read the partial download",
                    "Delete it and try again.");
}

/** The state shared by the steps of one download. */
class Download
{
public:
    Download(const HubDownloadParams& params, HubDownloadObserver& observer,
             const std::atomic_bool& cancel)
        : m_params(params), m_id(HubModelId::parse(params.id)), m_observer(observer),
          m_cancel(cancel), m_writer(params.settings.cacheRoot, m_id.str())
    {}

    HubDownloadResult run();

private:
    struct Remote
    {
        std::string name, etag;
        std::uint64_t size = 0;
    };

    std::vector<std::string> authorization() const;
    [[noreturn]] void failHttp(const HttpResponse& response, const std::string& what) const;
    nlohmann::json fetchListing();
    std::vector<std::string> withShards(std::vector<std::string> files, const std::string& commit);
    Remote describe(const std::string& commit, const std::string& file);
    void fetch(const std::string& commit, const Remote& remote, HubDownloadedFile& result);
    std::string fetchOnce(const std::string& commit, const Remote& remote);
    void report(const std::string& file, std::uint64_t fileDone, std::uint64_t fileFetched);

    const HubDownloadParams& m_params;
    HubModelId m_id;
    HubDownloadObserver& m_observer;
    const std::atomic_bool& m_cancel;
    HubCacheWriter m_writer;
    HttpClient m_http;
    std::uint64_t m_done = 0, m_total = 0, m_fetched = 0;
    Clock::time_point m_start = Clock::now(), m_lastReport;
};

std::vector<std::string> Download::authorization() const
{
    if (m_params.settings.token.empty())
        return {};
    return {"Authorization: Bearer " + m_params.settings.token};
}

void Download::failHttp(const HttpResponse& response, const std::string& what) const
{
    const std::string where = m_params.settings.endpoint;
    if (response.status == 401 || response.status == 403)
        throw Error(
            "The Hub refused " + what + " of " + m_id.str() + " (HTTP " +
            std::to_string(response.status) + "): the model is gated or private. " +
            (m_params.settings.token.empty()
                 ? "Accept its terms on the Hub with your account, then set HF_TOKEN to one of "
                   "your access tokens."
                 : "The token in HF_TOKEN (or the token file) is not accepted for it: check that "
                   "it is valid and that your account was granted access."));
    if (response.status == 404)
        throw Error("No model " + m_id.str() + " at revision '" + m_params.revision + "' on " +
                    where + " (" + what +
                    ": HTTP 404). Check the id and the revision (branch, "
                    "tag or commit); ids look like sentence-transformers/all-MiniLM-L6-v2.");
    throw Error(where + " answered HTTP " + std::to_string(response.status) + " for " + what +
                " of " + m_id.str() + ". Try again later.");
}

nlohmann::json Download::fetchListing()
{
    HttpRequest request;
    request.url = m_params.settings.endpoint + "/api/models/" + urlPath(m_id.str()) + "/revision/" +
                  urlPath(m_params.revision);
    request.headers = authorization();
    const HttpResponse response = m_http.perform(request);
    if (response.status != 200)
        failHttp(response, "the file list");
    auto listing = parseBoundedJsonOrDiscarded(response.text);
    if (!listing.is_object() || !listing.contains("siblings") || !listing["siblings"].is_array())
        throw Error(request.url +
                    " did not answer with a Hub model listing (a JSON object with "
                    "\"siblings\"); is HF_ENDPOINT (" +
                    m_params.settings.endpoint + ") a Hugging Face Hub?");
    return listing;
}

std::vector<std::string> Download::withShards(std::vector<std::string> files,
                                              const std::string& commit)
{
    std::vector<std::string> all;
    for (const auto& file : files) {
        all.push_back(file);
        if (file.size() < 11 || file.compare(file.size() - 11, 11, ".index.json") != 0)
            continue;
        HttpRequest request;
        request.url = m_params.settings.endpoint + "/" + urlPath(m_id.str()) + "/resolve/" +
                      commit + "/" + urlPath(file);
        request.headers = authorization();
        const HttpResponse response = m_http.perform(request);
        if (response.status != 200)
            failHttp(response, file);
        const auto index = parseBoundedJsonOrDiscarded(response.text);
        if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
            throw Error(file + " of " + m_id.str() +
                        " has no \"weight_map\" object; it is not a "
                        "sharded-checkpoint index.");
        std::set<std::string> shards;
        for (const auto& [tensor, shard] : index["weight_map"].items())
            if (shard.is_string())
                shards.insert(shard.get<std::string>());
        all.insert(all.end(), shards.begin(), shards.end());
    }
    return all;
}

Download::Remote Download::describe(const std::string& commit, const std::string& file)
{
    HttpRequest request;
    request.url = m_params.settings.endpoint + "/" + urlPath(m_id.str()) + "/resolve/" + commit +
                  "/" + urlPath(file);
    request.headOnly = true;
    request.followRedirects = false; // the ETag of an LFS file is on the redirect
    request.headers = authorization();
    HttpResponse response = m_http.perform(request);
    if (response.status >= 300 && response.status < 400 &&
        response.header("x-linked-etag").empty() && response.header("etag").empty()) {
        request.followRedirects = true; // a renamed repository: follow to the real one
        response = m_http.perform(request);
    }
    if (response.status >= 400)
        failHttp(response, file);
    Remote remote;
    remote.name = file;
    remote.etag = unquotedEtag(response.header("x-linked-etag"));
    if (remote.etag.empty())
        remote.etag = unquotedEtag(response.header("etag"));
    if (remote.etag.empty())
        throw Error(request.url + " answered without an ETag; the server is not a Hugging Face "
                                  "Hub (check HF_ENDPOINT).");
    std::string size = response.header("x-linked-size");
    if (size.empty())
        size = response.header("content-length");
    remote.size = size.empty() ? 0 : std::strtoull(size.c_str(), nullptr, 10);
    return remote;
}

void Download::report(const std::string& file, std::uint64_t fileDone, std::uint64_t fileFetched)
{
    const auto now = Clock::now();
    if (fileDone != 0 && now - m_lastReport < std::chrono::milliseconds(100))
        return;
    m_lastReport = now;
    HubDownloadProgress progress;
    progress.file = file;
    progress.bytesDone = m_done + fileDone;
    progress.bytesTotal = m_total;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    progress.bytesPerSecond = seconds > 0 ? double(m_fetched + fileFetched) / seconds : 0;
    if (progress.bytesPerSecond > 0 && m_total > progress.bytesDone)
        progress.etaSeconds = double(m_total - progress.bytesDone) / progress.bytesPerSecond;
    m_observer.onProgress(progress);
}

/** Fetches the rest of one file into its .incomplete blob; returns the SHA-256 of it whole. */
std::string Download::fetchOnce(const std::string& commit, const Remote& remote)
{
    const fs::path partial = m_writer.incompletePath(remote.etag);
    std::uint64_t have = fileSize(partial);
    if (remote.size > 0 && have >= remote.size)
        have = 0; // as long as the file or longer, yet not committed: not trusted, start over
    HttpRequest request;
    request.url = m_params.settings.endpoint + "/" + urlPath(m_id.str()) + "/resolve/" + commit +
                  "/" + urlPath(remote.name);
    request.headers = authorization();
    request.rangeFrom = have;
    std::FILE* out = nullptr;
    std::uint64_t received = 0;
    Sha256 hash; // computed as the bytes arrive: no second pass over a large file
    request.onBodyStart = [&](long status) {
        if (status != 206)
            have = 0; // the server sent the whole file: start the partial file over
        if (have > 0)
            hashPrefix(partial, have, hash);
        out = std::fopen(partial.c_str(), have > 0 ? "r+b" : "wb");
        if (!out || (have > 0 && std::fseek(out, static_cast<long>(have), SEEK_SET) != 0))
            throw Error(partial.string(), 0, "cannot write the download",
                        "Check that the Hugging Face cache folder is writable.");
    };
    request.body = [&](const char* data, std::size_t size) {
        hash.update(data, size);
        if (std::fwrite(data, 1, size, out) != size)
            throw Error(partial.string(), 0, "cannot write the download (is the disk full?)",
                        "Free some space, then run the download again to resume it.");
        received += size;
    };
    request.progress = [&](std::uint64_t) {
        report(remote.name, have + received, received);
        return !m_cancel.load();
    };
    HttpResponse response;
    try {
        response = m_http.perform(request);
    } catch (const HttpCancelled&) {
        if (out)
            std::fclose(out);
        m_fetched += received;
        throw HubDownloadCancelled();
    } catch (...) {
        if (out)
            std::fclose(out);
        m_fetched += received;
        throw;
    }
    m_fetched += received;
    if (out && std::fclose(out) != 0)
        throw Error(partial.string(), 0, "cannot finish writing the download (is the disk full?)",
                    "Free some space, then run the download again to resume it.");
    if (response.status >= 400)
        failHttp(response, remote.name);
    if (!out) // no body at all (an empty file): the digest of what is there
        return Sha256::hexOfFile(partial.string());
    return hash.hexDigest();
}

void Download::fetch(const std::string& commit, const Remote& remote, HubDownloadedFile& result)
{
    result.name = remote.name;
    result.etag = remote.etag;
    result.size = remote.size;
    const fs::path blob = m_writer.blobPath(remote.etag);
    if (fs::exists(blob) && (remote.size == 0 || fileSize(blob) == remote.size)) {
        m_done += remote.size;
        return;
    }
    if (m_cancel.load())
        throw HubDownloadCancelled();
    const fs::path partial = m_writer.incompletePath(remote.etag);
    if (fileSize(partial) > 0)
        m_observer.onMessage("Resuming " + remote.name + " at byte " +
                             std::to_string(fileSize(partial)));
    // A dropped connection is resumed from where it stopped, a few times, before giving up.
    std::string actual;
    for (int attempt = 1;; ++attempt) {
        try {
            actual = fetchOnce(commit, remote);
            break;
        } catch (const HttpTransferError& e) {
            if (attempt == 3)
                throw Error(std::string(e.what()) + " (" + remote.name +
                            ": tried 3 times; run the download again to resume it)");
            m_observer.onMessage("The connection dropped during " + remote.name + " at byte " +
                                 std::to_string(fileSize(partial)) + "; resuming");
        }
    }
    result.fetched = true;
    const std::uint64_t got = fileSize(partial);
    if (remote.size > 0 && got != remote.size) {
        throw Error(remote.name + " of " + m_id.str() + " arrived incomplete (" +
                    std::to_string(got) + " of " + std::to_string(remote.size) +
                    " bytes). Run the download again: it resumes where it stopped.");
    }
    if (isLowerHex(remote.etag, 64)) { // an LFS file: its ETag is the SHA-256 of its bytes
        if (actual != remote.etag) {
            std::error_code error;
            fs::remove(partial, error);
            throw Error(remote.name + " of " + m_id.str() +
                        " does not match its checksum (SHA-256 " + actual + ", the Hub says " +
                        remote.etag +
                        "); the damaged file was deleted. Run the download again; if it "
                        "happens again, the server or a proxy is altering the file.");
        }
        result.verified = true;
    }
    m_writer.commitBlob(remote.etag);
    m_done += got;
    report(remote.name, 0, 0);
}

HubDownloadResult Download::run()
{
    HubDownloadResult result;
    result.id = m_id.str();
    result.revision = m_params.revision;
    if (!isSafeRevision(m_params.revision))
        throw Error("'" + m_params.revision +
                    "' is not a usable revision (a branch, tag or "
                    "commit without spaces or \"..\").");
    if (m_params.settings.offline) {
        result.snapshotDir =
            findCachedSnapshot(m_params.settings.cacheRoot, result.id, m_params.revision);
        if (result.snapshotDir.empty())
            throw Error("HF_HUB_OFFLINE is set and " + result.id + " (revision " +
                        m_params.revision + ") is not in the Hugging Face cache at " +
                        m_params.settings.cacheRoot +
                        ". Unset HF_HUB_OFFLINE to download it, or pick a cached model "
                        "(domaintune-cli models list).");
        result.commit = fs::path(result.snapshotDir).filename().string();
        result.fromCacheOnly = true;
        return result;
    }
    m_observer.onMessage("Asking " + m_params.settings.endpoint + " for " + result.id);
    const auto listing = fetchListing();
    result.commit = listing.value("sha", std::string());
    if (!isCommitHash(result.commit) && !isSafeRevision(result.commit))
        throw Error("The Hub's answer for " + result.id + " has no usable commit (\"sha\").");
    std::vector<std::string> repositoryFiles;
    for (const auto& sibling : listing["siblings"])
        if (sibling.is_object() && sibling.contains("rfilename") &&
            sibling["rfilename"].is_string())
            repositoryFiles.push_back(sibling["rfilename"].get<std::string>());
    const auto files = withShards(selectModelFiles(repositoryFiles), result.commit);
    std::vector<Remote> remotes;
    for (const auto& file : files) {
        remotes.push_back(describe(result.commit, file));
        m_total += remotes.back().size;
    }
    m_observer.onMessage(std::to_string(remotes.size()) + " files, " + std::to_string(m_total) +
                         " bytes");
    result.files.resize(remotes.size());
    for (std::size_t i = 0; i < remotes.size(); ++i)
        fetch(result.commit, remotes[i], result.files[i]);
    for (const auto& remote : remotes) // the snapshot only once every blob is whole
        m_writer.linkSnapshotFile(result.commit, remote.name, remote.etag);
    m_writer.writeRef(m_params.revision, result.commit);
    result.snapshotDir = (fs::path(m_writer.repoDir()) / "snapshots" / result.commit).string();
    result.bytesFetched = m_fetched;
    result.seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    return result;
}

} // namespace

std::vector<std::string> selectModelFiles(const std::vector<std::string>& repositoryFiles)
{
    if (!listed(repositoryFiles, "config.json"))
        throw Error("The repository has no config.json, so it is not a transformers model "
                    "DomainTune can load.");
    std::vector<std::string> chosen = {"config.json"};
    std::string weights;
    for (const auto* candidate : {"model.safetensors", "model.safetensors.index.json",
                                  "pytorch_model.bin", "pytorch_model.bin.index.json"})
        if (weights.empty() && listed(repositoryFiles, candidate))
            weights = candidate;
    if (weights.empty())
        throw Error("The repository has no weights DomainTune reads (model.safetensors, "
                    "pytorch_model.bin or their sharded index); TensorFlow, Flax and ONNX "
                    "weights are not read.");
    chosen.push_back(weights);
    for (const char* name : tokenizerFileNames())
        if (listed(repositoryFiles, name))
            chosen.push_back(name);
    return chosen;
}

HubDownloadResult downloadModel(const HubDownloadParams& params, HubDownloadObserver& observer,
                                const std::atomic_bool& cancel)
{
    return Download(params, observer, cancel).run();
}

} // namespace domaintune
