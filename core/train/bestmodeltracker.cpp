#include "core/train/bestmodeltracker.h"

#include "core/common/error.h"
#include "core/train/task.h"

#include <cmath>

namespace domaintune {

BestModelTracker::BestModelTracker(const TrainSpec& spec)
    : m_metric(spec.bestMetric()), m_task(spec.task), m_patience(spec.earlyStoppingPatience)
{}

bool BestModelTracker::offer(const std::map<std::string, double>& metrics,
                             TrainerState& state) const
{
    const auto it = metrics.find(m_metric);
    if (it == metrics.end())
        throw Error("The metric \"" + m_metric + "\" is not computed for the task " + m_task +
                    "; choose another metric_for_best.");
    const bool better =
        std::isnan(state.best) ||
        (higherIsBetter(m_metric) ? it->second > state.best : it->second < state.best);
    if (!better) {
        ++state.evaluationsWithoutGain;
        return false;
    }
    state.best = it->second;
    state.bestStep = state.step;
    state.evaluationsWithoutGain = 0;
    return true;
}

bool BestModelTracker::patienceRunOut(const TrainerState& state) const
{
    return m_patience > 0 && state.evaluationsWithoutGain >= m_patience;
}

} // namespace domaintune
