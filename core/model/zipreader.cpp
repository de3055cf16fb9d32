#include "core/model/zipreader.h"

#include "core/common/error.h"
#include "core/model/bytereader.h"

#include <algorithm>
#include <vector>
#include <zlib.h>

namespace domaintune {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::size_t kEndOfDirectoryBytes = 22;
constexpr std::size_t kLocatorBytes = 20;
constexpr std::uint16_t kZip64ExtraId = 0x0001;

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";

/** Replaces the 0xFFFFFFFF placeholders of @p entry from its ZIP64 extra field. */
void applyZip64Extra(ByteReader extra, ZipReader::Entry& entry, bool sizeMissing,
                     bool compressedMissing, bool offsetMissing)
{
    while (extra.remaining() >= 4) {
        const std::uint16_t id = extra.u16("an extra-field id");
        const std::uint16_t length = extra.u16("an extra-field length");
        ByteReader field(extra.bytes(length, "an extra field"), length, extra.file());
        if (id != kZip64ExtraId)
            continue;
        if (sizeMissing)
            entry.size = field.u64("a ZIP64 size");
        if (compressedMissing)
            entry.compressedSize = field.u64("a ZIP64 compressed size");
        if (offsetMissing)
            entry.localHeaderOffset = field.u64("a ZIP64 local header offset");
        return;
    }
    if (sizeMissing || compressedMissing || offsetMissing)
        throw Error(extra.file(), 0,
                    "zip entry '" + entry.name + "' needs a ZIP64 extra field but has none",
                    kCorruptHint);
}

ZipReader::Entry readCentralEntry(ByteReader& reader)
{
    if (reader.u32("a central directory signature") != kCentralHeader)
        throw Error(reader.file(), 0,
                    "bad central directory entry signature at byte " +
                        std::to_string(reader.position() - 4),
                    kCorruptHint);
    ZipReader::Entry entry;
    reader.bytes(4, "the versions");
    entry.flags = reader.u16("the entry flags");
    entry.method = reader.u16("the compression method");
    reader.bytes(4, "the time and date");
    entry.crc32 = reader.u32("the CRC-32");
    const std::uint32_t compressed = reader.u32("the compressed size");
    const std::uint32_t size = reader.u32("the size");
    const std::uint16_t nameLength = reader.u16("the name length");
    const std::uint16_t extraLength = reader.u16("the extra-field length");
    const std::uint16_t commentLength = reader.u16("the comment length");
    reader.bytes(8, "the disk number and attributes");
    const std::uint32_t offset = reader.u32("the local header offset");
    entry.name = reader.string(nameLength, "an entry name");
    entry.compressedSize = compressed;
    entry.size = size;
    entry.localHeaderOffset = offset;
    ByteReader extra(reader.bytes(extraLength, "an extra field"), extraLength, reader.file());
    applyZip64Extra(extra, entry, size == 0xFFFFFFFFu, compressed == 0xFFFFFFFFu,
                    offset == 0xFFFFFFFFu);
    reader.bytes(commentLength, "an entry comment");
    return entry;
}

} // namespace

bool ZipReader::looksLikeZip(const MappedFile& file)
{
    if (file.size() < 4)
        return false;
    const std::uint64_t signature = readLittleEndian(file.data(), 4);
    return signature == kLocalHeader || signature == kEndOfDirectory;
}

ZipReader::ZipReader(std::shared_ptr<const MappedFile> file) : m_file(std::move(file))
{
    readDirectory(findDirectory());
}

