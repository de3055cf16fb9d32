#include "core/data/importoptions.h"

#include "core/common/error.h"

namespace domaintune {

char parseDelimiterName(const std::string& text)
{
    if (text.empty())
        return 0;
    if (text == "tab" || text == "\\t" || text == "\t")
        return '\t';
    if (text.size() != 1)
        throw Error("A delimiter is one character (or \"tab\"), not \"" + text + "\".");
    return text[0];
}

} // namespace domaintune
