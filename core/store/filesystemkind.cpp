#include "core/store/filesystemkind.h"

#include <sys/vfs.h>

namespace domaintune {
namespace {

struct Magic
{
    unsigned long value;
    const char* name;
};

// Magic numbers from statfs(2) / <linux/magic.h>.
constexpr Magic kNetworkMagics[] = {
    {0x6969, "nfs"},     {0xff534d42, "cifs"}, {0x517b, "smb"},    {0xfe534d42, "smb2"},
    {0x5346414f, "afs"}, {0x00c36400, "ceph"}, {0x01021997, "9p"}, {0x65735546, "fuse"},
    {0x564c, "ncp"},     {0x6b414653, "afs"},
};

} // namespace

FilesystemKind filesystemKind(const std::string& directory)
{
    struct statfs info = {};
    if (statfs(directory.c_str(), &info) != 0)
        return {false, "local"};
    const auto type = static_cast<unsigned long>(info.f_type) & 0xffffffffUL;
    for (const Magic& magic : kNetworkMagics)
        if (type == magic.value)
            return {true, magic.name};
    return {false, "local"};
}

} // namespace domaintune
