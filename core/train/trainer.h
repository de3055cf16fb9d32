#pragma once

#include "core/data/example.h"
#include "core/train/distributedenv.h"
#include "core/train/trainingevents.h"
#include "core/train/trainspec.h"

#include <cstdint>
#include <map>
#include <optional>
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
    /** With injectNonFiniteLossAtStep in a data-parallel run: only this rank's loss (-1: all). */
    int injectNonFiniteLossRank = -1;
    /** Stop (as if cancelled) after this many optimiser steps in this call. 0 = off. */
    std::int64_t stopAfterSteps = 0;
    /** Data-parallel training: this process's place among the run's processes (torchrun's
     * variables; distributedEnvFromEnvironment()). Every process calls Trainer::run with the
     * same spec and data; each trains on its share of every batch (spec.batchSize examples),
     * the gradients are summed, and only rank 0 writes checkpoints and models. */
    std::optional<DistributedEnv> distributed;
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
