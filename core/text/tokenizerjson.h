#pragma once

#include "core/text/tokenizer.h"
#include "core/text/tokenizerconfig.h"

#include <memory>
#include <string>

namespace domaintune {

/**
 * Loads a Hugging Face tokenizer.json (the fast-tokenizer file): its normalizer,
 * pre-tokenizer, model (WordPiece, BPE, Unigram), post-processor and added tokens. Throws
 * domaintune::Error naming the file and the component when a part is not supported.
 */
std::unique_ptr<Tokenizer> loadTokenizerJson(const std::string& path,
                                             const TokenizerConfig& config = {});

} // namespace domaintune
