#pragma once

#include "core/data/example.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** What checkLeakage() looks for. A plain value. */
struct LeakageOptions
{
    bool nearDuplicates = true;
    double threshold = 0.8; ///< Estimated Jaccard of character 5-shingles to call texts near.
    int shingleLength = 5;
    int hashes = 64; ///< MinHash functions: bands * rows.
    int bands = 16;  ///< LSH bands; candidates share at least one band.
    std::uint64_t seed = 0x5EED5EEDULL;
    std::size_t maxBucket = 64; ///< Larger LSH buckets are compared only among their first members.
    std::size_t keptPairs = 20; ///< Example pairs kept per kind.
};

/** One pair of duplicate examples (indices into the checked vector, first < second). */
struct DuplicatePair
{
    std::size_t first = 0;
    std::size_t second = 0;
    std::string kind;        ///< "exact", "normalized" or "near".
    double similarity = 1.0; ///< 1 for exact and normalised duplicates.
    bool acrossSplits = false;
};

/** Duplicate counts within and across splits, with example pairs and what to drop. */
struct LeakageReport
{
    std::size_t exactWithin = 0, exactAcross = 0;
    std::size_t normalizedWithin = 0, normalizedAcross = 0;
    std::size_t nearWithin = 0, nearAcross = 0;
    std::vector<DuplicatePair> pairs; ///< Up to keptPairs of each kind.
    /** Indices to drop so no duplicate remains: the non-train side of a cross-split pair, else
     * the later example. Sorted, unique. */
    std::vector<std::size_t> droppable;
    /** Per example: the smallest index of its cluster of duplicates of any kind (itself when
     *  it has none), so that a split can keep each cluster on one side. */
    std::vector<std::size_t> groups;
};

/**
 * Finds duplicates among @p examples (text and textPair together): exact (same bytes),
 * normalised (same after NFKC, case folding and removing everything but letters and digits)
 * and near (MinHash LSH on the normalised text, verified against options.threshold). Each
 * example is counted in the strongest kind only. Deterministic for a seed. Pure function;
 * thread-safe.
 */
LeakageReport checkLeakage(const std::vector<Example>& examples,
                           const LeakageOptions& options = {});

/** Removes report.droppable from @p examples (which must be the vector checked); returns the
 * count removed. */
std::size_t dropDuplicates(std::vector<Example>& examples, const LeakageReport& report);

/** Returns the key normalised duplicates share (NFKC, case-folded, letters and digits only). */
std::string duplicateKey(const std::string& text);

} // namespace domaintune
