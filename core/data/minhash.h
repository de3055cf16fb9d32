#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace domaintune {

/**
 * MinHash signatures of character shingles (code points, not bytes) for near-duplicate
 * detection. Each of the hashCount() functions is a SplitMix64 mix of the shingle's FNV-1a
 * hash with a per-function seed derived from one master seed, so signatures are identical on
 * every platform. Immutable after construction; thread-safe.
 */
class MinHash
{
public:
    MinHash(int shingleLength = 5, int hashCount = 64, std::uint64_t seed = 0x5EED5EEDULL);

    /** Returns the signature of UTF-8 @p text (texts shorter than a shingle are one shingle). */
    std::vector<std::uint64_t> signature(std::string_view text) const;
    /** Returns the share of equal positions: an estimate of the shingle-set Jaccard index. */
    static double similarity(const std::vector<std::uint64_t>& a,
                             const std::vector<std::uint64_t>& b);
    int hashCount() const { return static_cast<int>(m_seeds.size()); }

private:
    int m_shingleLength;
    std::vector<std::uint64_t> m_seeds;
};

} // namespace domaintune
