#include "core/model/safetensorsfile.h"

#include "core/common/error.h"
#include "core/model/bytereader.h"
#include "core/model/mappedfile.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace domaintune {
namespace {

using nlohmann::json;

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";
constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024; // the format's own limit

/** One header entry after validation; offsets are relative to the data section. */
struct Entry
{
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

json parseHeader(const std::string& path, const std::byte* text, std::size_t size)
{
    std::set<std::string> names;
    std::string duplicate;
    const auto onEvent = [&](int depth, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::key && depth == 1 && parsed.is_string() &&
            !names.insert(parsed.get<std::string>()).second && duplicate.empty())
            duplicate = parsed.get<std::string>();
        return true;
    };
    const auto* first = reinterpret_cast<const char*>(text);
    json header = json::parse(first, first + size, onEvent, false);
    if (header.is_discarded())
        throw Error(path, 0,
                    "the header (" + std::to_string(size) + " bytes after the length) is not JSON",
                    "This is not a safetensors file, or it is corrupt; download it again.");
    if (!header.is_object())
        throw Error(path, 0,
                    std::string("the header is JSON but not an object (it is ") +
                        header.type_name() + ")",
                    kCorruptHint);
    if (!duplicate.empty())
        throw Error(path, 0, "tensor '" + duplicate + "' appears twice in the header",
                    "The file is corrupt or was written by a faulty tool; download it again.");
    return header;
}

std::map<std::string, std::string> parseMetadata(const std::string& path, const json& value)
{
    if (!value.is_object())
        throw Error(path, 0, "\"__metadata__\" is not a JSON object", kCorruptHint);
    std::map<std::string, std::string> metadata;
    for (const auto& item : value.items()) {
        if (!item.value().is_string())
            throw Error(path, 0,
                        "\"__metadata__\" entry '" + item.key() + "' is not a string (it is " +
                            item.value().type_name() + ")",
                        kCorruptHint);
        metadata[item.key()] = item.value().get<std::string>();
    }
    return metadata;
}

std::vector<std::int64_t> parseShape(const std::string& path, const std::string& name,
                                     const json& value)
{
    if (!value.is_array())
        throw Error(path, 0, "tensor '" + name + "': \"shape\" is not an array", kCorruptHint);
    std::vector<std::int64_t> shape;
    for (const auto& dim : value) {
        if (!dim.is_number_integer() || dim.get<std::int64_t>() < 0)
            throw Error(path, 0,
                        "tensor '" + name + "': \"shape\" " + value.dump() +
                            " holds something other than non-negative integers",
                        kCorruptHint);
        shape.push_back(dim.get<std::int64_t>());
    }
    checkedNumel(shape, path, name);
    return shape;
}

void parseOffsets(const std::string& path, Entry& entry, const json& value)
{
    if (!value.is_array() || value.size() != 2 || !value[0].is_number_unsigned() ||
        !value[1].is_number_unsigned())
        throw Error(path, 0,
                    "tensor '" + entry.name +
                        "': \"data_offsets\" must be two non-negative "
                        "integers, found " +
                        value.dump(),
                    kCorruptHint);
    entry.begin = value[0].get<std::uint64_t>();
    entry.end = value[1].get<std::uint64_t>();
}

const json& member(const std::string& path, const std::string& name, const json& value,
                   const char* key)
{
    const auto found = value.find(key);
    if (found == value.end())
        throw Error(path, 0, "tensor '" + name + "' has no \"" + key + "\" in the header",
                    kCorruptHint);
    return *found;
}

Entry parseEntry(const std::string& path, const std::string& name, const json& value,
                 std::uint64_t dataBytes)
{
    if (!value.is_object())
        throw Error(path, 0, "header entry '" + name + "' is not a JSON object", kCorruptHint);
    Entry entry;
    entry.name = name;
    const json& dtype = member(path, name, value, "dtype");
    if (!dtype.is_string())
        throw Error(path, 0, "tensor '" + name + "': \"dtype\" is not a string", kCorruptHint);
    entry.dtype = parseSafetensorsDType(dtype.get<std::string>(), path, name);
    entry.shape = parseShape(path, name, member(path, name, value, "shape"));
    parseOffsets(path, entry, member(path, name, value, "data_offsets"));
    if (entry.begin > entry.end || entry.end > dataBytes)
        throw Error(path, 0,
                    "tensor '" + name + "': data_offsets [" + std::to_string(entry.begin) + ", " +
                        std::to_string(entry.end) + "] lie outside the data section of " +
                        std::to_string(dataBytes) + " bytes",
                    kCorruptHint);
    const std::uint64_t expected = checkedNumel(entry.shape, path, name) * dtypeSize(entry.dtype);
    if (entry.end - entry.begin != expected)
        throw Error(path, 0,
                    "tensor '" + name + "' has " + std::to_string(entry.end - entry.begin) +
                        " bytes of data but its shape " + shapeText(entry.shape) + " and dtype " +
                        dtypeName(entry.dtype) + " need " + std::to_string(expected),
                    kCorruptHint);
    return entry;
}

void checkOverlaps(const std::string& path, std::vector<Entry>& entries)
{
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    for (std::size_t i = 1; i < entries.size(); ++i) {
        const Entry& previous = entries[i - 1];
        const Entry& current = entries[i];
        if (current.begin < previous.end)
            throw Error(path, 0,
                        "tensors '" + previous.name + "' [" + std::to_string(previous.begin) +
                            ", " + std::to_string(previous.end) + ") and '" + current.name + "' [" +
                            std::to_string(current.begin) + ", " + std::to_string(current.end) +
                            ") overlap",
                        kCorruptHint);
    }
}

/** Reads the header length and the header; leaves @p reader at the data section. */
json readHeader(ByteReader& reader)
{
    const std::string& path = reader.file();
    if (reader.remaining() < 8)
        throw Error(path, 0,
                    "the file has " + std::to_string(reader.remaining()) +
                        " bytes, fewer than the 8-byte header length",
                    kCorruptHint);
    const std::uint64_t headerBytes = reader.u64("the header length");
    if (headerBytes > reader.remaining() || headerBytes > kMaxHeaderBytes)
        throw Error(path, 0,
                    "the header length " + std::to_string(headerBytes) + " exceeds the " +
                        std::to_string(reader.remaining()) + " bytes that follow it" +
                        (headerBytes > kMaxHeaderBytes ? " (or the format's 100 MB limit)" : ""),
                    kCorruptHint);
    return parseHeader(path, reader.bytes(headerBytes, "the header"), headerBytes);
}

} // namespace

