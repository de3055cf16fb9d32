#pragma once

#include <string>
#include <string_view>

namespace domaintune {

/**
 * Writes @p bytes to @p path (replacing it), checking every write and the final flush and
 * close. Throws domaintune::Error naming the file, with a hint about free space, on any failure
 * (a full disk included) and removes what it wrote. Callers that need atomicity write a
 * temporary name and rename. Any thread.
 */
void writeWholeFile(const std::string& path, std::string_view bytes);

} // namespace domaintune
