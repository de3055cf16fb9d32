#pragma once

// Core-internal (LibTorch): evaluation of a task model on features.

#include "core/model/taskmodel.h"
#include "core/train/objective.h"
#include "core/train/spananswer.h"
#include "core/train/trainingevents.h"

#include <map>

namespace domaintune {

class RankGroup;

/** The metrics of one evaluation. */
struct Evaluation
{
    std::map<std::string, double> metrics;
    std::vector<std::string> labels;
    std::vector<std::vector<std::int64_t>> confusion;
    std::vector<ClassMetrics> perClass;
    std::vector<QuestionAnswer> answers; ///< Question answering: the answer to each question.
    /** False when a cancel stopped it before the last batch: the numbers are not an evaluation
     * of the whole set and must not be recorded or compared. */
    bool complete = true;
};

/**
 * Evaluates @p model on @p features without gradients, in evaluation mode (restoring the
 * previous mode). Masked-LM masks come from a generator seeded with @p seed, so every
 * evaluation of a run masks the same tokens and the training RNG stream is untouched.
 * Checks @p control between batches; when cancelled, returns what was computed so far with
 * Evaluation::complete false. With @p group (a data-parallel run), every rank calls it: the
 * batches are shared out, the predictions pooled, and every rank gets the same metrics (macro-F1
 * over all predictions, not an average of the ranks'); a cancel on any rank stops all.
 */
Evaluation evaluate(TaskModelImpl& model, const Objective& objective, const FeatureSet& features,
                    std::int64_t batchSize, std::uint64_t seed, const TrainingControl& control,
                    RankGroup* group = nullptr);

/** The Evaluation event that reports @p evaluation at (fractional) @p epoch. */
TrainingEvent evaluationEvent(const Evaluation& evaluation, double epoch);

} // namespace domaintune
