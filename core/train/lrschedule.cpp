#include "core/train/lrschedule.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>

namespace domaintune {

ScheduleKind parseScheduleKind(const std::string& name)
{
    for (auto kind : {ScheduleKind::Linear, ScheduleKind::Cosine, ScheduleKind::Constant})
        if (name == scheduleKindName(kind))
            return kind;
    throw Error("Unknown learning-rate schedule \"" + name +
                "\"; choose linear, cosine or constant.");
}

const char* scheduleKindName(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Linear:
        return "linear";
    case ScheduleKind::Cosine:
        return "cosine";
    case ScheduleKind::Constant:
        return "constant";
    }
    return "linear";
}

LearningRateSchedule::LearningRateSchedule(ScheduleKind kind, std::int64_t warmupSteps,
                                           std::int64_t totalSteps)
    : m_kind(kind), m_warmup(std::max<std::int64_t>(0, warmupSteps)),
      m_total(std::max<std::int64_t>(1, totalSteps))
{}

double LearningRateSchedule::multiplier(std::int64_t step) const
{
    if (step < m_warmup)
        return double(step) / double(std::max<std::int64_t>(1, m_warmup));
    if (m_kind == ScheduleKind::Constant)
        return 1.0;
    const double progress =
        double(step - m_warmup) / double(std::max<std::int64_t>(1, m_total - m_warmup));
    if (m_kind == ScheduleKind::Linear)
        return std::max(0.0, 1.0 - progress);
    return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * progress)));
}

} // namespace domaintune
