#include "core/store/bundlewriter.h"

#include "core/common/error.h"
#include "core/store/runrecord.h"
#include "core/store/sha256.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

void putLittleEndian(std::ostream& out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.put(static_cast<char>((value >> (8 * i)) & 0xff));
}

void copyFile(const std::string& source, std::ostream& out)
{
    std::ifstream in(source, std::ios::binary);
    if (!in)
        throw Error(source, 0, "cannot read the file to put into the bundle",
                    "Check that it still exists, or export without model files.");
    out << in.rdbuf();
}

} // namespace

BundleWriter::BundleWriter(std::string path) : m_path(std::move(path)) {}

void BundleWriter::checkNew(const std::string& name) const
{
    bundleformat::checkMemberName(name, m_path);
    if (hasMember(name))
        throw Error(m_path, 0, "the bundle already has a member named \"" + name + "\"");
}

bool BundleWriter::hasMember(const std::string& name) const
{
    for (const Pending& member : m_members)
        if (member.name == name)
            return true;
    return false;
}

void BundleWriter::addText(const std::string& name, std::string data)
{
    checkNew(name);
    m_members.push_back({name, std::move(data), {}});
}

void BundleWriter::addFile(const std::string& name, const std::string& sourcePath)
{
    checkNew(name);
    m_members.push_back({name, {}, sourcePath});
}

std::uint64_t BundleWriter::finish()
{
    nlohmann::json members = nlohmann::json::array();
    for (const Pending& member : m_members) {
        const bool inMemory = member.sourcePath.empty();
        members.push_back(
            {{"name", member.name},
             {"size", inMemory ? member.data.size()
                               : std::uint64_t(std::filesystem::file_size(member.sourcePath))},
             {"sha256",
              inMemory ? Sha256::hex(member.data) : Sha256::hexOfFile(member.sourcePath)}});
    }
    const nlohmann::json manifest = {{"format", bundleformat::FormatName},
                                     {"format_version", bundleformat::Version},
                                     {"created_at", nowMs()},
                                     {"members", members}};
    const std::string manifestText = manifest.dump();
    const std::string partial = m_path + ".part";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(m_path, 0, "cannot create the bundle file",
                        "Check that the folder exists and is writable.");
        out.write(bundleformat::Magic, sizeof bundleformat::Magic);
        putLittleEndian(out, bundleformat::Version, 4);
        putLittleEndian(out, manifestText.size(), 8);
        out << manifestText;
        for (const Pending& member : m_members)
            if (member.sourcePath.empty())
                out << member.data;
            else
                copyFile(member.sourcePath, out);
        out.flush();
        if (!out) {
            std::remove(partial.c_str());
            throw Error(m_path, 0, "cannot write the bundle", "Free disk space and try again.");
        }
    }
    std::error_code error;
    std::filesystem::rename(partial, m_path, error);
    if (error) {
        std::remove(partial.c_str());
        throw Error(m_path, 0,
                    "cannot move the finished bundle into place (" + error.message() + ")");
    }
    return std::filesystem::file_size(m_path);
}

} // namespace domaintune
