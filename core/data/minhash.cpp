#include "core/data/minhash.h"

#include "core/data/splitter.h"

#include <limits>

namespace domaintune {
namespace {

std::uint64_t mix(std::uint64_t value)
{
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}

std::uint64_t fnv1a(std::string_view bytes)
{
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ULL;
    }
    return hash;
}

// Byte offsets of the code points of UTF-8 @p text, plus its size.
std::vector<std::size_t> characterStarts(std::string_view text)
{
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            starts.push_back(i);
    starts.push_back(text.size());
    return starts;
}

} // namespace

MinHash::MinHash(int shingleLength, int hashCount, std::uint64_t seed)
    : m_shingleLength(shingleLength < 1 ? 1 : shingleLength)
{
    SplitMix64 random(seed);
    for (int i = 0; i < hashCount; ++i)
        m_seeds.push_back(random.next());
}

std::vector<std::uint64_t> MinHash::signature(std::string_view text) const
{
    std::vector<std::uint64_t> minima(m_seeds.size(), std::numeric_limits<std::uint64_t>::max());
    const std::vector<std::size_t> starts = characterStarts(text);
    const std::size_t characters = starts.size() - 1;
    const std::size_t length = static_cast<std::size_t>(m_shingleLength);
    const std::size_t count = characters <= length ? 1 : characters - length + 1;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t end = starts[std::min(i + length, characters)];
        const std::uint64_t shingle = fnv1a(text.substr(starts[i], end - starts[i]));
        for (std::size_t h = 0; h < m_seeds.size(); ++h)
            minima[h] = std::min(minima[h], mix(shingle ^ m_seeds[h]));
    }
    return minima;
}

double MinHash::similarity(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b)
{
    if (a.empty() || a.size() != b.size())
        return 0;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        equal += a[i] == b[i] ? 1 : 0;
    return static_cast<double>(equal) / static_cast<double>(a.size());
}

} // namespace domaintune
