#include "core/model/pytorchcheckpoint.h"

#include "core/common/error.h"
#include "core/model/mappedfile.h"
#include "core/model/pytorchstatedict.h"
#include "core/model/restrictedunpickler.h"
#include "core/model/zipreader.h"

#include <cstring>

namespace domaintune {
namespace {

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";

/** Returns the data.pkl entry: "ARCHIVE/data.pkl" with the shortest ARCHIVE prefix. */
const ZipReader::Entry& findDataPickle(const ZipReader& zip, const std::string& path)
{
    const ZipReader::Entry* best = nullptr;
    for (const auto& entry : zip.entries()) {
        const std::string& name = entry.name;
        const bool matches =
            name == "data.pkl" ||
            (name.size() > 9 && name.compare(name.size() - 9, 9, "/data.pkl") == 0);
        if (matches && (!best || name.size() < best->name.size()))
            best = &entry;
    }
    if (!best)
        throw Error(path, 0,
                    "the zip archive has no data.pkl entry (it has " +
                        std::to_string(zip.entries().size()) + " entries)",
                    "This is not a PyTorch checkpoint, or it is corrupt; download it again.");
    return *best;
}

std::map<std::string, StorageBytes> zipStorages(const ZipReader& zip, const std::string& prefix,
                                                const std::map<std::string, StorageRef>& named)
{
    std::map<std::string, const ZipReader::Entry*> entries;
    const std::string dataPrefix = prefix + "data/";
    for (const auto& entry : zip.entries())
        if (entry.name.compare(0, dataPrefix.size(), dataPrefix) == 0)
            entries[entry.name.substr(dataPrefix.size())] = &entry;
    std::map<std::string, StorageBytes> storages;
    for (const auto& [key, ref] : named) {
        const auto found = entries.find(key);
        if (found == entries.end())
            continue; // reported with the tensor that needs it
        const ZipReader::Entry& entry = *found->second;
        const std::uint64_t declared = static_cast<std::uint64_t>(ref.numel) * dtypeSize(ref.dtype);
        if (ref.numel > (std::int64_t(1) << 56) || entry.size < declared)
            throw Error(zip.file()->path(), 0,
                        "storage '" + key + "' should hold " + std::to_string(ref.numel) + " " +
                            dtypeName(ref.dtype) + " elements (" + std::to_string(declared) +
                            " bytes) but its zip entry has " + std::to_string(entry.size) +
                            " bytes",
                        kCorruptHint);
        storages[key] = StorageBytes{zip.data(entry), static_cast<std::size_t>(entry.size)};
    }
    return storages;
}

Checkpoint readZip(const std::shared_ptr<const MappedFile>& file)
{
    const ZipReader zip(file);
    const ZipReader::Entry& pickle = findDataPickle(zip, file->path());
    const std::string prefix = pickle.name.substr(0, pickle.name.size() - 8);
    RestrictedUnpickler unpickler(zip.data(pickle), pickle.size, file->path());
    const PickleRef root = unpickler.load();
    Checkpoint checkpoint;
    const auto storages = zipStorages(zip, prefix, unpickler.storages());
    checkpoint.tensors = tensorsFromPickle(*root, storages, file, file->path(), checkpoint.notes);
    for (auto& tensor : checkpoint.tensors)
        tensor.fileMapped = true; // the storages lie inside the mapped file
    checkpoint.files.push_back(file->path());
    checkpoint.format = "pytorch-zip";
    return checkpoint;
}

bool looksLikeTar(const MappedFile& file)
{
    return file.size() >= 262 && std::memcmp(file.data() + 257, "ustar", 5) == 0;
}

} // namespace

Checkpoint PyTorchCheckpoint::read(const std::string& path)
{
    const auto file = MappedFile::open(path);
    if (ZipReader::looksLikeZip(*file))
        return readZip(file);
    if (looksLikeLegacyTorchFile(*file))
        return readLegacyTorchFile(file);
    if (looksLikeTar(*file))
        throw Error(path, 0,
                    "this is a tar-format torch checkpoint (PyTorch < 0.4), which "
                    "DomainTune does not read",
                    "Load it in Python and save it again with torch.save, or as safetensors.");
    throw Error(path, 0,
                "not a PyTorch checkpoint: it is neither a zip archive nor a legacy torch.save "
                "stream (" +
                    std::to_string(file->size()) + " bytes)",
                "Check that the download finished, or download the file again.");
}

} // namespace domaintune
