#pragma once

#include <map>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Read-only view of the Debian package database under @p root (normally "/"):
 * ROOT/var/lib/dpkg/status for installed versions and ROOT/var/lib/dpkg/info/PKG.list for the
 * files a package installed — the same data `dpkg-query -W` and `dpkg -L` print, read without
 * starting a process. Thread-safe (reads files only).
 */
class DpkgDatabase
{
public:
    explicit DpkgDatabase(std::string root = "/");

    /** Returns the version of every package whose status is "install ok installed". */
    std::map<std::string, std::string> installedVersions() const;

    /**
     * Returns the files package @p name installed (absolute paths as dpkg lists them, without
     * the root prefix), in the list's order; empty when the package is not installed.
     * Architecture-qualified lists (PKG:amd64.list) are found too.
     */
    std::vector<std::string> packageFiles(const std::string& name) const;

    /** Returns @p path (as dpkg lists it) under the root. */
    std::string onDisk(const std::string& path) const;

private:
    std::string m_root;
};

} // namespace domaintune
