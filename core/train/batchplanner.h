#pragma once

#include <cstdint>
#include <vector>

namespace domaintune {

/**
 * Decides which features form each batch of an epoch. The order depends only on the seed and
 * the epoch number, so a resumed run sees exactly the batches the interrupted one would have.
 * With length grouping, examples of similar length share a batch (less padding): shuffled,
 * cut into mega-batches of 50 batches, sorted by length inside each, with the batch order
 * shuffled again and the longest batch first (memory problems show at once).
 * Plain value type; thread-safe.
 */
class BatchPlanner
{
public:
    BatchPlanner(std::vector<std::int64_t> lengths, std::int64_t batchSize, bool groupByLength,
                 std::uint64_t seed);

    /** Returns the batches of @p epoch (indices into the lengths given). */
    std::vector<std::vector<std::size_t>> epoch(std::int64_t epoch) const;
    /** Returns the number of batches per epoch. */
    std::int64_t batchesPerEpoch() const;

private:
    std::vector<std::int64_t> m_lengths;
    std::int64_t m_batchSize;
    bool m_group;
    std::uint64_t m_seed;
};

} // namespace domaintune
