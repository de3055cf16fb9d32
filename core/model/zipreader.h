#pragma once

#include "core/model/mappedfile.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/**
 * A minimal reader for the zip archives that torch.save writes (PyTorch >= 1.6): it reads the
 * end-of-central-directory record (and its ZIP64 form), the central directory with ZIP64 extra
 * fields, and each entry's local header, and hands out pointers into the memory-mapped file.
 * data() hands out STORED (uncompressed, unencrypted) entries, which is what torch writes, without
 * checking CRCs; extract() also inflates DEFLATE entries (Python wheels) and checks the size and
 * CRC-32. Every offset and length is checked against the file size.
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
        std::uint32_t crc32 = 0;  ///< CRC-32 of the uncompressed bytes.
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
    /**
     * Streams the uncompressed bytes of a STORED or DEFLATE @p entry to @p sink in chunks, then
     * checks that their count and CRC-32 match the directory. Throws domaintune::Error naming
     * the archive and the entry when the entry is encrypted, uses another method, or its data
     * is damaged; @p sink may throw to stop early.
     */
    void extract(const Entry& entry,
                 const std::function<void(const std::byte* data, std::size_t size)>& sink) const;
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
    /** Returns the entry's bytes as stored (entry.compressedSize of them). */
    const std::byte* storedBytes(const Entry& entry) const;
    void inflateRaw(const std::byte* stored, const Entry& entry,
                    const std::function<void(const std::byte*, std::size_t)>& deliver) const;

    std::shared_ptr<const MappedFile> m_file;
    std::vector<Entry> m_entries;
};

} // namespace domaintune
