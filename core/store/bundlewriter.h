#pragma once

#include "core/store/bundleformat.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Writes a run bundle (see bundleformat.h). Members are collected first (text in memory, files
 * by path, streamed at finish()); finish() writes "PATH.part", then renames it over @p path, so
 * a failed export never leaves a half-written bundle under the real name.
 * Thread affinity: one thread at a time.
 */
class BundleWriter
{
public:
    explicit BundleWriter(std::string path);

    /** Adds a member holding @p data; throws domaintune::Error for an unsafe or repeated name. */
    void addText(const std::string& name, std::string data);
    /** Adds a member whose bytes are the file at @p sourcePath (read at finish()). */
    void addFile(const std::string& name, const std::string& sourcePath);
    /** Returns true when a member called @p name was added. */
    bool hasMember(const std::string& name) const;
    /** Writes the bundle; returns its size in bytes. */
    std::uint64_t finish();

private:
    struct Pending
    {
        std::string name;
        std::string data;
        std::string sourcePath; ///< Empty for an in-memory member.
    };
    void checkNew(const std::string& name) const;

    std::string m_path;
    std::vector<Pending> m_members;
};

} // namespace domaintune
