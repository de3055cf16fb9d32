#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace domaintune {

/**
 * Incremental SHA-256 (FIPS 180-4), for bundle member checksums and content fingerprints.
 *
 * Not thread-safe: one object per thread. (Kept in core/store until a shared core/common hash
 * exists; replace it then.)
 */
class Sha256
{
public:
    Sha256();
    /** Feeds @p size bytes at @p data. */
    void update(const void* data, std::size_t size);
    void update(const std::string& data) { update(data.data(), data.size()); }
    /** Finishes and returns the digest as 64 lowercase hex digits; the object is spent. */
    std::string hexDigest();

    /** Returns the hex digest of @p data. */
    static std::string hex(const std::string& data);
    /** Returns the hex digest of the file at @p path; throws domaintune::Error if unreadable. */
    static std::string hexOfFile(const std::string& path);

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;
};

} // namespace domaintune
