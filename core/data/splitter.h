#pragma once

#include "core/data/example.h"

#include <cstdint>
#include <vector>

namespace domaintune {

/** How assignSplits() splits. A plain value. */
struct SplitOptions
{
    double validation = 0.1; ///< Share of each stratum for "validation".
    double test = 0.1;       ///< Share of each stratum for "test"; the rest is "train".
    std::uint64_t seed = 42;
    bool stratify = true;     ///< Keep label proportions (by first label) in every split.
    bool keepExisting = true; ///< Leave examples that already have a split alone.
};

/**
 * Assigns "train", "validation" or "test" to the examples without a split (to all when
 * keepExisting is false): per stratum (first label; one stratum when not stratifying or
 * unlabelled), a seeded Fisher-Yates shuffle (SplitMix64, so the result is the same on every
 * platform and standard library), then round(n * test) to test, round(n * validation) to
 * validation and the rest to train. Deterministic for a seed. Throws domaintune::Error when
 * the shares are negative or add up to more than 1. Not thread-safe on the same vector.
 */
void assignSplits(std::vector<Example>& examples, const SplitOptions& options = {});

/** The seeded generator assignSplits() uses (SplitMix64). Not thread-safe. */
class SplitMix64
{
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    /** Returns a value in [0, bound). */
    std::uint64_t below(std::uint64_t bound) { return next() % bound; }

private:
    std::uint64_t m_state;
};

} // namespace domaintune
