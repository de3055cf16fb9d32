#include "core/model/checkpointreader.h"

#include "core/common/error.h"
#include "core/model/pytorchcheckpoint.h"
#include "core/model/safetensorsfile.h"
#include "core/model/shardedcheckpoint.h"

#include <filesystem>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/** Names weight files of other frameworks, so the error can say why they were not used. */
std::string foreignWeights(const fs::path& folder)
{
    std::string found;
    for (const char* name :
         {"tf_model.h5", "flax_model.msgpack", "model.ckpt.index", "pytorch_model.pt", "model.pt"})
        if (fs::exists(folder / name))
            found += std::string(found.empty() ? "" : ", ") + name;
    return found.empty() ? std::string() : " It has " + found + ", which DomainTune does not read.";
}

} // namespace

const std::vector<std::string>& checkpointFileNames()
{
    static const std::vector<std::string> names = {
        "model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
        "pytorch_model.bin.index.json"};
    return names;
}

Checkpoint readCheckpointFile(const std::string& file)
{
    if (endsWith(file, ".index.json"))
        return readShardedCheckpoint(file);
    if (endsWith(file, ".safetensors"))
        return SafetensorsFile::open(file).toCheckpoint();
    return PyTorchCheckpoint::read(file);
}

Checkpoint readCheckpoint(const std::string& path)
{
    std::error_code error;
    if (!fs::is_directory(path, error))
        return readCheckpointFile(path);
    std::string lookedFor;
    for (const auto& name : checkpointFileNames()) {
        const fs::path candidate = fs::path(path) / name;
        if (fs::is_regular_file(candidate, error))
            return readCheckpointFile(candidate.string());
        lookedFor += (lookedFor.empty() ? "" : ", ") + name;
    }
    throw Error(path, 0,
                "the model folder has no weights: looked for " + lookedFor + "." +
                    foreignWeights(path),
                "Download the PyTorch or safetensors weights of the model into this folder.");
}

} // namespace domaintune
