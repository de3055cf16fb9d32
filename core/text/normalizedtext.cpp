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

void NormalizedText::transformRange(std::size_t begin, std::size_t end,
                                    const std::vector<Change>& changes, std::size_t initialRemoved)
{
    end = std::min(end, m_text.size());
    begin = std::min(begin, end);
    std::size_t cursor = begin; // the next character of the range to consume
    const auto consume = [&] {
        if (cursor >= end)
            return;
        std::size_t length = 0;
        unicode::decode(m_text, cursor, length);
        cursor = std::min(end, cursor + std::max<std::size_t>(length, 1));
    };
    for (std::size_t i = 0; i < initialRemoved; ++i)
        consume();
    std::string text;
    std::vector<std::uint32_t> first, last;
    for (const Change& change : changes) {
        std::uint32_t from = 0, to = 0;
        if (change.change > 0) {
            if (cursor >= 1 && cursor - 1 < m_begin.size()) {
                from = m_begin[cursor - 1];
                to = m_end[cursor - 1];
            }
        } else if (cursor < m_begin.size()) {
            from = m_begin[cursor];
            to = m_end[cursor];
        } else if (!m_begin.empty()) { // the library would fail here; keep the last origin
            from = m_begin.back();
            to = m_end.back();
        }
        if (change.change <= 0)
            consume();
        for (int removed = 0; removed < -change.change; ++removed)
            consume();
        const std::size_t before = text.size();
        unicode::append(text, change.c);
        first.insert(first.end(), text.size() - before, from);
        last.insert(last.end(), text.size() - before, to);
    }
    m_text.replace(begin, end - begin, text);
    m_begin.erase(m_begin.begin() + static_cast<std::ptrdiff_t>(begin),
                  m_begin.begin() + static_cast<std::ptrdiff_t>(end));
    m_begin.insert(m_begin.begin() + static_cast<std::ptrdiff_t>(begin), first.begin(),
                   first.end());
    m_end.erase(m_end.begin() + static_cast<std::ptrdiff_t>(begin),
                m_end.begin() + static_cast<std::ptrdiff_t>(end));
    m_end.insert(m_end.begin() + static_cast<std::ptrdiff_t>(begin), last.begin(), last.end());
}

ByteSpan NormalizedText::original(std::size_t begin, std::size_t end) const
{
    if (begin >= end || begin >= m_text.size())
        return {};
    return {m_begin[begin], m_end[end - 1]};
}

} // namespace domaintune
