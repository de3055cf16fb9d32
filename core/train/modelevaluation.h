#pragma once

#include "core/data/example.h"
#include "core/train/metrics.h"
#include "core/train/spananswer.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace domaintune {

/** The metrics of a model folder on a labelled data set. Plain value type. */
struct ModelEvaluation
{
    std::string task;
    std::size_t examples = 0;
    std::map<std::string, double> metrics;
    std::vector<std::string> labels;
    std::vector<std::vector<std::int64_t>> confusion;
    std::vector<ClassMetrics> perClass;
    std::vector<QuestionAnswer> answers; ///< Question answering: the answer to each question.
};

/**
 * Evaluates the model in @p modelDir on @p examples with the same metrics training reports.
 * @p task empty: derived from the model's head (seq-cls, multi-label, token-cls, mlm, clm).
 * Labels of the data must be among the model's labels. Runs on the caller's thread; throws
 * domaintune::Error with the file and line of a bad example.
 */
ModelEvaluation evaluateModel(const std::string& modelDir, const std::vector<Example>& examples,
                              std::string task = {}, std::int64_t maxLength = 256,
                              std::int64_t batchSize = 32);

} // namespace domaintune
