#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace domaintune {

/** A byte range [begin, end) of some text. */
struct ByteSpan
{
    std::size_t begin = 0;
    std::size_t end = 0;
    bool operator==(const ByteSpan& other) const
    {
        return begin == other.begin && end == other.end;
    }
};

/**
 * Text after normalisation (lower-casing, accent stripping, cleaning...) that remembers, for
 * every byte, which bytes of the original text it came from, so that tokens found in the
 * normalised text get offsets into the original. A value type; not shared between threads.
 */
class NormalizedText
{
public:
    NormalizedText() = default;
    /** Wraps @p original unchanged (every byte maps to itself). */
    explicit NormalizedText(std::string_view original);

    const std::string& text() const { return m_text; }
    std::size_t size() const { return m_text.size(); }
    bool empty() const { return m_text.empty(); }

    /** Appends UTF-8 @p piece that stands for original bytes [@p begin, @p end). */
    void append(std::string_view piece, std::size_t begin, std::size_t end);
    /** Appends code point @p c that stands for original bytes [@p begin, @p end). */
    void append(char32_t c, std::size_t begin, std::size_t end);
    void reserve(std::size_t bytes);
    /** Appends one byte (an ASCII character) standing for original bytes [@p begin, @p end). */
    void push(char byte, std::size_t begin, std::size_t end)
    {
        m_text.push_back(byte);
        m_begin.push_back(static_cast<std::uint32_t>(begin));
        m_end.push_back(static_cast<std::uint32_t>(end));
    }

    /** One character of a transformation: see transformRange(). */
    struct Change
    {
        char32_t c;
        int change; ///< 1: inserted; 0: replaces the next character; -n: and removes n more.
    };
    /**
     * Replaces normalised bytes [@p begin, @p end) with @p changes, exactly as the `tokenizers`
     * library's NormalizedString::transform_range aligns them: the first @p initialRemoved
     * characters of the range are dropped; a replacing character takes the origin of the
     * character it replaces, an inserted one the origin of the byte before it. Characters of
     * the range left over at the end are dropped.
     */
    void transformRange(std::size_t begin, std::size_t end, const std::vector<Change>& changes,
                        std::size_t initialRemoved);

    /** Returns the original byte range that normalised bytes [@p begin, @p end) came from. */
    ByteSpan original(std::size_t begin, std::size_t end) const;
    /** Returns the original range of the character whose first byte is @p pos. */
    ByteSpan originOf(std::size_t pos) const { return {m_begin[pos], m_end[pos]}; }

private:
    std::string m_text;
    std::vector<std::uint32_t> m_begin;
    std::vector<std::uint32_t> m_end;
};

} // namespace domaintune
