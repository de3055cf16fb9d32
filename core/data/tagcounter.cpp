#include "core/data/tagcounter.h"

namespace domaintune {

void TagCounter::add(const std::vector<std::string>& tags)
{
    std::string previousType;
    for (const std::string& tag : tags) {
        ++m_tags[tag];
        const bool prefixed = tag.size() > 2 && (tag[1] == '-' || tag[1] == '_');
        if (!prefixed) {
            if (tag != "O")
                m_plain = true;
            previousType.clear();
            continue;
        }
        const char prefix = tag[0];
        const std::string type = tag.substr(2);
        m_begin |= prefix == 'B';
        m_inside |= prefix == 'I';
        m_endSingle |= prefix == 'E' || prefix == 'S' || prefix == 'L' || prefix == 'U';
        const bool starts = prefix == 'B' || prefix == 'S' || prefix == 'U' || type != previousType;
        if (starts)
            ++m_entities[type];
        previousType = (prefix == 'E' || prefix == 'S' || prefix == 'L' || prefix == 'U')
                           ? std::string()
                           : type;
    }
}

std::string TagCounter::scheme() const
{
    if (m_endSingle)
        return "BIOES";
    if (m_begin)
        return "BIO";
    if (m_inside)
        return "IO";
    return m_plain ? "none" : "IO";
}

} // namespace domaintune
