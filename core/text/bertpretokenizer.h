#pragma once

#include "core/text/normalizedtext.h"

#include <string_view>
#include <vector>

namespace domaintune {

/**
 * The splitting half of BERT's BasicTokenizer (tokenizer.json's BertPreTokenizer): words end at
 * whitespace, and every punctuation character (ASCII 33-47, 58-64, 91-96, 123-126 or Unicode
 * P*) is a word of its own. Stateless; thread-safe.
 */
class BertPreTokenizer
{
public:
    /** Appends the byte spans of the words of valid UTF-8 @p text to @p words. */
    static void split(std::string_view text, std::vector<ByteSpan>& words);
};

} // namespace domaintune
