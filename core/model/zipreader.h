#pragma once

#include "core/model/mappedfile.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/**
 * A minimal reader for the zip archives that torch.save writes (PyTorch >= 1.6): it reads the
 * end-of-central-directory record (and its ZIP64 form), the central directory with ZIP64 extra
 * fields, and each entry's local header, and hands out pointers into the memory-mapped file.
 * Only STORED (uncompressed, unencrypted) entries can be read, which is what torch writes. CRCs
 * are not checked. Every offset and length is checked against the file size.
 *
 * Immutable after construction: safe to read from several threads at once.
 */
class ZipReader
{
public:
    /** One central-directory entry. */
    struct Entry
    {
        std::string name;
        std::uint16_t method = 0; ///< 0 = stored.
        std::uint16_t flags = 0;  ///< General-purpose bits (bit 0 = encrypted).
        std::uint64_t compressedSize = 0;
        std::uint64_t size = 0; ///< Uncompressed size in bytes.
        std::uint64_t localHeaderOffset = 0;
    };

    /** Returns true when @p file starts with a zip local-file or end-of-directory signature. */
    static bool looksLikeZip(const MappedFile& file);

    /**
     * Reads the central directory of @p file. Throws domaintune::Error naming the file and the
     * offending numbers when the archive is truncated or malformed.
     */
    explicit ZipReader(std::shared_ptr<const MappedFile> file);

    /** Returns the entries in central-directory order. */
    const std::vector<Entry>& entries() const { return m_entries; }
    /** Returns the entry called @p name, or nullptr. */
    const Entry* find(const std::string& name) const;
    /**
     * Returns a pointer to the bytes of @p entry inside the mapping (entry.size bytes). Throws
     * domaintune::Error when the entry is compressed, encrypted, or its data lies outside the
     * file.
     */
    const std::byte* data(const Entry& entry) const;
    /** Returns the mapped file (to keep it alive). */
    const std::shared_ptr<const MappedFile>& file() const { return m_file; }

private:
    struct Directory
    {
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
        std::uint64_t count = 0;
    };

    Directory findDirectory() const;
    void readZip64Directory(std::size_t eocdOffset, Directory& directory) const;
    void readDirectory(const Directory& directory);

    std::shared_ptr<const MappedFile> m_file;
    std::vector<Entry> m_entries;
};

} // namespace domaintune
