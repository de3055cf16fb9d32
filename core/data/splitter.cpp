#include "core/data/splitter.h"

#include "core/common/error.h"

#include <cmath>
#include <map>
#include <string>

namespace domaintune {

std::uint64_t SplitMix64::next()
{
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void assignSplits(std::vector<Example>& examples, const SplitOptions& options)
{
    if (options.validation < 0 || options.test < 0 || options.validation + options.test > 1)
        throw Error("Split shares must be between 0 and 1 and leave room for training "
                    "(validation " +
                    std::to_string(options.validation) + ", test " + std::to_string(options.test) +
                    ").");
    std::map<std::string, std::vector<std::size_t>> strata;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        if (options.keepExisting && !examples[i].split.empty())
            continue;
        const std::string key =
            options.stratify && !examples[i].labels.empty() ? examples[i].labels.front() : "";
        strata[key].push_back(i);
    }
    SplitMix64 random(options.seed);
    for (auto& [stratum, indices] : strata) {
        for (std::size_t i = indices.size(); i > 1; --i)
            std::swap(indices[i - 1], indices[random.below(i)]);
        const double n = static_cast<double>(indices.size());
        const auto test = static_cast<std::size_t>(std::llround(n * options.test));
        const auto validation = std::min(
            indices.size() - test, static_cast<std::size_t>(std::llround(n * options.validation)));
        for (std::size_t k = 0; k < indices.size(); ++k)
            examples[indices[k]].split = k < test                ? "test"
                                         : k < test + validation ? "validation"
                                                                 : "train";
    }
}

} // namespace domaintune
