#pragma once

#include "core/text/normalizedtext.h"

#include <optional>
#include <string_view>

namespace domaintune {

/** What BertNormalizer does; the flags of tokenizer_config.json / tokenizer.json. */
struct BertNormalizerOptions
{
    bool cleanText = true;          ///< Drop NUL, U+FFFD and control characters; whitespace -> ' '.
    bool handleChineseChars = true; ///< Put spaces around CJK ideographs (tokenize_chinese_chars).
    bool lowercase = true;          ///< Python's str.lower() (do_lower_case).
    std::optional<bool> stripAccents; ///< NFD and drop Mn; unset = follow lowercase.
    bool finalSigma = true; ///< Python's final-sigma rule (the slow tokenizer); Rust has none.
};

/**
 * The normalisation half of Hugging Face's BERT BasicTokenizer (and of tokenizer.json's
 * BertNormalizer), keeping byte offsets into the original text. Immutable; thread-safe.
 */
class BertNormalizer
{
public:
    explicit BertNormalizer(BertNormalizerOptions options = {});

    /** Normalises valid UTF-8 @p text. */
    NormalizedText normalize(std::string_view text) const;
    /** Normalises @p input (already normalised by earlier steps) again, keeping alignments. */
    NormalizedText normalize(const NormalizedText& input) const;
    const BertNormalizerOptions& options() const { return m_options; }

private:
    template <typename Origin>
    NormalizedText run(std::string_view text, const Origin& originOf) const;
    void appendCharacter(NormalizedText& out, std::string_view text, char32_t c, std::size_t pos,
                         std::size_t length, ByteSpan origin) const;

    BertNormalizerOptions m_options;
    bool m_stripAccents = true;
};

} // namespace domaintune
