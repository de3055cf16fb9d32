#pragma once

#include "core/store/metricpoint.h"
#include "core/store/runstore.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Batched metric logging for one run: append() buffers points and flushes them to the history
 * in one transaction every maxPoints points or maxDelay, whichever comes first (checked on each
 * append; nothing runs in the background). A flush also refreshes the run's heartbeat.
 *
 * Thread affinity: created, used and destroyed on the trainer's thread; it opens its own
 * connection to the history, so the GUI thread keeps reading through its own RunStore.
 * The destructor flushes what is left and swallows errors (call flush() to see them).
 */
class MetricWriter
{
public:
    struct Options
    {
        std::size_t maxPoints = 1000;
        std::chrono::milliseconds maxDelay{1000};
        int busyTimeoutMs = 10000;
    };

    /** Opens its own connection to the history at @p historyPath for run @p runId. */
    MetricWriter(const std::string& historyPath, std::int64_t runId, const Options& options);
    MetricWriter(const std::string& historyPath, std::int64_t runId)
        : MetricWriter(historyPath, runId, Options())
    {}
    ~MetricWriter();
    MetricWriter(const MetricWriter&) = delete;
    MetricWriter& operator=(const MetricWriter&) = delete;

    /** Buffers @p point (wallTime 0 is stamped now); flushes when a limit is reached. */
    void append(MetricPoint point);
    /** Convenience for append(MetricPoint) at the current time. */
    void append(std::int64_t step, double epoch, const std::string& name, double value);
    /** Writes the buffered points in one transaction; throws domaintune::Error on failure. */
    void flush();

    /** Returns how many points wait in the buffer. */
    std::size_t pending() const { return m_buffer.size(); }
    /** Returns how many points were written so far. */
    std::int64_t written() const { return m_written; }
    /** Returns the run this writer logs to. */
    std::int64_t runId() const { return m_runId; }
    /** Returns the writer's connection (for heartbeat() and status updates on this thread). */
    RunStore& store() { return m_store; }

private:
    RunStore m_store;
    std::int64_t m_runId;
    Options m_options;
    std::vector<MetricPoint> m_buffer;
    std::chrono::steady_clock::time_point m_lastFlush;
    std::int64_t m_written = 0;
};

} // namespace domaintune
