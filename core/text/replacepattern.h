#pragma once

#include "core/text/normalizedtext.h"

#include <memory>
#include <string>
#include <string_view>
#include <unicode/uversion.h>
#include <vector>

U_NAMESPACE_BEGIN
class RegexPattern;
U_NAMESPACE_END

namespace domaintune {

/**
 * The `Replace` normaliser of a tokenizer.json: every non-overlapping match of a literal string
 * or a regular expression (ICU syntax, which covers what tokenizer files use, e.g. " {2,}") is
 * replaced by a fixed text, aligned as the `tokenizers` library aligns it. Immutable;
 * thread-safe.
 */
class ReplacePattern
{
public:
    /** A literal pattern. */
    static std::shared_ptr<const ReplacePattern> literal(std::string pattern, std::string content);
    /** A regular expression; throws std::invalid_argument when ICU cannot compile it. */
    static std::shared_ptr<const ReplacePattern> regex(const std::string& pattern,
                                                       std::string content);
    ~ReplacePattern();

    /** Byte ranges of the matches in @p text, left to right, not overlapping. */
    std::vector<ByteSpan> find(const std::string& text) const;
    NormalizedText normalize(const NormalizedText& text) const;

private:
    ReplacePattern() = default;
    std::string m_literal;
    std::unique_ptr<icu::RegexPattern> m_regex;
    std::string m_content;
};

} // namespace domaintune
