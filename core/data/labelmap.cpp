#include "core/data/labelmap.h"

#include "core/common/error.h"

#include <fstream>

namespace domaintune {

LabelMap LabelMap::load(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the label file",
                    "Give a file with one label name per line (line 0 names id 0).");
    LabelMap map;
    map.m_source = path;
    std::string line;
    for (std::int64_t number = 1, index = 0; std::getline(in, line); ++number) {
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
            line.erase(0, 3);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        const std::size_t tab = line.find('\t');
        std::string id = tab == std::string::npos ? std::to_string(index) : line.substr(0, tab);
        std::string name = tab == std::string::npos ? line : line.substr(tab + 1);
        if (!map.m_names.emplace(id, name).second)
            throw Error(path, number, "label id \"" + id + "\" is named twice",
                        "Name each id once.");
        ++index;
    }
    if (map.m_names.empty())
        throw Error(path, 0, "the label file names no labels", "Give one label name per line.");
    return map;
}

const std::string* LabelMap::find(const std::string& id) const
{
    const auto found = m_names.find(id);
    return found == m_names.end() ? nullptr : &found->second;
}

} // namespace domaintune
