#pragma once

#include "core/train/trainer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** How to build a base model from scratch. Plain value type. */
struct PretrainSpec
{
    std::vector<std::string> corpus; ///< Text files or folders (plain text, Markdown, CSV...).
    std::string outputDir;
    std::int64_t vocabSize = 8000;
    std::int64_t layers = 4;
    std::int64_t hidden = 256;
    std::int64_t heads = 4;
    std::int64_t maxLength = 128;
    std::int64_t epochs = 1;
    std::int64_t maxSteps = -1;
    std::int64_t batchSize = 32;
    double learningRate = 5e-4;
    /** Dropout while pretraining; a short pretraining learns faster without it. The model's
     * config.json keeps transformers' 0.1 for fine-tuning. */
    double dropout = 0.0;
    std::uint64_t seed = 42;
    int threads = 0;
    bool wholeWordMasking = false;
    std::int64_t checkpointSteps = 0; ///< > 0: checkpoint every N steps (a resume starts there).
};

/**
 * Builds a BERT-style encoder from nothing: trains a SentencePiece unigram vocabulary on the
 * corpus (libsentencepiece's trainer, [CLS]/[SEP]/[MASK] as control symbols, character
 * coverage for Chinese), writes the folder's config and tokenizer files, then pretrains with
 * masked language modelling. The result, OUTPUT/model, is a normal Hugging Face folder
 * (config.json, model.safetensors, spiece.model, tokenizer_config.json). Resumable: an
 * existing vocabulary is reused and training continues from OUTPUT/checkpoint.
 * Runs on the caller's thread; reports through @p sink; never throws (failures are results).
 */
TrainResult pretrainFromScratch(const PretrainSpec& spec, EventSink& sink,
                                const TrainingControl& control, bool resume = false);

} // namespace domaintune
