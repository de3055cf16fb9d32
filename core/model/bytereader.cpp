#include "core/model/bytereader.h"

#include "core/common/error.h"

namespace domaintune {

std::uint64_t readLittleEndian(const std::byte* data, std::size_t width)
{
    std::uint64_t value = 0;
    for (std::size_t i = width; i > 0; --i)
        value = (value << 8) | std::to_integer<std::uint64_t>(data[i - 1]);
    return value;
}

ByteReader::ByteReader(const std::byte* data, std::size_t size, std::string file)
    : m_data(data), m_size(size), m_file(std::move(file))
{}

void ByteReader::require(std::size_t count, const char* what) const
{
    if (count > remaining())
        throw Error(m_file, 0,
                    std::string("unexpected end of data reading ") + what + " at byte " +
                        std::to_string(m_position) + ": needs " + std::to_string(count) +
                        " bytes, " + std::to_string(remaining()) + " left",
                    "The file is truncated or corrupt; download it again.");
}

void ByteReader::seek(std::size_t offset, const char* what)
{
    if (offset > m_size)
        throw Error(m_file, 0,
                    std::string(what) + " points to byte " + std::to_string(offset) +
                        ", beyond the end (" + std::to_string(m_size) + " bytes)",
                    "The file is truncated or corrupt; download it again.");
    m_position = offset;
}

std::uint8_t ByteReader::u8(const char* what)
{
    return static_cast<std::uint8_t>(readLittleEndian(bytes(1, what), 1));
}

std::uint16_t ByteReader::u16(const char* what)
{
    return static_cast<std::uint16_t>(readLittleEndian(bytes(2, what), 2));
}

std::uint32_t ByteReader::u32(const char* what)
{
    return static_cast<std::uint32_t>(readLittleEndian(bytes(4, what), 4));
}

std::uint64_t ByteReader::u64(const char* what)
{
    return readLittleEndian(bytes(8, what), 8);
}

const std::byte* ByteReader::bytes(std::size_t count, const char* what)
{
    require(count, what);
    const std::byte* start = m_data + m_position;
    m_position += count;
    return start;
}

std::string ByteReader::string(std::size_t count, const char* what)
{
    const std::byte* start = bytes(count, what);
    return std::string(reinterpret_cast<const char*>(start), count);
}

} // namespace domaintune
