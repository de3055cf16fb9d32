#pragma once

#include "core/text/tokenizer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Turns token ids back into text, as the model family's decoder does: byte-level BPE tokens
 * (GPT-2, RoBERTa) back to their bytes, sentencepiece's "▁" to spaces, WordPiece's "##"
 * continuations glued to the word before. Bytes that do not form UTF-8 (a character cut between
 * tokens) become U+FFFD. Thread-safe.
 */
std::string decodeTokens(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids);

} // namespace domaintune
