#pragma once

#include <string>

namespace domaintune {

/**
 * Returns the decompressed contents of the gzip file at @p path (zlib); a file that is not
 * gzip-compressed comes back as it is. Throws domaintune::Error when the file cannot be read
 * or its compressed data is damaged. Thread-safe.
 */
std::string readGzipFile(const std::string& path);

} // namespace domaintune
