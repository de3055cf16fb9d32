#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace domaintune {

/**
 * A string -> id hash table that is looked up with std::string_view (no temporary strings),
 * the hot path of every tokenizer. Open addressing, keys stored in one buffer.
 *
 * Building is single-threaded; find() is const and safe from many threads at once.
 */
class StringIdMap
{
public:
    /** Inserts @p key with @p id; returns false (and changes nothing) when @p key exists. */
    bool insert(std::string_view key, int id);
    /** Returns the id of @p key, or -1. */
    int find(std::string_view key) const;
    std::size_t size() const { return m_count; }
    /** Returns the byte length of the longest key. */
    std::size_t longestKey() const { return m_longest; }

private:
    struct Slot
    {
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
        int id = -1;
    };
    static std::uint64_t hash(std::string_view key);
    void grow();

    std::vector<Slot> m_slots;
    std::string m_keys;
    std::size_t m_count = 0;
    std::size_t m_longest = 0;
};

} // namespace domaintune
