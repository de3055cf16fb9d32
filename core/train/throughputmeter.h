#pragma once

#include <chrono>
#include <cstdint>

namespace domaintune {

/**
 * Samples and tokens per second over a sliding window of about two seconds, so that the
 * dashboard shows the current speed rather than the average since the start. Not
 * thread-safe.
 */
class ThroughputMeter
{
public:
    using Clock = std::chrono::steady_clock;

    /** Counts a step's @p samples and @p tokens. */
    void add(std::int64_t samples, std::int64_t tokens)
    {
        m_samples += samples;
        m_tokens += tokens;
    }
    /** Seconds since the window started. */
    double seconds() const { return std::chrono::duration<double>(Clock::now() - m_start).count(); }
    double samplesPerSecond(double seconds) const { return double(m_samples) / seconds; }
    double tokensPerSecond(double seconds) const { return double(m_tokens) / seconds; }
    /** Starts a new window once the current one is older than two seconds. */
    void roll()
    {
        if (seconds() > 2.0) {
            m_start = Clock::now();
            m_samples = m_tokens = 0;
        }
    }

private:
    Clock::time_point m_start = Clock::now();
    std::int64_t m_samples = 0, m_tokens = 0;
};

} // namespace domaintune
