#pragma once

#include "core/model/checkpoint.h"

#include <string>

namespace domaintune {

/**
 * Reads a `pytorch_model.bin` without LibTorch and without running any Python object.
 *
 * Both formats torch.save has written are understood: the zip archive of torch >= 1.6
 * (ARCHIVE/data.pkl plus one STORED entry ARCHIVE/data/<key> per storage, ZIP64 included) and
 * the legacy pre-1.6 stream (magic number, protocol, sys_info, the object pickle, the storage
 * keys, then each storage as an 8-byte element count and its raw bytes). The pickle goes
 * through RestrictedUnpickler, which refuses any global but the tensor rebuilders, storages and
 * OrderedDict. The top-level object must be a dict of name -> tensor; one wrapped as
 * {"state_dict": {...}} or {"model": {...}} is unwrapped with a note.
 *
 * The file is memory-mapped once; tensors point into the mapping (zero copy, possibly
 * unaligned) and keep it alive. Views keep their storage offset and strides, so tensors that
 * share a storage (tied weights) share bytes.
 */
class PyTorchCheckpoint
{
public:
    /**
     * Reads @p path. Throws domaintune::Error naming the file and what was wrong (the global
     * refused, the tensor and numbers out of range, the object that is not a tensor dict).
     * Thread-safe: separate calls share nothing.
     */
    static Checkpoint read(const std::string& path);
};

} // namespace domaintune
