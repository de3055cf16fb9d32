#include "core/store/bundlereader.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/store/sha256.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace domaintune {
namespace {

std::uint64_t readLittleEndian(const unsigned char* bytes, int count)
{
    std::uint64_t value = 0;
    for (int i = count - 1; i >= 0; --i)
        value = (value << 8) | bytes[i];
    return value;
}

// Streams @p size bytes at @p offset of @p in to @p sink in 64 KiB chunks.
template <typename Sink>
bool stream(std::istream& in, std::uint64_t offset, std::uint64_t size, Sink&& sink)
{
    in.seekg(static_cast<std::streamoff>(offset));
    std::vector<char> chunk(1 << 16);
    while (size > 0 && in) {
        const auto take = static_cast<std::streamsize>(std::min<std::uint64_t>(size, chunk.size()));
        in.read(chunk.data(), take);
        sink(chunk.data(), static_cast<std::size_t>(in.gcount()));
        size -= static_cast<std::uint64_t>(in.gcount());
    }
    return size == 0;
}

} // namespace

BundleReader::BundleReader(std::string path) : m_path(std::move(path))
{
    std::error_code error;
    const std::uint64_t fileSize = std::filesystem::file_size(m_path, error);
    std::ifstream in(m_path, std::ios::binary);
    if (error || !in)
        throw Error(m_path, 0, "cannot open the bundle", "Check the path and permissions.");
    parseManifest(readManifest(in, fileSize), fileSize);
    verifyChecksums();
}

void BundleReader::fail(const std::string& what) const
{
    throw Error(m_path, 0, "not a valid DomainTune run bundle: " + what,
                "Nothing was imported; ask for a fresh export of the runs.");
}

std::string BundleReader::readManifest(std::istream& in, std::uint64_t fileSize) const
{
    unsigned char header[bundleformat::HeaderSize] = {};
    if (fileSize < bundleformat::HeaderSize ||
        !in.read(reinterpret_cast<char*>(header), sizeof header))
        fail("the file is too short");
    if (std::memcmp(header, bundleformat::Magic, sizeof bundleformat::Magic) != 0)
        fail("it does not start with \"DTBUNDLE\"");
    const std::uint64_t version = readLittleEndian(header + 8, 4);
    if (version != bundleformat::Version)
        throw Error(m_path, 0,
                    "the bundle has format version " + std::to_string(version) +
                        "; this DomainTune reads version " + std::to_string(bundleformat::Version),
                    "Nothing was imported; export it again with a matching DomainTune release.");
    const std::uint64_t length = readLittleEndian(header + 12, 8);
    if (length > bundleformat::MaxManifestSize || length > fileSize - bundleformat::HeaderSize)
        fail("the manifest length " + std::to_string(length) + " does not fit the file");
    std::string text(length, '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(length)))
        fail("the manifest cannot be read");
    return text;
}

void BundleReader::parseManifest(const std::string& text, std::uint64_t fileSize)
{
    nlohmann::json manifest;
    try {
        manifest = parseBoundedJson(text);
    } catch (const nlohmann::json::parse_error& e) {
        fail(std::string("the manifest is not valid JSON (") + e.what() + ")");
    }
    const bool formatNamed = manifest.is_object() && manifest.contains("format") &&
                             manifest["format"] == bundleformat::FormatName;
    if (!formatNamed)
        fail("the manifest does not name the format \"" + std::string(bundleformat::FormatName) +
             "\"");
    if (!manifest.contains("format_version") || manifest["format_version"] != bundleformat::Version)
        fail("the manifest's format_version is not " + std::to_string(bundleformat::Version));
    if (!manifest.contains("members") || !manifest["members"].is_array())
        fail("the manifest has no \"members\" list");
    std::uint64_t offset = bundleformat::HeaderSize + text.size();
    std::set<std::string> names;
    for (const auto& member : manifest["members"]) {
        bundleformat::Entry entry;
        try {
            entry.name = member.at("name").get<std::string>();
            entry.size = member.at("size").get<std::uint64_t>();
            entry.sha256 = member.at("sha256").get<std::string>();
        } catch (const nlohmann::json::exception&) {
            fail("a member lacks a string name, an integer size or a sha256");
        }
        bundleformat::checkMemberName(entry.name, m_path);
        if (!names.insert(entry.name).second)
            fail("the member \"" + entry.name + "\" appears twice");
        if (entry.size > fileSize - offset)
            fail("the member \"" + entry.name + "\" runs past the end of the file");
        entry.offset = offset;
        offset += entry.size;
        m_entries.push_back(std::move(entry));
    }
    if (offset != fileSize)
        fail("the file has " + std::to_string(fileSize - offset) +
             " bytes the manifest does not describe");
}

void BundleReader::verifyChecksums() const
{
    std::ifstream in(m_path, std::ios::binary);
    for (const auto& entry : m_entries) {
        Sha256 hash;
        const bool complete =
            stream(in, entry.offset, entry.size,
                   [&](const char* data, std::size_t size) { hash.update(data, size); });
        if (!complete || hash.hexDigest() != entry.sha256)
            fail("the checksum of \"" + entry.name +
                 "\" does not match (the file was altered or damaged in transit)");
    }
}

const bundleformat::Entry* BundleReader::find(const std::string& name) const
{
    for (const auto& entry : m_entries)
        if (entry.name == name)
            return &entry;
    return nullptr;
}

std::string BundleReader::readText(const bundleformat::Entry& entry) const
{
    if (entry.size > (256ull << 20))
        fail("the member \"" + entry.name + "\" is too large to read into memory");
    std::ifstream in(m_path, std::ios::binary);
    std::string text;
    text.reserve(entry.size);
    if (!stream(in, entry.offset, entry.size,
                [&](const char* data, std::size_t size) { text.append(data, size); }))
        fail("the member \"" + entry.name + "\" cannot be read");
    return text;
}

void BundleReader::extract(const bundleformat::Entry& entry, const std::string& destination) const
{
    std::filesystem::create_directories(std::filesystem::path(destination).parent_path());
    std::ifstream in(m_path, std::ios::binary);
    std::ofstream out(destination, std::ios::binary | std::ios::trunc);
    const bool complete =
        stream(in, entry.offset, entry.size, [&](const char* data, std::size_t size) {
            out.write(data, static_cast<std::streamsize>(size));
        });
    if (!complete || !out.flush())
        throw Error(destination, 0, "cannot extract \"" + entry.name + "\" from the bundle",
                    "Free disk space or choose another --files-dir.");
}

} // namespace domaintune
