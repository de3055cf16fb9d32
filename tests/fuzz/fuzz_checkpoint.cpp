// Weights files: safetensors, the PyTorch zip format (zip reader + restricted unpickler), the
// legacy pickle format and a sharded checkpoint's index. Every input must end in a result or a
// domaintune::Error.
#include "core/common/error.h"
#include "core/model/checkpointreader.h"
#include "core/model/pytorchcheckpoint.h"
#include "core/model/safetensorsfile.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace domaintune;
    try {
        SafetensorsFile::open(fuzz::writeInput(data, size, "model.safetensors")).toCheckpoint();
    } catch (const Error&) {
    }
    try {
        PyTorchCheckpoint::read(fuzz::writeInput(data, size, "pytorch_model.bin"));
    } catch (const Error&) {
    }
    try {
        readCheckpointFile(fuzz::writeInput(data, size, "model.safetensors.index.json"));
    } catch (const Error&) {
    }
    return 0;
}
