#pragma once

#include <string>

namespace domaintune {

/**
 * Whether DomainTune can load a model folder, found without loading the weights: config.json
 * parses and names a supported family, weights in a format the loader reads are present, and a
 * tokenizer is found. A plain value type.
 */
struct ModelFolderCheck
{
    bool loadable = false;
    std::string reason;       ///< Why not, for a person (empty when loadable).
    std::string modelType;    ///< config.json's model_type, when it has one.
    std::string architecture; ///< The first of config.json's architectures, when given.
    std::string weightsFile;  ///< model.safetensors, pytorch_model.bin, an index, ...
    std::string tokenizer;    ///< "wordpiece", "bpe", "sentencepiece", "tokenizer.json".
};

/** Checks @p folder as described above; reads only config.json and file names. Any thread. */
ModelFolderCheck checkModelFolder(const std::string& folder);

} // namespace domaintune
