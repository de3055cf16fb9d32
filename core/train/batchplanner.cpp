#include "core/train/batchplanner.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace domaintune {
namespace {

/** Fisher-Yates with mt19937_64: the same order on every standard library. */
template <typename T>
void shuffle(std::vector<T>& items, std::mt19937_64& random)
{
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(random() % i);
        std::swap(items[i - 1], items[j]);
    }
}

} // namespace

BatchPlanner::BatchPlanner(std::vector<std::int64_t> lengths, std::int64_t batchSize,
                           bool groupByLength, std::uint64_t seed)
    : m_lengths(std::move(lengths)), m_batchSize(std::max<std::int64_t>(1, batchSize)),
      m_group(groupByLength), m_seed(seed)
{}

std::int64_t BatchPlanner::batchesPerEpoch() const
{
    return (static_cast<std::int64_t>(m_lengths.size()) + m_batchSize - 1) / m_batchSize;
}

std::vector<std::vector<std::size_t>> BatchPlanner::epoch(std::int64_t epoch) const
{
    std::mt19937_64 random(m_seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(epoch));
    std::vector<std::size_t> order(m_lengths.size());
    std::iota(order.begin(), order.end(), 0);
    shuffle(order, random);
    const auto batch = static_cast<std::size_t>(m_batchSize);
    if (m_group) {
        const std::size_t mega = 50 * batch;
        for (std::size_t start = 0; start < order.size(); start += mega) {
            const auto end =
                order.begin() + static_cast<long>(std::min(order.size(), start + mega));
            std::stable_sort(
                order.begin() + static_cast<long>(start), end,
                [&](std::size_t a, std::size_t b) { return m_lengths[a] > m_lengths[b]; });
        }
    }
    std::vector<std::vector<std::size_t>> batches;
    for (std::size_t start = 0; start < order.size(); start += batch)
        batches.emplace_back(order.begin() + static_cast<long>(start),
                             order.begin() +
                                 static_cast<long>(std::min(order.size(), start + batch)));
    if (m_group && batches.size() > 1) {
        shuffle(batches, random);
        const auto longest =
            std::max_element(batches.begin(), batches.end(), [&](const auto& a, const auto& b) {
                return m_lengths[a.front()] < m_lengths[b.front()];
            });
        std::iter_swap(batches.begin(), longest);
    }
    return batches;
}

} // namespace domaintune
