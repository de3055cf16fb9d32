#pragma once

#include "core/data/corpusimporter.h"
#include "core/data/example.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace domaintune {

/** How many examples a bounded import keeps in memory. A plain value. */
struct HeldExampleLimits
{
    std::size_t maxExamples = SIZE_MAX;
    std::uint64_t maxBytes = 256ull << 20; ///< heldBytes() of the examples kept, at most.
    /** True: stop reading once a limit is reached (an interactive preview). False: read on to
     * the end, counting rows, labels, splits and problems without keeping the examples. */
    bool stopWhenFull = false;
};

/** What importHeldExamples() read: a prefix of the examples, counts over all it read. */
struct HeldExamples
{
    std::vector<Example> examples; ///< The first examples, within the limits.
    std::uint64_t heldBytes = 0;   ///< Their heldBytes().
    bool partial = false;          ///< A limit was reached: examples is a prefix of what was read.
    std::size_t rows = 0;          ///< Examples read, held or not.
    std::map<std::string, std::size_t> labels; ///< Label counts over every example read.
    std::map<std::string, std::size_t> splits; ///< Split counts over every example read.
    ImportSummary summary;                     ///< Sources and problems of the whole read.
};

/** Returns about how many bytes of memory @p example takes (its strings and their headers). */
std::uint64_t heldBytes(const Example& example);

/**
 * Imports @p sources through streamCorpus() and keeps only the first examples, up to
 * @p limits (at least one example, which the reader has in memory already): memory stays
 * bounded whatever the size of the data, while rows, labels, splits and the import's problems
 * still cover every example read. Throws like streamCorpus(). Runs on the calling thread.
 */
HeldExamples importHeldExamples(const std::vector<CorpusSource>& sources,
                                const ImportOptions& options, const HeldExampleLimits& limits);

} // namespace domaintune
