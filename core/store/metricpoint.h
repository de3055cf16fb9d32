#pragma once

#include <cstdint>
#include <string>

namespace domaintune {

/**
 * One logged value of one metric at one training step. Plain value type, safe to copy across
 * threads. A run has at most one value per (name, step); logging a step again replaces it.
 */
struct MetricPoint
{
    std::int64_t step = 0;
    double epoch = 0.0; ///< Fractional epoch (1.5 = half-way through the second epoch).
    std::string name;   ///< "train/loss", "eval/f1", "learning_rate", ...
    double value = 0.0;
    double wallTime = 0.0; ///< Seconds since the Unix epoch; 0 means "now" when appended.
};

} // namespace domaintune
