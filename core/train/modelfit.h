#pragma once

#include <cstdint>
#include <string>

namespace domaintune {

struct ModelConfig;

/**
 * Checks what a run asks of a model folder against what the model can do, before any tensor is
 * touched, so the user reads a plain message instead of LibTorch's "index out of range in
 * self" halfway through the first step:
 *  - @p maxLength (tokens per example, special tokens included) fits the model's position
 *    embeddings (RoBERTa-family models lose padding_idx + 1 of them);
 *  - the tokenizer's @p tokenizerVocabSize ids all have a row in the embeddings (the tokenizer
 *    belongs to the model).
 * @p flag names the setting for the message ("--max-length", "the maximum length"). Throws
 * domaintune::Error naming @p modelDir and the largest value that works. Any thread.
 */
void checkRunFitsModel(const ModelConfig& config, const std::string& modelDir,
                       std::int64_t maxLength, std::int64_t tokenizerVocabSize,
                       const std::string& flag = "--max-length");

} // namespace domaintune
