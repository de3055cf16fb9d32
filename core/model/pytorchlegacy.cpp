// The legacy (pre-1.6) torch.save stream: a chain of pickles followed by raw storages.
#include "core/common/error.h"
#include "core/model/bytereader.h"
#include "core/model/pytorchstatedict.h"
#include "core/model/restrictedunpickler.h"

#include <cstring>

namespace domaintune {
namespace {

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";

// pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2): PROTO 2, LONG1 of 10 bytes, STOP.
constexpr unsigned char kMagic[] = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46,
                                    0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e};

PickleRef nextPickle(ByteReader& reader)
{
    RestrictedUnpickler unpickler(reader.bytes(0, "a pickle"), reader.remaining(), reader.file());
    PickleRef value = unpickler.load();
    reader.bytes(unpickler.consumed(), "a pickle");
    return value;
}

void checkHeader(ByteReader& reader)
{
    reader.bytes(sizeof kMagic, "the magic number");
    const PickleRef protocol = nextPickle(reader);
    if (protocol->kind != PickleKind::Int || protocol->integer != 1001)
        throw Error(reader.file(), 0,
                    "unsupported legacy torch.save protocol (" + protocol->describe() +
                        ", expected 1001)",
                    "Load it in Python and save it again with torch.save, or as safetensors.");
    const PickleRef systemInfo = nextPickle(reader);
    const PickleRef littleEndian =
        systemInfo->kind == PickleKind::Dict ? systemInfo->item("little_endian") : nullptr;
    if (littleEndian && littleEndian->kind == PickleKind::Bool && !littleEndian->boolean)
        throw Error(reader.file(), 0, "the checkpoint was saved on a big-endian machine",
                    "Load it in Python on this machine and save it again.");
}

std::vector<std::string> storageKeys(ByteReader& reader)
{
    const PickleRef keys = nextPickle(reader);
    if (keys->kind != PickleKind::List)
        throw Error(reader.file(), 0,
                    "the storage key list is " + keys->describe() + ", not a list", kCorruptHint);
    std::vector<std::string> result;
    for (const auto& key : keys->items) {
        if (key->kind != PickleKind::String)
            throw Error(reader.file(), 0, "a storage key is " + key->describe(), kCorruptHint);
        result.push_back(key->text);
    }
    return result;
}

std::map<std::string, StorageBytes> readStorages(ByteReader& reader,
                                                 const std::vector<std::string>& keys,
                                                 const std::map<std::string, StorageRef>& named)
{
    std::map<std::string, StorageBytes> storages;
    for (const auto& key : keys) {
        const auto ref = named.find(key);
        if (ref == named.end())
            throw Error(reader.file(), 0,
                        "storage '" + key + "' is listed but no tensor names its type",
                        kCorruptHint);
        const std::size_t elementSize = dtypeSize(ref->second.dtype);
        const std::uint64_t count = reader.u64("a storage's element count");
        if (count > reader.remaining() / elementSize)
            throw Error(reader.file(), 0,
                        "storage '" + key + "' claims " + std::to_string(count) + " " +
                            dtypeName(ref->second.dtype) + " elements but only " +
                            std::to_string(reader.remaining()) + " bytes remain",
                        kCorruptHint);
        const std::size_t bytes = count * elementSize;
        storages[key] = StorageBytes{reader.bytes(bytes, "storage data"), bytes};
    }
    return storages;
}

} // namespace

bool looksLikeLegacyTorchFile(const MappedFile& file)
{
    return file.size() >= sizeof kMagic && std::memcmp(file.data(), kMagic, sizeof kMagic) == 0;
}

Checkpoint readLegacyTorchFile(const std::shared_ptr<const MappedFile>& file)
{
    ByteReader reader(file->data(), file->size(), file->path());
    checkHeader(reader);
    RestrictedUnpickler unpickler(reader.current(), reader.remaining(), file->path());
    const PickleRef root = unpickler.load();
    reader.bytes(unpickler.consumed(), "the object pickle");
    const auto keys = storageKeys(reader);
    const auto storages = readStorages(reader, keys, unpickler.storages());
    Checkpoint checkpoint;
    checkpoint.tensors = tensorsFromPickle(*root, storages, file, file->path(), checkpoint.notes);
    for (auto& tensor : checkpoint.tensors)
        tensor.fileMapped = true; // the storages lie inside the mapped file
    checkpoint.files.push_back(file->path());
    checkpoint.format = "pytorch-legacy";
    return checkpoint;
}

} // namespace domaintune
