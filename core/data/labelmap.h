#pragma once

#include <map>
#include <string>

namespace domaintune {

/**
 * Names for label ids, read from a file such as THUCNews' class.txt: one name per line (line
 * N, counted from 0, names id "N"), or "ID<TAB>NAME" lines. A plain value; const methods are
 * thread-safe.
 */
class LabelMap
{
public:
    LabelMap() = default;
    /** Reads @p path (UTF-8); throws domaintune::Error (file, line) on unreadable input. */
    static LabelMap load(const std::string& path);

    bool empty() const { return m_names.empty(); }
    std::size_t size() const { return m_names.size(); }
    /** Returns the name of @p id, or nullptr when the file does not name it. */
    const std::string* find(const std::string& id) const;
    const std::string& source() const { return m_source; }

private:
    std::map<std::string, std::string> m_names;
    std::string m_source;
};

} // namespace domaintune
