#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace domaintune {

/**
 * A bounds-checked little-endian cursor over bytes that belong to a file. Every read checks the
 * remaining length first and throws domaintune::Error naming @p file, the offset, and what was
 * being read, so a truncated or fuzzed file never reads out of bounds.
 *
 * Not thread-safe (it has a position); the bytes themselves are only read.
 */
class ByteReader
{
public:
    ByteReader(const std::byte* data, std::size_t size, std::string file);

    /** Returns the number of bytes not yet read. */
    std::size_t remaining() const { return m_size - m_position; }
    /** Returns a pointer to the next unread byte. */
    const std::byte* current() const { return m_data + m_position; }
    /** Returns the current offset from the start. */
    std::size_t position() const { return m_position; }
    /** Moves to @p offset; throws when it lies beyond the end. */
    void seek(std::size_t offset, const char* what);

    std::uint8_t u8(const char* what);
    std::uint16_t u16(const char* what);
    std::uint32_t u32(const char* what);
    std::uint64_t u64(const char* what);
    /** Returns a pointer to the next @p count bytes and skips them. */
    const std::byte* bytes(std::size_t count, const char* what);
    /** Returns the next @p count bytes as a string and skips them. */
    std::string string(std::size_t count, const char* what);

    /** Returns the file name given at construction. */
    const std::string& file() const { return m_file; }

private:
    void require(std::size_t count, const char* what) const;

    const std::byte* m_data;
    std::size_t m_size;
    std::size_t m_position = 0;
    std::string m_file;
};

/** Reads a little-endian unsigned integer of @p width bytes (1..8) at @p data (unaligned). */
std::uint64_t readLittleEndian(const std::byte* data, std::size_t width);

} // namespace domaintune
