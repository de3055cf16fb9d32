#pragma once

// Core-internal (LibTorch through TrainerState): which evaluation is the best so far.

#include "core/train/trainingstate.h"
#include "core/train/trainspec.h"

#include <map>
#include <string>

namespace domaintune {

/**
 * Tracks the best evaluation of a run by its metric (metric_for_best, else the task's main
 * metric; higher or lower is better as the metric says) and early stopping's patience. The
 * record lives in TrainerState (best, bestStep, evaluationsWithoutGain), so that it survives a
 * resume. Const; thread-safe.
 */
class BestModelTracker
{
public:
    explicit BestModelTracker(const TrainSpec& spec);

    const std::string& metric() const { return m_metric; }
    /**
     * Returns true when @p metrics beat the best so far, recording them in @p state as the
     * best at its step; otherwise counts an evaluation without gain. Throws
     * domaintune::Error when @p metrics lack the metric.
     */
    bool offer(const std::map<std::string, double>& metrics, TrainerState& state) const;
    /** True when early stopping is on and its patience has run out. */
    bool patienceRunOut(const TrainerState& state) const;

private:
    std::string m_metric;
    std::string m_task;
    std::int64_t m_patience = 0;
};

} // namespace domaintune
