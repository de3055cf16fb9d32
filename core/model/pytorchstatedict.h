#pragma once

// Internal to the PyTorch checkpoint reader: turning an unpickled object plus the bytes of its
// storages into RawTensors. Shared by the zip and the legacy format.

#include "core/model/checkpoint.h"
#include "core/model/mappedfile.h"
#include "core/model/picklevalue.h"
#include "core/model/rawtensor.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/** Where the bytes of one storage lie (inside memory that the owner keeps alive). */
struct StorageBytes
{
    const std::byte* data = nullptr;
    std::size_t bytes = 0;
};

/**
 * Finds the tensor dict in @p root (unwrapping {"state_dict": ...}-style wrappers, with a note
 * in @p notes) and returns its tensors with data resolved from @p storages. Throws
 * domaintune::Error naming @p file when the object is not a tensor dict, a storage is missing,
 * or a tensor reaches outside its storage. Thread-safe.
 */
std::vector<RawTensor> tensorsFromPickle(const PickleValue& root,
                                         const std::map<std::string, StorageBytes>& storages,
                                         const std::shared_ptr<const void>& owner,
                                         const std::string& file, std::vector<std::string>& notes);

/** Reads a legacy (pre-1.6, non-zip) torch.save stream from @p file. */
Checkpoint readLegacyTorchFile(const std::shared_ptr<const MappedFile>& file);

/** Returns true when @p file starts with the legacy torch.save magic number pickle. */
bool looksLikeLegacyTorchFile(const MappedFile& file);

} // namespace domaintune
