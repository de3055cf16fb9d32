#pragma once

#include <cstddef>
#include <string>

namespace domaintune {

/**
 * Incremental SHA-256 (FIPS 180-4), for bundle member checksums, content fingerprints and
 * downloaded model files. Computed by OpenSSL's libcrypto, which uses the CPU's SHA extensions
 * where there are some (several times faster than portable code on large weights files).
 *
 * Not thread-safe: one object per thread. Not copyable.
 */
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
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
    void* m_context = nullptr; ///< OpenSSL's EVP_MD_CTX.
};

} // namespace domaintune
