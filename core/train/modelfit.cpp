#include "core/train/modelfit.h"

#include "core/common/error.h"
#include "core/model/modelconfig.h"

namespace domaintune {

void checkRunFitsModel(const ModelConfig& config, const std::string& modelDir,
                       std::int64_t maxLength, std::int64_t tokenizerVocabSize,
                       const std::string& flag)
{
    const std::int64_t usable = config.maxPositions - config.positionOffset;
    if (maxLength > usable)
        throw Error(modelDir, 0,
                    flag + " " + std::to_string(maxLength) + " is longer than this model reads: " +
                        "its position embeddings hold " + std::to_string(usable) + " tokens (" +
                        "max_position_embeddings " + std::to_string(config.maxPositions) +
                        (config.positionOffset > 0
                             ? ", less " + std::to_string(config.positionOffset) +
                                   " reserved by the " + config.modelType + " family"
                             : std::string()) +
                        ")",
                    "Set " + flag + " to " + std::to_string(usable) + " or less.");
    if (tokenizerVocabSize > config.vocabSize)
        throw Error(modelDir, 0,
                    "the tokenizer has " + std::to_string(tokenizerVocabSize) +
                        " tokens but the model's embeddings only " +
                        std::to_string(config.vocabSize) + " (vocab_size in config.json)",
                    "The tokenizer files do not belong to these weights: use the tokenizer the "
                    "model was trained with.");
}

} // namespace domaintune
