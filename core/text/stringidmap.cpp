#include "core/text/stringidmap.h"

#include <cstring>

namespace domaintune {

std::uint64_t StringIdMap::hash(std::string_view key)
{
    // FNV-1a over 8-byte words, then a final mix: keys are short, so this is mostly latency.
    std::uint64_t h = 0xcbf29ce484222325ULL ^ key.size();
    std::size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, key.data() + i, 8);
        h = (h ^ word) * 0x100000001b3ULL;
    }
    for (; i < key.size(); ++i)
        h = (h ^ static_cast<unsigned char>(key[i])) * 0x100000001b3ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

void StringIdMap::grow()
{
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id < 0)
            continue;
        std::size_t i = hash({m_keys.data() + slot.offset, slot.length}) & mask;
        while (m_slots[i].id >= 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}

bool StringIdMap::insert(std::string_view key, int id)
{
    if ((m_count + 1) * 2 > m_slots.size())
        grow();
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash(key) & mask;
    for (; m_slots[i].id >= 0; i = (i + 1) & mask) {
        const Slot& slot = m_slots[i];
        if (slot.length == key.size() &&
            std::memcmp(m_keys.data() + slot.offset, key.data(), key.size()) == 0)
            return false;
    }
    m_slots[i] = {static_cast<std::uint32_t>(m_keys.size()), static_cast<std::uint32_t>(key.size()),
                  id};
    m_keys.append(key);
    ++m_count;
    if (key.size() > m_longest)
        m_longest = key.size();
    return true;
}

int StringIdMap::find(std::string_view key) const
{
    if (m_slots.empty())
        return -1;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash(key) & mask; m_slots[i].id >= 0; i = (i + 1) & mask) {
        const Slot& slot = m_slots[i];
        if (slot.length == key.size() &&
            std::memcmp(m_keys.data() + slot.offset, key.data(), key.size()) == 0)
            return slot.id;
    }
    return -1;
}

} // namespace domaintune
