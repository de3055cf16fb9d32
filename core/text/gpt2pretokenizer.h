#pragma once

#include "core/text/normalizedtext.h"

#include <string_view>
#include <vector>

namespace domaintune {

/**
 * GPT-2's pre-tokenisation pattern, written out by hand (std::regex has no \p classes and is
 * slow): 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ with
 * \s = Unicode White_Space. Stateless; thread-safe.
 */
class Gpt2PreTokenizer
{
public:
    /** Appends the byte spans of the pre-tokens of valid UTF-8 @p text to @p words. */
    static void split(std::string_view text, std::vector<ByteSpan>& words);
};

} // namespace domaintune
