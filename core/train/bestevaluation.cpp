#include "core/train/bestevaluation.h"

#include "core/train/task.h"

#include <nlohmann/json.hpp>

namespace domaintune {

BestEvaluation bestEvaluation(const std::vector<EvaluationRecord>& evaluations,
                              const std::string& task)
{
    BestEvaluation best;
    const TaskInfo* info = findTask(task);
    if (!info)
        return best;
    best.metric = info->mainMetric;
    const bool higher = higherIsBetter(best.metric);
    for (const EvaluationRecord& evaluation : evaluations) {
        if (evaluation.split != "validation")
            continue;
        const auto summary = nlohmann::json::parse(evaluation.summaryJson, nullptr, false);
        if (!summary.is_object() || !summary.contains(best.metric) ||
            !summary[best.metric].is_number())
            continue;
        const double value = summary[best.metric].get<double>();
        if (!best.evaluation || (higher ? value > best.value : value < best.value)) {
            best.evaluation = &evaluation;
            best.value = value;
        }
    }
    return best;
}

const EvaluationRecord* lastValidationEvaluation(const std::vector<EvaluationRecord>& evaluations)
{
    const EvaluationRecord* last = nullptr;
    for (const EvaluationRecord& evaluation : evaluations)
        if (evaluation.split == "validation")
            last = &evaluation;
    return last;
}

} // namespace domaintune
