#include "core/train/contrastivepairs.h"

#include "core/common/error.h"

#include <algorithm>
#include <map>
#include <random>

namespace domaintune {
namespace {

/** Positive and negative pair counts before sampling. */
std::pair<std::int64_t, std::int64_t> kindCounts(const std::vector<std::int64_t>& labels)
{
    std::map<std::int64_t, std::int64_t> perClass;
    for (const auto label : labels)
        ++perClass[label];
    const auto n = static_cast<std::int64_t>(labels.size());
    std::int64_t positive = 0;
    for (const auto& [label, count] : perClass)
        positive += count * (count + 1) / 2; // with the pairs of an example with itself
    return {positive, n * (n + 1) / 2 - positive};
}

std::pair<std::int64_t, std::int64_t> sampledCounts(const std::vector<std::int64_t>& labels,
                                                    PairSampling sampling, std::int64_t iterations)
{
    const auto [positive, negative] = kindCounts(labels);
    std::int64_t wanted = 0;
    if (iterations > 0)
        wanted = iterations * static_cast<std::int64_t>(labels.size());
    else if (sampling == PairSampling::Oversampling)
        wanted = std::max(positive, negative);
    else if (sampling == PairSampling::Undersampling)
        wanted = std::min(positive, negative);
    else
        return {positive, negative};
    return {positive > 0 ? wanted : 0, negative > 0 ? wanted : 0};
}

} // namespace

const char* pairSamplingName(PairSampling sampling)
{
    switch (sampling) {
    case PairSampling::Oversampling:
        return "oversampling";
    case PairSampling::Undersampling:
        return "undersampling";
    case PairSampling::Unique:
        return "unique";
    }
    return "oversampling";
}

PairSampling parsePairSampling(const std::string& name)
{
    for (auto sampling :
         {PairSampling::Oversampling, PairSampling::Undersampling, PairSampling::Unique})
        if (name == pairSamplingName(sampling))
            return sampling;
    throw Error("Unknown pair sampling \"" + name +
                "\"; choose one of: oversampling, undersampling, unique.");
}

std::int64_t contrastivePairCount(const std::vector<std::int64_t>& labels, PairSampling sampling,
                                  std::int64_t iterations)
{
    const auto [positive, negative] = sampledCounts(labels, sampling, iterations);
    return positive + negative;
}

std::vector<ContrastivePair> contrastivePairs(const std::vector<std::int64_t>& labels,
                                              PairSampling sampling, std::int64_t iterations,
                                              std::uint64_t seed)
{
    std::vector<ContrastivePair> positive, negative;
    const auto n = static_cast<std::int64_t>(labels.size());
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t j = i; j < n; ++j) {
            const bool same =
                labels[static_cast<std::size_t>(i)] == labels[static_cast<std::size_t>(j)];
            (same ? positive : negative).push_back({i, j, same ? 1.0f : 0.0f});
        }
    std::mt19937_64 random(seed);
    std::shuffle(positive.begin(), positive.end(), random);
    std::shuffle(negative.begin(), negative.end(), random);
    const auto [positiveCount, negativeCount] = sampledCounts(labels, sampling, iterations);
    std::vector<ContrastivePair> pairs;
    pairs.reserve(static_cast<std::size_t>(positiveCount + negativeCount));
    for (std::int64_t k = 0; k < std::max(positiveCount, negativeCount); ++k) {
        if (k < positiveCount)
            pairs.push_back(positive[static_cast<std::size_t>(k) % positive.size()]);
        if (k < negativeCount)
            pairs.push_back(negative[static_cast<std::size_t>(k) % negative.size()]);
    }
    return pairs;
}

} // namespace domaintune
