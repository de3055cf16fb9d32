#include "core/text/normalizedtext.h"

#include "core/text/unicodeutil.h"

#include <algorithm>

namespace domaintune {

NormalizedText::NormalizedText(std::string_view original) : m_text(original)
{
    m_begin.resize(original.size());
    m_end.resize(original.size());
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < original.size(); pos += length) {
        unicode::decode(original, pos, length);
        for (std::size_t i = pos; i < pos + length && i < original.size(); ++i) {
            m_begin[i] = static_cast<std::uint32_t>(pos);
            m_end[i] = static_cast<std::uint32_t>(std::min(pos + length, original.size()));
        }
    }
}

void NormalizedText::append(std::string_view piece, std::size_t begin, std::size_t end)
{
    m_text.append(piece);
    m_begin.insert(m_begin.end(), piece.size(), static_cast<std::uint32_t>(begin));
    m_end.insert(m_end.end(), piece.size(), static_cast<std::uint32_t>(end));
}

void NormalizedText::append(char32_t c, std::size_t begin, std::size_t end)
{
    const std::size_t before = m_text.size();
    unicode::append(m_text, c);
    const std::size_t added = m_text.size() - before;
    m_begin.insert(m_begin.end(), added, static_cast<std::uint32_t>(begin));
    m_end.insert(m_end.end(), added, static_cast<std::uint32_t>(end));
}

void NormalizedText::reserve(std::size_t bytes)
{
    m_text.reserve(bytes);
    m_begin.reserve(bytes);
    m_end.reserve(bytes);
}

ByteSpan NormalizedText::original(std::size_t begin, std::size_t end) const
{
    if (begin >= end || begin >= m_text.size())
        return {};
    return {m_begin[begin], m_end[end - 1]};
}

} // namespace domaintune
