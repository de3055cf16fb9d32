#pragma once

#include <cstdint>

namespace domaintune {

/**
 * Dynamic loss scaling for fp16 training (the rule of PyTorch's GradScaler): the loss is
 * multiplied by scale() before backward so that small gradients survive in half precision;
 * the gradients are divided by it again before clipping. A step whose gradients overflowed
 * is skipped and the scale halved; after growthInterval good steps in a row it doubles.
 * Plain value type; its two numbers go into checkpoints so that a resumed run continues alike.
 */
class LossScaler
{
public:
    explicit LossScaler(double initialScale = 65536.0, std::int64_t growthInterval = 2000)
        : m_scale(initialScale), m_growthInterval(growthInterval)
    {}

    double scale() const { return m_scale; }
    std::int64_t goodSteps() const { return m_goodSteps; }

    /**
     * Reports whether this step's unscaled gradients were all finite. Returns true when the
     * optimiser may step, false when the step must be skipped (the scale was lowered).
     */
    bool update(bool gradientsFinite)
    {
        if (!gradientsFinite) {
            m_scale = m_scale * 0.5 < kMinimum ? kMinimum : m_scale * 0.5;
            m_goodSteps = 0;
            return false;
        }
        if (++m_goodSteps >= m_growthInterval) {
            m_scale = m_scale * 2.0 > kMaximum ? kMaximum : m_scale * 2.0;
            m_goodSteps = 0;
        }
        return true;
    }

    /** Restores the state a checkpoint saved. */
    void restore(double scale, std::int64_t goodSteps)
    {
        m_scale = scale;
        m_goodSteps = goodSteps;
    }

private:
    static constexpr double kMinimum = 1.0;      // below 1 scaling would only lose precision
    static constexpr double kMaximum = 16777216; // 2^24: fp16 overflows long before
    double m_scale;
    std::int64_t m_growthInterval;
    std::int64_t m_goodSteps = 0;
};

} // namespace domaintune
