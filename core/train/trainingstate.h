#pragma once

// Core-internal (LibTorch): what a checkpoint holds, and writing/reading it atomically.

#include "core/model/taskmodel.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/** Where a run stands; saved with every checkpoint. */
struct TrainerState
{
    std::int64_t step = 0;         ///< Optimiser steps done.
    std::int64_t epoch = 0;        ///< Current epoch (0-based).
    std::int64_t batchInEpoch = 0; ///< Batches of the current epoch already consumed.
    double best = NAN;             ///< Best value of the chosen metric so far.
    std::int64_t bestStep = -1;
    std::int64_t evaluationsWithoutGain = 0;
    bool evaluationPending = false; ///< A cancel cut the evaluation of this step short.
    // Recovery from non-finite losses or gradients (TrainSpec: never train on NaN).
    double lrScale = 1.0;          ///< Multiplies the learning rate; halved at each failure.
    std::int64_t skippedSteps = 0; ///< Batches dropped for a non-finite loss or gradient.
    std::int64_t rollbacks = 0;    ///< Returns to the last checkpoint's weights.
    // fp16 loss scaling (LossScaler).
    double lossScale = 65536.0;
    std::int64_t lossScaleGoodSteps = 0;
    /** Processes the run trains on (data-parallel): the global batch and the data order
     * depend on it, so a resume must have as many. */
    std::int64_t worldSize = 1;
    std::vector<std::string> labels;
    nlohmann::json spec; ///< The run's spec, to refuse resuming with different settings.

    nlohmann::json toJson() const;
    static TrainerState fromJson(const nlohmann::json& json);
};

/**
 * Writes model weights, optimiser state, the CPU random generator and @p state into
 * @p directory atomically: everything goes to DIR.partial first, which replaces DIR only when
 * complete (a crash mid-write leaves the previous checkpoint intact). Throws domaintune::Error.
 */
void saveCheckpoint(const std::string& directory, TaskModelImpl& model,
                    torch::optim::Optimizer& optimizer, const TrainerState& state);

/**
 * Restores what saveCheckpoint() wrote into @p model and @p optimizer (built exactly as for
 * the original run), and the CPU random generator. Throws domaintune::Error when the folder
 * is missing, incomplete or from another model.
 */
TrainerState loadCheckpoint(const std::string& directory, TaskModelImpl& model,
                            torch::optim::Optimizer& optimizer);

/**
 * Refuses to resume from a checkpoint whose @p saved state was trained with other settings
 * than @p now (the spec, its name aside) or on another label set: throws domaintune::Error
 * naming @p directory and the settings that differ.
 */
void checkResumable(const TrainerState& saved, const TrainerState& now,
                    const std::string& directory);

} // namespace domaintune