DType parseSafetensorsDType(const std::string& name, const std::string& file,
                            const std::string& tensor)
{
    static const std::map<std::string, DType> known = {
        {"F64", DType::F64}, {"F32", DType::F32},  {"F16", DType::F16}, {"BF16", DType::BF16},
        {"I64", DType::I64}, {"I32", DType::I32},  {"I16", DType::I16}, {"I8", DType::I8},
        {"U8", DType::U8},   {"BOOL", DType::Bool}};
    const auto found = known.find(name);
    if (found == known.end())
        throw Error(file, 0,
                    "tensor '" + tensor + "' has dtype '" + name +
                        "', which DomainTune does not support (supported: F64 F32 F16 BF16 I64 "
                        "I32 I16 I8 U8 BOOL)",
                    "Convert the checkpoint to float32, float16 or bfloat16.");
    return found->second;
}

SafetensorsFile SafetensorsFile::open(const std::string& path)
{
    const auto file = MappedFile::open(path);
    ByteReader reader(file->data(), file->size(), path);
    const json header = readHeader(reader);
    const std::byte* dataSection = reader.current();
    const std::uint64_t dataBytes = reader.remaining();

    SafetensorsFile result;
    result.m_path = path;
    std::vector<Entry> entries;
    for (const auto& item : header.items()) {
        if (item.key() == "__metadata__")
            result.m_metadata = parseMetadata(path, item.value());
        else
            entries.push_back(parseEntry(path, item.key(), item.value(), dataBytes));
    }
    checkOverlaps(path, entries);
    for (auto& entry : entries) {
        RawTensor tensor;
        tensor.name = std::move(entry.name);
        tensor.dtype = entry.dtype;
        tensor.strides = contiguousStrides(entry.shape);
        tensor.shape = std::move(entry.shape);
        tensor.data = dataSection + entry.begin;
        tensor.storageBytes = entry.end - entry.begin;
        tensor.owner = file;
        tensor.fileMapped = true;
        result.m_tensors.push_back(std::move(tensor));
    }
    return result;
}

Checkpoint SafetensorsFile::toCheckpoint() const
{
    Checkpoint checkpoint;
    checkpoint.tensors = m_tensors;
    checkpoint.metadata = m_metadata;
    checkpoint.files.push_back(m_path);
    checkpoint.format = "safetensors";
    return checkpoint;
}

} // namespace domaintune