ZipReader::Directory ZipReader::findDirectory() const
{
    const std::size_t size = m_file->size();
    if (size >= kEndOfDirectoryBytes) {
        // The record sits at the end, followed only by a comment of at most 65535 bytes.
        const std::size_t lowest =
            size > kEndOfDirectoryBytes + 65535 ? size - kEndOfDirectoryBytes - 65535 : 0;
        for (std::size_t at = size - kEndOfDirectoryBytes + 1; at-- > lowest;) {
            if (readLittleEndian(m_file->data() + at, 4) != kEndOfDirectory)
                continue;
            ByteReader reader(m_file->data(), size, m_file->path());
            reader.seek(at + 10, "the end-of-directory record");
            Directory directory;
            directory.count = reader.u16("the entry count");
            directory.size = reader.u32("the directory size");
            directory.offset = reader.u32("the directory offset");
            readZip64Directory(at, directory);
            return directory;
        }
    }
    throw Error(m_file->path(), 0,
                "no zip end-of-central-directory record in the last 64 KB of " +
                    std::to_string(size) + " bytes",
                kCorruptHint);
}

void ZipReader::readZip64Directory(std::size_t eocdOffset, Directory& directory) const
{
    if (eocdOffset < kLocatorBytes ||
        readLittleEndian(m_file->data() + eocdOffset - kLocatorBytes, 4) != kZip64Locator)
        return;
    ByteReader reader(m_file->data(), m_file->size(), m_file->path());
    reader.seek(eocdOffset - kLocatorBytes + 8, "the ZIP64 locator");
    reader.seek(reader.u64("the ZIP64 record offset"), "the ZIP64 end-of-directory offset");
    if (reader.u32("the ZIP64 record signature") != kZip64EndOfDirectory)
        throw Error(m_file->path(), 0, "the ZIP64 end-of-directory record has a bad signature",
                    kCorruptHint);
    reader.bytes(8 + 4 + 8, "the ZIP64 record header");
    reader.u64("the ZIP64 entries on this disk");
    directory.count = reader.u64("the ZIP64 entry count");
    directory.size = reader.u64("the ZIP64 directory size");
    directory.offset = reader.u64("the ZIP64 directory offset");
}

void ZipReader::readDirectory(const Directory& directory)
{
    const std::size_t size = m_file->size();
    if (directory.offset > size || directory.size > size - directory.offset)
        throw Error(m_file->path(), 0,
                    "the central directory [" + std::to_string(directory.offset) + ", +" +
                        std::to_string(directory.size) + ") lies beyond the file's " +
                        std::to_string(size) + " bytes",
                    kCorruptHint);
    ByteReader reader(m_file->data() + directory.offset, directory.size, m_file->path());
    // 46 bytes is the smallest central entry: a count beyond that cannot be honest.
    if (directory.count > directory.size / 46)
        throw Error(m_file->path(), 0,
                    "the central directory claims " + std::to_string(directory.count) +
                        " entries but has only " + std::to_string(directory.size) + " bytes",
                    kCorruptHint);
    m_entries.reserve(directory.count);
    for (std::uint64_t i = 0; i < directory.count; ++i)
        m_entries.push_back(readCentralEntry(reader));
}

const ZipReader::Entry* ZipReader::find(const std::string& name) const
{
    for (const auto& entry : m_entries)
        if (entry.name == name)
            return &entry;
    return nullptr;
}

const std::byte* ZipReader::data(const Entry& entry) const
{
    if (entry.method != 0 || (entry.flags & 1u) || entry.compressedSize != entry.size)
        throw Error(m_file->path(), 0,
                    "zip entry '" + entry.name + "' is compressed (method " +
                        std::to_string(entry.method) +
                        ") or encrypted; torch.save stores "
                        "entries uncompressed",
                    "Re-save the checkpoint with torch.save, or convert it to safetensors.");
    return storedBytes(entry);
}

