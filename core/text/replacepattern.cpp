#include "core/text/replacepattern.h"

#include "core/text/unicodeutil.h"

#include <stdexcept>
#include <unicode/regex.h>
#include <unicode/utext.h>

namespace domaintune {

std::shared_ptr<const ReplacePattern> ReplacePattern::literal(std::string pattern,
                                                              std::string content)
{
    auto out = std::shared_ptr<ReplacePattern>(new ReplacePattern());
    out->m_literal = std::move(pattern);
    out->m_content = std::move(content);
    return out;
}

std::shared_ptr<const ReplacePattern> ReplacePattern::regex(const std::string& pattern,
                                                            std::string content)
{
    auto out = std::shared_ptr<ReplacePattern>(new ReplacePattern());
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    out->m_regex.reset(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, where, status));
    if (U_FAILURE(status) || !out->m_regex)
        throw std::invalid_argument("the regular expression \"" + pattern +
                                    "\" does not compile (" + u_errorName(status) +
                                    " at character " + std::to_string(where.offset) + ")");
    out->m_content = std::move(content);
    return out;
}

ReplacePattern::~ReplacePattern() = default;

std::vector<ByteSpan> ReplacePattern::find(const std::string& text) const
{
    std::vector<ByteSpan> out;
    if (!m_regex) {
        if (m_literal.empty())
            return out;
        for (std::size_t at = text.find(m_literal); at != std::string::npos;
             at = text.find(m_literal, at + m_literal.size()))
            out.push_back({at, at + m_literal.size()});
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    std::unique_ptr<icu::RegexMatcher> matcher(m_regex->matcher(status));
    if (U_SUCCESS(status) && matcher) {
        matcher->reset(utext);
        while (matcher->find(status) && U_SUCCESS(status)) {
            const auto begin = static_cast<std::size_t>(matcher->start64(status));
            const auto end = static_cast<std::size_t>(matcher->end64(status));
            if (end > begin) // an empty match replaces nothing
                out.push_back({begin, end});
        }
    }
    matcher.reset();
    utext_close(utext);
    return out;
}

NormalizedText ReplacePattern::normalize(const NormalizedText& text) const
{
    const std::vector<ByteSpan> matches = find(text.text());
    if (matches.empty())
        return text;
    std::vector<NormalizedText::Change> inserted;
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < m_content.size(); pos += length)
        inserted.push_back({unicode::decode(m_content, pos, length), 1});
    NormalizedText out = text;
    long shift = 0; // bytes added so far by earlier replacements
    for (const ByteSpan& match : matches) {
        const std::size_t begin = static_cast<std::size_t>(static_cast<long>(match.begin) + shift);
        const std::size_t end = static_cast<std::size_t>(static_cast<long>(match.end) + shift);
        const std::size_t removed =
            unicode::countCharacters(std::string_view(out.text()).substr(begin, end - begin));
        out.transformRange(begin, end, inserted, removed);
        shift += static_cast<long>(m_content.size()) - static_cast<long>(match.end - match.begin);
    }
    return out;
}

} // namespace domaintune
