#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** Two training examples (indices) and whether they share a label: 1 (same) or 0. */
struct ContrastivePair
{
    std::int64_t first = 0;
    std::int64_t second = 0;
    float target = 0; ///< The cosine similarity the encoder learns for the pair.
};

/** How many pairs of each kind a few-shot run trains on, as SetFit's strategies define it. */
enum class PairSampling
{
    Oversampling,  ///< Both kinds as many as the larger kind has (SetFit's default).
    Undersampling, ///< Both kinds as many as the smaller kind has.
    Unique,        ///< Every pair once.
};

/** "oversampling", "undersampling", "unique". */
const char* pairSamplingName(PairSampling sampling);
/** Parses pairSamplingName(); throws domaintune::Error listing the names otherwise. */
PairSampling parsePairSampling(const std::string& name);

/**
 * The contrastive pairs of SetFit's first stage for examples with @p labels (class ids): every
 * unordered pair (an example with itself included, as SetFit 1.x does) is positive when both
 * share a label, else negative; both lists are shuffled by @p seed, then cycled to the length
 * @p sampling (or, with @p iterations > 0, iterations × examples each, SetFit's
 * num_iterations) asks for, and interleaved positive, negative, positive, ... A kind with no
 * pair (one class, or one example per class) is left out. Deterministic for a seed.
 */
std::vector<ContrastivePair> contrastivePairs(const std::vector<std::int64_t>& labels,
                                              PairSampling sampling, std::int64_t iterations,
                                              std::uint64_t seed);

/** The number of pairs contrastivePairs() returns, without making them (for estimates). */
std::int64_t contrastivePairCount(const std::vector<std::int64_t>& labels, PairSampling sampling,
                                  std::int64_t iterations);

} // namespace domaintune
