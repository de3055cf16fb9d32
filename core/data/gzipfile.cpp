#include "core/data/gzipfile.h"

#include "core/common/error.h"

#include <memory>
#include <zlib.h>

namespace domaintune {

std::string readGzipFile(const std::string& path)
{
    const std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), &gzclose);
    if (!file)
        throw Error(path, 0, "cannot open the file", "Check that it exists and is readable.");
    std::string contents;
    char buffer[1 << 16];
    for (;;) {
        const int read = gzread(file.get(), buffer, sizeof buffer);
        if (read < 0) {
            int code = 0;
            throw Error(path, 0,
                        std::string("the compressed data is damaged (") +
                            gzerror(file.get(), &code) + ")",
                        "Reinstall the package that owns the file.");
        }
        if (read == 0)
            break;
        contents.append(buffer, static_cast<std::size_t>(read));
    }
    return contents;
}

} // namespace domaintune
