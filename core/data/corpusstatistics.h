#pragma once

#include "core/data/example.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace domaintune {

class Tokenizer;

/** What computeStatistics() measures. A plain value. */
struct StatisticsOptions
{
    const Tokenizer* tokenizer = nullptr; ///< Null: no token statistics.
    std::size_t maxLength = 512; ///< Sequences longer than this (specials included) are truncated.
    std::size_t shortCharacters = 3; ///< Texts with fewer characters count as very short.
    unsigned threads = 0;            ///< For tokenizing; 0 = all cores.
};

/** One bar of the token-length histogram: lengths in (previous upTo, upTo]. */
struct LengthBucket
{
    std::size_t upTo = 0;
    std::size_t count = 0;
};

/** What a user sees before training. A plain value. */
struct CorpusStatistics
{
    std::size_t examples = 0;
    std::map<std::string, std::size_t> labels; ///< Examples per label.
    std::map<std::string, std::size_t> splits; ///< Examples per split.
    std::map<std::string, std::size_t> tags;   ///< Token-classification tags.
    std::size_t empty = 0;                     ///< Blank text (and no tokens).
    std::size_t veryShort = 0;                 ///< Fewer than shortCharacters characters.
    std::size_t characters = 0;                ///< Code points of all texts.
    // Token statistics (tokenized == true only when a tokenizer was given):
    bool tokenized = false;
    std::vector<LengthBucket> histogram; ///< Powers of two from 8 on.
    std::size_t maxTokens = 0;
    double meanTokens = 0;
    std::size_t truncated = 0; ///< Examples longer than maxLength.
    double truncatedShare = 0;
    std::size_t tokens = 0; ///< Non-special tokens.
    std::size_t unknownTokens = 0;
    std::string unknownToken; ///< "[UNK]", "<unk>", or empty when none.
    double unknownRate = 0;   ///< unknownTokens / tokens.
    std::size_t words = 0;    ///< White-space words; CJK ideographs count one each.
    double fertility = 0;     ///< tokens / words.
};

/**
 * Computes label, split and tag counts, empty and very short texts, and with a tokenizer the
 * token-length histogram (specials included), the share truncated at maxLength, the [UNK]
 * rate and fertility (tokens per word). Tokenizes on options.threads threads; the tokenizer
 * must be configured already. Thread-safe for distinct inputs.
 */
CorpusStatistics computeStatistics(const std::vector<Example>& examples,
                                   const StatisticsOptions& options = {});

/** Returns the number of words in UTF-8 @p text: white-space runs split, CJK ideographs count one
 * each. */
std::size_t countWords(const std::string& text);

} // namespace domaintune
