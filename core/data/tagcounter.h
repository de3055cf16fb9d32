#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Counts entity spans per type in tag sequences and tells the tagging scheme: "BIOES" when
 * E-/S- (or L-/U-) prefixes occur, "BIO" when B- does, "IO" when only I- does, "none" for tags
 * without prefixes. A span starts at B-/S-/U-, or at I-/E-/L- of a type other than the
 * previous tag's (so IO and IOB1 files count right). Not thread-safe.
 */
class TagCounter
{
public:
    /** Counts the spans of one sentence. */
    void add(const std::vector<std::string>& tags);

    std::string scheme() const;
    const std::map<std::string, std::size_t>& entities() const { return m_entities; }
    const std::map<std::string, std::size_t>& tags() const { return m_tags; }

private:
    std::map<std::string, std::size_t> m_entities;
    std::map<std::string, std::size_t> m_tags;
    bool m_begin = false, m_inside = false, m_endSingle = false, m_plain = false;
};

} // namespace domaintune
