#pragma once

#include "core/store/bundleformat.h"

#include <string>
#include <vector>

namespace domaintune {

/**
 * Opens a run bundle (see bundleformat.h) and validates all of it before returning: magic,
 * format version, manifest JSON, member names (no path traversal), sizes adding up to the file
 * size, and every member's SHA-256. Anything wrong throws domaintune::Error with the bundle's
 * path, what is wrong and what to do; a reader that constructed is safe to use.
 * Thread affinity: one thread at a time.
 */
class BundleReader
{
public:
    explicit BundleReader(std::string path);

    const std::string& path() const { return m_path; }
    /** Returns the members in file order. */
    const std::vector<bundleformat::Entry>& entries() const { return m_entries; }
    /** Returns the member called @p name, or nullptr. */
    const bundleformat::Entry* find(const std::string& name) const;
    /** Returns a member's bytes (members up to 256 MiB; larger ones must be extracted). */
    std::string readText(const bundleformat::Entry& entry) const;
    /** Copies a member's bytes to @p destination, creating its parent folders. */
    void extract(const bundleformat::Entry& entry, const std::string& destination) const;

private:
    [[noreturn]] void fail(const std::string& what) const;
    std::string readManifest(std::istream& in, std::uint64_t fileSize) const;
    void parseManifest(const std::string& text, std::uint64_t fileSize);
    void verifyChecksums() const;

    std::string m_path;
    std::vector<bundleformat::Entry> m_entries;
};

} // namespace domaintune
