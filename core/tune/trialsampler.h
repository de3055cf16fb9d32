#pragma once

#include "core/tune/searchspace.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/** How a study picks each trial's values. */
enum class SamplerKind
{
    Random,      ///< Independent uniform draws (in the parameter's scale).
    QuasiRandom, ///< A randomly shifted Halton sequence: covers the space evenly with few trials.
    Tpe,         ///< Tree-structured Parzen estimator after quasi-random start-up trials.
};

/** Returns "random", "qmc" or "tpe". */
std::string samplerName(SamplerKind kind);
/** Parses samplerName()'s names; throws domaintune::Error listing them. */
SamplerKind samplerFromString(const std::string& name);

/** A finished trial as the sampler weighs it. A plain value. */
struct SampledTrial
{
    nlohmann::json values; ///< key -> value, as sampleTrial() gave them.
    double score = 0;      ///< Its final score, or its last rung's value when pruned; NaN: none.
    /** Rungs it passed: trials that went further rank above those pruned earlier. */
    int rungs = 0;
    bool pruned = false;
};

struct SamplerOptions
{
    SamplerKind kind = SamplerKind::Tpe;
    std::uint64_t seed = 42;
    int startupTrials = 4; ///< TPE: quasi-random trials before the model is used.
    int candidates = 24;   ///< TPE: draws from the good trials' density, the best ratio wins.
    bool maximize = true;
};

/**
 * The values of trial @p trial (0-based) of a study over @p space, given the trials finished
 * before it in order. A pure function of its arguments: a resumed study draws the same values
 * again. TPE (Bergstra et al. 2011, as Optuna's independent TPESampler): the finished trials
 * split into the best ceil(10 %) (at most 25) and the rest, each parameter gets a Parzen
 * density per group (truncated Gaussians at the observations in [0, 1] of the parameter's
 * scale, neighbour-distance bandwidths clipped as Optuna's, plus a flat prior; counts plus a
 * prior for choices), and of @p options.candidates draws from the good density the one with
 * the highest good/bad ratio is taken. Thread-safe.
 */
nlohmann::json sampleTrial(const SearchSpace& space, const SamplerOptions& options,
                           std::int64_t trial, const std::vector<SampledTrial>& finished);

} // namespace domaintune
