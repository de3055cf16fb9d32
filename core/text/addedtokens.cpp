#include "core/text/addedtokens.h"

#include "core/text/unicodeutil.h"

#include <algorithm>

namespace domaintune {

AddedTokens::AddedTokens(std::vector<AddedToken> tokens) : m_tokens(std::move(tokens))
{
    m_tokens.erase(std::remove_if(m_tokens.begin(), m_tokens.end(),
                                  [](const AddedToken& t) { return t.content.empty(); }),
                   m_tokens.end());
    std::stable_sort(m_tokens.begin(), m_tokens.end(),
                     [](const AddedToken& a, const AddedToken& b) {
                         return a.content.size() > b.content.size();
                     });
    for (const AddedToken& token : m_tokens)
        m_firstByte[static_cast<unsigned char>(token.content[0])] = true;
}

int AddedTokens::matchAt(std::string_view text, std::size_t pos) const
{
    const std::string_view rest = text.substr(pos);
    for (std::size_t i = 0; i < m_tokens.size(); ++i)
        if (rest.substr(0, m_tokens[i].content.size()) == m_tokens[i].content)
            return static_cast<int>(i);
    return -1;
}

namespace {

// Where the run of White_Space characters that ends at @p pos starts (not before @p floor).
std::size_t whiteSpaceBefore(std::string_view text, std::size_t floor, std::size_t pos)
{
    while (pos > floor) {
        std::size_t start = pos - 1;
        while (start > floor && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
            --start;
        std::size_t length = 0;
        if (!unicode::isWhiteSpace(unicode::decode(text, start, length)))
            break;
        pos = start;
    }
    return pos;
}

std::size_t whiteSpaceAfter(std::string_view text, std::size_t pos)
{
    std::size_t length = 0;
    while (pos < text.size() && unicode::isWhiteSpace(unicode::decode(text, pos, length)))
        pos += std::max<std::size_t>(length, 1);
    return pos;
}

} // namespace

std::vector<AddedTokens::Segment> AddedTokens::split(std::string_view text) const
{
    std::vector<Segment> segments;
    std::size_t start = 0;
    if (!m_tokens.empty()) {
        for (std::size_t pos = 0; pos < text.size();) {
            const int match =
                m_firstByte[static_cast<unsigned char>(text[pos])] ? matchAt(text, pos) : -1;
            if (match < 0) {
                ++pos;
                continue;
            }
            const AddedToken& token = m_tokens[static_cast<std::size_t>(match)];
            std::size_t begin = pos, end = pos + token.content.size();
            if (token.lstrip)
                begin = whiteSpaceBefore(text, start, begin);
            if (token.rstrip)
                end = whiteSpaceAfter(text, end);
            if (begin > start)
                segments.push_back({start, begin, -1});
            segments.push_back({begin, end, match});
            start = pos = end;
        }
    }
    if (start < text.size())
        segments.push_back({start, text.size(), -1});
    return segments;
}

} // namespace domaintune
