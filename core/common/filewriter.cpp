#include "core/common/filewriter.h"

#include "core/common/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace domaintune {

void writeWholeFile(const std::string& path, std::string_view bytes)
{
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (!out)
        throw Error(path, 0, std::string("cannot create the file: ") + std::strerror(errno),
                    "Check that the folder exists and is writable.");
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
    const int writeErrno = errno;
    const bool closed = std::fclose(out) == 0;
    if (!written || !closed) {
        std::remove(path.c_str());
        throw Error(path, 0,
                    std::string("cannot write the file: ") +
                        std::strerror(written ? errno : writeErrno),
                    "Check the free disk space (df -h), free some, and try again.");
    }
}

void replaceFolder(const std::string& staging, const std::string& target, const std::string& aside)
{
    namespace fs = std::filesystem;
    std::error_code error;
    fs::remove_all(aside, error);
    if (fs::exists(target, error)) {
        fs::rename(target, aside, error);
        if (error)
            throw Error(target, 0, "cannot move the earlier folder aside: " + error.message());
    }
    fs::rename(staging, target, error);
    if (error) {
        std::error_code ignored;
        fs::rename(aside, target, ignored); // put the earlier folder back
        throw Error(target, 0, "cannot move the new folder into place: " + error.message());
    }
    fs::remove_all(aside, error);
}

} // namespace domaintune
