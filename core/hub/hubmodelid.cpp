#include "core/hub/hubmodelid.h"

#include "core/common/error.h"

#include <algorithm>
#include <cctype>

namespace domaintune {
namespace {

const char* const kExample = "Give a Hub model id such as sentence-transformers/all-MiniLM-L6-v2 "
                             "or bert-base-uncased.";

void checkPart(const std::string& part, const std::string& whole)
{
    const auto bad = [&](const std::string& why) {
        throw Error("'" + whole + "' is not a Hugging Face model id: " + why + ". " + kExample);
    };
    if (part.empty())
        bad("a part is empty");
    if (part.size() > 96)
        bad("a part is longer than 96 characters");
    for (const char c : part)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            bad(std::string("it contains '") + c + "' (only letters, digits, '-', '_' and '.')");
    if (part.find("--") != std::string::npos || part.find("..") != std::string::npos)
        bad("it contains \"--\" or \"..\"");
    if (part.front() == '-' || part.front() == '.' || part.back() == '-' || part.back() == '.')
        bad("a part starts or ends with '-' or '.'");
}

} // namespace

std::string HubModelId::str() const
{
    return org.empty() ? name : org + "/" + name;
}

std::string HubModelId::cacheFolderName() const
{
    return org.empty() ? "models--" + name : "models--" + org + "--" + name;
}

HubModelId HubModelId::parse(const std::string& text)
{
    HubModelId id;
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
        id.name = text;
    } else {
        if (text.find('/', slash + 1) != std::string::npos)
            throw Error("'" + text +
                        "' is not a Hugging Face model id: it has more than one '/'. " + kExample);
        id.org = text.substr(0, slash);
        id.name = text.substr(slash + 1);
        checkPart(id.org, text);
    }
    checkPart(id.name, text);
    return id;
}

HubModelId HubModelId::fromCacheFolderName(const std::string& folder)
{
    const std::string prefix = "models--";
    if (folder.rfind(prefix, 0) != 0)
        throw Error("'" + folder + "' is not a model folder of the Hugging Face cache");
    const std::string rest = folder.substr(prefix.size());
    const auto separator = rest.find("--");
    if (separator == std::string::npos)
        return parse(rest);
    return parse(rest.substr(0, separator) + "/" + rest.substr(separator + 2));
}

bool isSafeRevision(const std::string& revision)
{
    if (revision.empty() || revision.size() > 255 || revision.front() == '/' ||
        revision.back() == '/' || revision.find("..") != std::string::npos)
        return false;
    return std::none_of(revision.begin(), revision.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x21 || u == 0x7F || c == '\\' || c == '?' || c == '#' || c == '%';
    });
}

bool isLowerHex(const std::string& text, std::size_t digits)
{
    return text.size() == digits && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace domaintune
