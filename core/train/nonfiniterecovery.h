#pragma once

// Core-internal (LibTorch through TrainerState): what a run does about a NaN loss or gradient.

#include "core/train/trainingstate.h"

#include <cstdint>
#include <functional>
#include <string>

namespace domaintune {

/**
 * Never train on a non-finite loss or gradient: each failure skips the batch and halves the
 * learning rate (TrainerState::lrScale); three in a row roll the weights back to the last
 * checkpoint (at most three times); when nothing helps the run fails with a message that says
 * what to change. Not thread-safe; one per run.
 */
class NonFiniteRecovery
{
public:
    /**
     * Records a failure (@p what: "loss was NaN", "gradients were not finite", ...) at
     * @p state's step with @p learningRate the set rate. @p rollback restores the weights and
     * optimiser of the last checkpoint, keeping @p state, and returns that checkpoint's step;
     * it is called only when @p haveCheckpoint. Returns the message for the recovery event;
     * throws domaintune::Error when the run cannot go on.
     */
    std::string onFailure(const std::string& what, TrainerState& state, double learningRate,
                          bool haveCheckpoint, const std::function<std::int64_t()>& rollback);
    /** An optimiser step succeeded: failures are no longer in a row. */
    void onSuccess() { m_consecutive = 0; }

private:
    std::int64_t m_consecutive = 0;
};

} // namespace domaintune
