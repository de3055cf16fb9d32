#pragma once

#include <cstdint>
#include <string>

namespace domaintune {

/** The shape of the learning rate over training. */
enum class ScheduleKind
{
    Linear,  ///< warm-up, then linear decay to 0 at the last step (transformers' default)
    Cosine,  ///< warm-up, then half a cosine to 0
    Constant ///< warm-up, then constant
};

/** Parses "linear", "cosine" or "constant"; throws domaintune::Error otherwise. */
ScheduleKind parseScheduleKind(const std::string& name);
const char* scheduleKindName(ScheduleKind kind);

/**
 * The learning-rate multiplier at each optimiser step, as transformers' get_*_schedule_with_warmup
 * computes it (step counts from 0; the multiplier applies to the step about to be taken).
 * Plain value type; thread-safe.
 */
class LearningRateSchedule
{
public:
    LearningRateSchedule(ScheduleKind kind, std::int64_t warmupSteps, std::int64_t totalSteps);
    /** Returns the multiplier for optimiser step @p step (0-based). */
    double multiplier(std::int64_t step) const;

private:
    ScheduleKind m_kind;
    std::int64_t m_warmup;
    std::int64_t m_total;
};

} // namespace domaintune
