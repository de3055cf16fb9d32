#pragma once

#include "core/text/normalizedtext.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** One token as a tokenizer's model produces it, before special tokens and padding. */
struct Token
{
    int id = 0;
    std::uint32_t begin = 0; ///< Byte offset into the tokenized text, inclusive.
    std::uint32_t end = 0;   ///< Byte offset into the tokenized text, exclusive.
    int wordId = -1;         ///< Index of the pre-tokenized word, -1 for none.
    bool special = false;    ///< An added special token found in the text.
};

/** How encode() shortens input longer than EncodeOptions::maxLength. */
enum class Truncation
{
    None,
    LongestFirst, ///< One token at a time from the longer sequence (the second on ties).
    OnlyFirst,
    OnlySecond,
};

/** How encodeBatch() pads. */
enum class Padding
{
    None,
    Longest,   ///< To the longest encoding of the batch.
    MaxLength, ///< To EncodeOptions::maxLength.
};

/** What encode() adds and how it truncates and pads. A plain value. */
struct EncodeOptions
{
    bool addSpecialTokens = true;
    std::size_t maxLength = 0; ///< 0 = unlimited (no truncation, no MaxLength padding).
    Truncation truncation = Truncation::LongestFirst;
    Padding padding = Padding::None;
    unsigned threads = 0; ///< For batches: 0 = std::thread::hardware_concurrency().
};

/**
 * A tokenized text or text pair, ready for a model: ids, their tokens, byte offsets into the
 * original UTF-8 text (of the sequence the token came from), word ids, masks and type ids.
 * All vectors have size() elements. A value type.
 */
struct Encoding
{
    std::vector<int> ids;
    std::vector<std::string> tokens;
    std::vector<ByteSpan> offsets;      ///< {0, 0} for special and padding tokens.
    std::vector<int> wordIds;           ///< -1 for special and padding tokens.
    std::vector<int> sequenceIds;       ///< 0 or 1 (which text); -1 for special tokens.
    std::vector<int> typeIds;           ///< token_type_ids.
    std::vector<int> attentionMask;     ///< 1 for real tokens, 0 for padding.
    std::vector<int> specialTokensMask; ///< 1 for special and padding tokens.
    std::size_t invalidUtf8 = 0;        ///< Invalid UTF-8 sequences replaced by U+FFFD.
    std::size_t truncatedTokens = 0;    ///< Tokens removed by truncation.

    std::size_t size() const { return ids.size(); }
    /** Appends one token with all its fields. */
    void push(int id, std::string token, ByteSpan offset, int wordId, int sequenceId, int typeId,
              bool special);
    /** Pads on the right to @p length with @p padId / @p padToken (no-op when not shorter). */
    void padTo(std::size_t length, int padId, const std::string& padToken);
};

} // namespace domaintune
