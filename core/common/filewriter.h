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

/**
 * Puts the finished folder @p staging in place of @p target with renames only: @p target (when
 * it exists) moves to @p aside, @p staging takes its name, @p aside is removed. A reader sees the
 * old folder or the new one, never a mix; after a crash between the two renames the old one
 * waits at @p aside. When the second rename fails the old folder is put back. Throws
 * domaintune::Error naming the folder. Any thread.
 */
void replaceFolder(const std::string& staging, const std::string& target, const std::string& aside);

} // namespace domaintune
