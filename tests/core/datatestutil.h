#pragma once

// Helpers for the core/data tests: write bytes to a file in a temporary folder.

#include <QTemporaryDir>

#include <fstream>
#include <string>

namespace domaintune::test {

/** Writes @p bytes to @p dir/@p name and returns the path. */
inline std::string writeFile(const QTemporaryDir& dir, const std::string& name,
                             const std::string& bytes)
{
    const std::string path = dir.path().toStdString() + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return path;
}

} // namespace domaintune::test
