#include "core/common/error.h"
#include "core/store/bundleformat.h"

#include <algorithm>

namespace domaintune::bundleformat {
namespace {

std::string whyUnsafe(const std::string& name)
{
    if (name.empty() || name.size() > 255)
        return "is empty or longer than 255 bytes";
    if (name.front() == '/')
        return "is an absolute path";
    if (name.size() > 1 && name[1] == ':')
        return "starts with a drive letter";
    for (const char c : name)
        if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return "contains a backslash or a control character";
    std::size_t begin = 0;
    while (begin <= name.size()) {
        const std::size_t end = std::min(name.find('/', begin), name.size());
        const std::string part = name.substr(begin, end - begin);
        if (part.empty() || part == "." || part == "..")
            return "has an empty, \".\" or \"..\" path component";
        begin = end + 1;
    }
    return {};
}

} // namespace

void checkMemberName(const std::string& name, const std::string& bundlePath)
{
    const std::string why = whyUnsafe(name);
    if (!why.empty())
        throw Error(bundlePath, 0,
                    "the bundle is damaged or unsafe: member name \"" + name + "\" " + why,
                    "Nothing was imported; ask for a fresh export of the runs.");
}

} // namespace domaintune::bundleformat
