#pragma once

#include "core/data/example.h"
#include "core/train/trainingevents.h"
#include "core/train/trainspec.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace domaintune {

/** The examples a run trains and evaluates on (already imported and split). */
struct TrainingData
{
    std::vector<Example> train;
    std::vector<Example> validation; ///< Empty: hold out spec.validationFraction of train.
};

/** Switches for special runs. */
struct TrainOptions
{
    /** Continue the run whose checkpoint lies in spec.outputDir/checkpoint. */
    bool resume = false;
    /** Testing hook: from this optimiser step (1-based) on, replace the loss of the next
     * injectNonFiniteLossCount batches with NaN. 0 = off. */
    std::int64_t injectNonFiniteLossAtStep = 0;
    std::int64_t injectNonFiniteLossCount = 1;
    /** Stop (as if cancelled) after this many optimiser steps in this call. 0 = off. */
    std::int64_t stopAfterSteps = 0;
};

/** How a run ended. Plain value type. */
struct TrainResult
{
    std::string status; ///< "completed", "cancelled" or "failed"
    std::string message;
    std::int64_t steps = 0;
    std::map<std::string, double> metrics; ///< Last evaluation.
    std::map<std::string, double> bestMetrics;
    std::string modelDir;     ///< The final model (Hugging Face folder).
    std::string bestModelDir; ///< The best model by the chosen metric.
    std::string checkpointDir;
};

/**
 * Fine-tunes a model as @p spec says: sequence classification (single/multi-label), token
 * classification, masked-LM continued pretraining or causal-LM fine-tuning, with the freeze
 * plan, AdamW, the LR schedule, gradient accumulation and clipping, periodic evaluation,
 * early stopping, best-model keeping and atomic checkpoints that resume bit-identically.
 *
 * Runs on the calling thread (a worker thread in the GUI); reports through @p sink; polls
 * @p control at least once per step. Never throws: failures come back as status "failed"
 * with a message (and a Failed event).
 */
class Trainer
{
public:
    static TrainResult run(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                           const TrainingControl& control, const TrainOptions& options = {});
};

} // namespace domaintune
