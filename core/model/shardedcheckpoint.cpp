#include "core/model/shardedcheckpoint.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/model/checkpointreader.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace domaintune {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/** The index's view of the shards: which tensors each shard file must hold, in order. */
struct ShardIndex
{
    std::vector<std::string> shards; ///< Distinct file names, in first-mention order.
    std::map<std::string, std::set<std::string>> tensorsByShard;
    std::map<std::string, std::string> metadata;
};

json readJson(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the shard index",
                    "Check that it exists and is readable.");
    std::stringstream text;
    text << in.rdbuf();
    json value = parseBoundedJsonOrDiscarded(text.str());
    if (value.is_discarded() || !value.is_object())
        throw Error(path, 0, "the shard index is not a JSON object",
                    "The file is truncated or corrupt; download it again.");
    return value;
}

void checkShardName(const std::string& path, const std::string& tensor, const std::string& shard)
{
    const fs::path name(shard);
    // Longer than a file name may be: the file system refuses to look it up ("File name too
    // long" thrown from std::filesystem, found by fuzz_checkpoint).
    bool escapes = shard.empty() || shard.size() > 255 || name.is_absolute();
    for (const auto& part : name)
        escapes = escapes || part == "..";
    if (escapes)
        throw Error(path, 0,
                    "tensor '" + tensor + "' names the shard '" + shard +
                        "', which is not a file inside the model folder",
                    "The index is corrupt; download it again.");
}

ShardIndex parseIndex(const std::string& path)
{
    const json index = readJson(path);
    const auto map = index.find("weight_map");
    if (map == index.end() || !map->is_object())
        throw Error(path, 0, "the shard index has no \"weight_map\" object",
                    "The file is truncated or corrupt; download it again.");
    ShardIndex result;
    for (const auto& item : map->items()) {
        if (!item.value().is_string())
            throw Error(path, 0, "weight_map entry '" + item.key() + "' is not a file name",
                        "The file is truncated or corrupt; download it again.");
        const std::string shard = item.value().get<std::string>();
        checkShardName(path, item.key(), shard);
        if (!result.tensorsByShard.count(shard))
            result.shards.push_back(shard);
        result.tensorsByShard[shard].insert(item.key());
    }
    const auto metadata = index.find("metadata");
    if (metadata != index.end() && metadata->is_object())
        for (const auto& item : metadata->items())
            result.metadata[item.key()] =
                item.value().is_string() ? item.value().get<std::string>() : item.value().dump();
    return result;
}

void requireShardsPresent(const std::string& path, const fs::path& folder, const ShardIndex& index)
{
    std::string missing;
    std::size_t count = 0;
    for (const auto& shard : index.shards) {
        std::error_code error; // a name the file system cannot look up is simply not there
        if (fs::is_regular_file(folder / shard, error))
            continue;
        missing += (count++ ? ", " : "") + shard;
    }
    if (count)
        throw Error(path, 0,
                    std::to_string(count) + " of the " + std::to_string(index.shards.size()) +
                        " shard files the index lists are missing from " + folder.string() + ": " +
                        missing,
                    "Download every shard the index lists into the model folder.");
}

/** Appends @p shard's tensors to @p into, checking them against the index. */
void mergeShard(const std::string& indexPath, const std::string& shardName, Checkpoint shard,
                const std::set<std::string>& expected, std::set<std::string>& seen,
                Checkpoint& into)
{
    std::set<std::string> found;
    std::size_t unlisted = 0;
    for (auto& tensor : shard.tensors) {
        if (!seen.insert(tensor.name).second)
            throw Error(indexPath, 0,
                        "tensor '" + tensor.name + "' appears in more than one shard (again in " +
                            shardName + ")",
                        "The checkpoint is inconsistent; download it again.");
        found.insert(tensor.name);
        unlisted += expected.count(tensor.name) ? 0 : 1;
        into.tensors.push_back(std::move(tensor));
    }
    for (const auto& name : expected)
        if (!found.count(name))
            throw Error(indexPath, 0,
                        "the index places tensor '" + name + "' in " + shardName +
                            ", but that shard does not contain it",
                        "The shard or the index is from another download; download both again.");
    if (unlisted)
        into.notes.push_back(shardName + " holds " + std::to_string(unlisted) +
                             " tensors that the index does not list; they were kept");
    into.notes.insert(into.notes.end(), shard.notes.begin(), shard.notes.end());
    into.files.insert(into.files.end(), shard.files.begin(), shard.files.end());
    if (into.format.empty())
        into.format = shard.format;
}

} // namespace

Checkpoint readShardedCheckpoint(const std::string& indexPath)
{
    const ShardIndex index = parseIndex(indexPath);
    const fs::path folder = fs::path(indexPath).parent_path();
    requireShardsPresent(indexPath, folder, index);
    Checkpoint result;
    std::set<std::string> seen;
    for (const auto& shard : index.shards) {
        Checkpoint part = readCheckpointFile((folder / shard).string());
        mergeShard(indexPath, shard, std::move(part), index.tensorsByShard.at(shard), seen, result);
    }
    result.metadata = index.metadata;
    result.format = "sharded " + result.format;
    result.files.insert(result.files.begin(), indexPath);
    return result;
}

} // namespace domaintune
