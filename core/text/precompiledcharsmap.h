#pragma once

#include "core/text/normalizedtext.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domaintune {

/**
 * sentencepiece's precompiled character map, the `Precompiled` normaliser of a tokenizer.json
 * (XLM-R, mBART, Marian, T5...): a double-array trie (darts-clone) from UTF-8 sequences to
 * offsets into a blob of NUL-terminated replacement strings. Immutable; thread-safe.
 */
class PrecompiledCharsMap
{
public:
    /**
     * Parses the binary map (a little-endian uint32 trie size, the trie's uint32 units, then
     * the replacement strings). Throws std::invalid_argument with what is wrong.
     */
    static std::shared_ptr<const PrecompiledCharsMap> parse(std::string_view bytes);

    /**
     * The replacement of @p chunk, as the `tokenizers` library looks it up: the *shortest* key
     * that is a prefix of @p chunk wins (its replacement stands for all of @p chunk); no key:
     * nullopt.
     */
    std::optional<std::string_view> transform(std::string_view chunk) const;

    /**
     * The `Precompiled` normaliser of the `tokenizers` library, quirks included: each extended
     * grapheme cluster shorter than 6 bytes is looked up whole, else (or when it has no entry)
     * each of its characters; offsets follow the library's alignment rules.
     */
    NormalizedText normalize(const NormalizedText& text) const;

private:
    std::vector<std::uint32_t> m_units;
    std::string m_normalized;
};

/** Decodes standard base64 (with or without '=' padding); throws std::invalid_argument. */
std::string decodeBase64(std::string_view text);

} // namespace domaintune