void ZipReader::extract(const Entry& entry,
                        const std::function<void(const std::byte*, std::size_t)>& sink) const
{
    const std::string& path = m_file->path();
    if ((entry.flags & 1u) || (entry.method != 0 && entry.method != 8))
        throw Error(path, 0,
                    "zip entry '" + entry.name + "' is encrypted or uses compression method " +
                        std::to_string(entry.method) + " (only stored and deflate are read)",
                    kCorruptHint);
    if (entry.method == 0 && entry.compressedSize != entry.size)
        throw Error(path, 0, "zip entry '" + entry.name + "' is stored but its sizes differ",
                    kCorruptHint);
    const std::byte* stored = storedBytes(entry);
    std::uint64_t produced = 0;
    uLong crc = ::crc32(0L, Z_NULL, 0);
    const auto deliver = [&](const std::byte* bytes, std::size_t size) {
        produced += size;
        if (produced > entry.size)
            throw Error(path, 0,
                        "zip entry '" + entry.name + "' inflates to more than the " +
                            std::to_string(entry.size) + " bytes its directory records",
                        kCorruptHint);
        crc = ::crc32_z(crc, reinterpret_cast<const Bytef*>(bytes), size);
        sink(bytes, size);
    };
    if (entry.method == 0) {
        constexpr std::size_t kChunk = std::size_t(1) << 20;
        for (std::uint64_t at = 0; at < entry.size; at += kChunk)
            deliver(stored + at, std::min<std::uint64_t>(kChunk, entry.size - at));
    } else {
        inflateRaw(stored, entry, deliver);
    }
    if (produced != entry.size || crc != entry.crc32)
        throw Error(path, 0,
                    "zip entry '" + entry.name + "' is damaged (" + std::to_string(produced) +
                        " bytes, CRC-32 " + std::to_string(crc) + "; the directory records " +
                        std::to_string(entry.size) + " bytes, CRC-32 " +
                        std::to_string(entry.crc32) + ")",
                    "Download the archive again.");
}

void ZipReader::inflateRaw(const std::byte* stored, const Entry& entry,
                           const std::function<void(const std::byte*, std::size_t)>& deliver) const
{
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        throw Error("zlib could not start inflating '" + entry.name + "'");
    std::vector<std::byte> buffer(std::size_t(1) << 20);
    std::uint64_t consumed = 0;
    int status = Z_OK;
    try {
        while (status != Z_STREAM_END) {
            if (stream.avail_in == 0 && consumed < entry.compressedSize) {
                const auto take =
                    std::min<std::uint64_t>(entry.compressedSize - consumed, 1u << 30);
                stream.next_in =
                    reinterpret_cast<Bytef*>(const_cast<std::byte*>(stored + consumed));
                stream.avail_in = static_cast<uInt>(take);
                consumed += take;
            }
            stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
            stream.avail_out = static_cast<uInt>(buffer.size());
            status = ::inflate(&stream, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END)
                throw Error(m_file->path(), 0,
                            "zip entry '" + entry.name + "' does not inflate (" +
                                (stream.msg ? stream.msg : "truncated data") + ")",
                            "Download the archive again.");
            deliver(buffer.data(), buffer.size() - stream.avail_out);
        }
    } catch (...) {
        inflateEnd(&stream);
        throw;
    }
    inflateEnd(&stream);
}

const std::byte* ZipReader::storedBytes(const Entry& entry) const
{
    const std::string& path = m_file->path();
    ByteReader reader(m_file->data(), m_file->size(), path);
    reader.seek(entry.localHeaderOffset, ("the local header of '" + entry.name + "'").c_str());
    if (reader.u32("a local header signature") != kLocalHeader)
        throw Error(path, 0, "zip entry '" + entry.name + "' has a bad local header signature",
                    kCorruptHint);
    reader.bytes(22, "a local header");
    const std::uint16_t nameLength = reader.u16("a local name length");
    const std::uint16_t extraLength = reader.u16("a local extra-field length");
    reader.bytes(std::size_t(nameLength) + extraLength, "a local name and extra field");
    if (entry.compressedSize > reader.remaining())
        throw Error(path, 0,
                    "zip entry '" + entry.name + "' needs " + std::to_string(entry.compressedSize) +
                        " bytes at byte " + std::to_string(reader.position()) + " but only " +
                        std::to_string(reader.remaining()) + " remain",
                    kCorruptHint);
    return reader.bytes(entry.compressedSize, "entry data");
}

} // namespace domaintune
