#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct UConverter;

namespace domaintune {

/**
 * Incremental conversion of bytes in any ICU-known encoding to UTF-8 (ucnv_*). Sequences that
 * are invalid or unmapped in the source encoding become U+FFFD; the decoder remembers on which
 * output line (counting '\n' from 1) each replacement happened, so callers can report them.
 *
 * Not thread-safe: one decoder per stream.
 */
class TextDecoder
{
public:
    /**
     * Opens a converter for @p encoding (an IANA/ICU name); throws domaintune::Error if unknown.
     * With a @p fallback, @p encoding must be UTF-8: each line that is valid UTF-8 is taken as
     * it is, and each line that is not is decoded from @p fallback instead (see fallbackLines).
     */
    explicit TextDecoder(const std::string& encoding, const std::string& fallback = {});
    ~TextDecoder();
    TextDecoder(const TextDecoder&) = delete;
    TextDecoder& operator=(const TextDecoder&) = delete;

    /**
     * Converts @p size bytes at @p data and appends the UTF-8 to @p out. A sequence cut at the
     * end of a chunk is completed by the next call; pass @p flush = true with the last chunk.
     */
    void decode(const char* data, std::size_t size, bool flush, std::string& out);

    /** One output line with replacements, and how many (1-based line numbers). */
    struct Replacement
    {
        std::int64_t line = 0;
        std::size_t count = 0;
    };
    /** Returns and forgets the replacements made since the last call. */
    std::vector<Replacement> takeReplacements();
    /** Returns and forgets the lines (1-based) decoded from the fallback encoding. */
    std::vector<std::int64_t> takeFallbackLines();
    const std::string& fallback() const { return m_fallbackName; }

    const std::string& encoding() const { return m_encoding; }

private:
    void appendUtf8(const std::u16string& units, std::size_t length, std::string& out);
    void convert(UConverter* converter, const std::string& name, const char* data, std::size_t size,
                 bool flush, std::string& out);
    void decodeLines(const char* data, std::size_t size, bool flush, std::string& out);

    std::string m_encoding;
    UConverter* m_converter = nullptr;
    std::u16string m_buffer;
    std::vector<std::size_t> m_marks; // offsets into m_buffer of this call's replacements
    std::vector<Replacement> m_replacements;
    std::int64_t m_line = 1;
    std::string m_fallbackName;
    UConverter* m_fallback = nullptr;
    std::string m_pending; ///< Bytes of a line not yet complete (fallback mode).
    std::vector<std::int64_t> m_fallbackLines;
};

} // namespace domaintune
