#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace domaintune {

/** How SuccessiveHalving prunes; the names and defaults are Optuna's. A plain value. */
struct SuccessiveHalvingOptions
{
    std::int64_t minResource = 1;          ///< The first rung's step.
    std::int64_t reductionFactor = 4;      ///< Rungs at minResource * factor^k; top 1/factor go on.
    std::int64_t minEarlyStoppingRate = 0; ///< Skips the first rungs.
    std::int64_t bootstrapCount = 0;       ///< Trials a rung needs before it prunes any.
    bool maximize = true;                  ///< The direction of the metric.
};

/**
 * Asynchronous successive halving (ASHA), as Optuna's SuccessiveHalvingPruner decides it: when a
 * trial's reported step reaches its next rung (minResource * reductionFactor^(rate + rung)),
 * its value is recorded at that rung and compared with every value any trial recorded there;
 * it goes on only while it is within the best 1/reductionFactor of them (the best one while a
 * rung has fewer than reductionFactor values), and a NaN value stops it. Trials may report in
 * any interleaving; nothing waits for a rung to fill. The recorded rungs are the state to keep
 * for resuming a study. Not thread-safe.
 */
class SuccessiveHalving
{
public:
    explicit SuccessiveHalving(SuccessiveHalvingOptions options = {});

    /** Trial @p trial reports @p value at @p step; returns true when it should stop (pruned). */
    bool report(std::int64_t trial, std::int64_t step, double value);
    /** The rungs @p trial has completed (its value at each, in order). */
    std::vector<double> rungsOf(std::int64_t trial) const;
    /** Every trial's completed rungs (to save a study). */
    const std::map<std::int64_t, std::vector<double>>& rungs() const { return m_rungs; }
    /** Restores what rungs() returned (to resume a study). */
    void restore(std::map<std::int64_t, std::vector<double>> rungs);

private:
    bool promotable(double value, std::vector<double> competing) const;

    SuccessiveHalvingOptions m_options;
    std::map<std::int64_t, std::vector<double>> m_rungs;
};

} // namespace domaintune
