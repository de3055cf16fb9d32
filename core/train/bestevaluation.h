#pragma once

#include "core/store/evaluationrecord.h"

#include <string>
#include <vector>

namespace domaintune {

/** A run's best evaluation by its task's main metric. A plain value. */
struct BestEvaluation
{
    const EvaluationRecord* evaluation = nullptr; ///< Null when no evaluation holds the metric.
    std::string metric;
    double value = 0;
};

/**
 * The validation evaluation of @p evaluations with the best value of @p task's main metric
 * (higher or lower is better as the metric says; the first of equals). Evaluations of other
 * splits (export verification) and those without the metric are passed over; an unknown task
 * has none. The result points into @p evaluations. Pure function; thread-safe.
 */
BestEvaluation bestEvaluation(const std::vector<EvaluationRecord>& evaluations,
                              const std::string& task);

/**
 * The last validation evaluation of @p evaluations (in the history's order: by step), or null;
 * evaluations of other splits (export verification) are passed over. Points into
 * @p evaluations. Pure function; thread-safe.
 */
const EvaluationRecord* lastValidationEvaluation(const std::vector<EvaluationRecord>& evaluations);

} // namespace domaintune
