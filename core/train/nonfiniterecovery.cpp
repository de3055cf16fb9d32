#include "core/train/nonfiniterecovery.h"

#include "core/common/error.h"

#include <sstream>

namespace domaintune {

std::string NonFiniteRecovery::onFailure(const std::string& what, TrainerState& state,
                                         double learningRate, bool haveCheckpoint,
                                         const std::function<std::int64_t()>& rollback)
{
    constexpr std::int64_t kFailuresBeforeRollback = 3;
    constexpr std::int64_t kMaxRollbacks = 3;
    ++state.skippedSteps;
    ++m_consecutive;
    state.lrScale *= 0.5;
    std::ostringstream message;
    message << "Step " << state.step + 1 << ": the " << what
            << "; the batch was skipped and the learning rate lowered to "
            << learningRate * state.lrScale << " (" << state.lrScale << " x the set rate).";
    if (m_consecutive < kFailuresBeforeRollback)
        return message.str();
    if (!haveCheckpoint || state.rollbacks >= kMaxRollbacks) {
        std::ostringstream failure;
        failure << "The training " << what << " " << m_consecutive << " times in a row at step "
                << state.step + 1
                << (haveCheckpoint ? ", even after " + std::to_string(state.rollbacks) +
                                         " rollbacks to the last checkpoint"
                                   : " (before the first checkpoint)")
                << " and with the learning rate lowered to " << learningRate * state.lrScale
                << ". Lower the learning rate, keep gradient clipping on, or check the data for "
                   "extreme values"
                << (haveCheckpoint ? "; the last checkpoint is kept." : ".");
        throw Error(failure.str());
    }
    const std::int64_t restored = rollback();
    ++state.rollbacks;
    m_consecutive = 0;
    message << " After " << kFailuresBeforeRollback
            << " failures in a row the weights were rolled back to the checkpoint of step "
            << restored << ".";
    return message.str();
}

} // namespace domaintune
