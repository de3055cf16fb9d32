#include "core/store/metricwriter.h"

#include <chrono>

namespace domaintune {
namespace {

RunStore::Options writerOptions(const MetricWriter::Options& options)
{
    RunStore::Options storeOptions;
    storeOptions.busyTimeoutMs = options.busyTimeoutMs;
    storeOptions.markInterruptedOnOpen = false;
    return storeOptions;
}

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

} // namespace

MetricWriter::MetricWriter(const std::string& historyPath, std::int64_t runId,
                           const Options& options)
    : m_store(historyPath, writerOptions(options)), m_runId(runId), m_options(options),
      m_lastFlush(std::chrono::steady_clock::now())
{
    m_store.requireRun(runId);
    m_buffer.reserve(options.maxPoints);
}

MetricWriter::~MetricWriter()
{
    try {
        flush();
    } catch (...) {
        // A destructor must not throw; the points are lost, the database stays consistent.
    }
}

void MetricWriter::append(MetricPoint point)
{
    if (point.wallTime == 0.0)
        point.wallTime = nowSeconds();
    m_buffer.push_back(std::move(point));
    if (m_buffer.size() >= m_options.maxPoints ||
        std::chrono::steady_clock::now() - m_lastFlush >= m_options.maxDelay)
        flush();
}

void MetricWriter::append(std::int64_t step, double epoch, const std::string& name, double value)
{
    append(MetricPoint{step, epoch, name, value, 0.0});
}

void MetricWriter::flush()
{
    m_lastFlush = std::chrono::steady_clock::now();
    if (m_buffer.empty())
        return;
    m_store.appendMetrics(m_runId, m_buffer);
    m_written += static_cast<std::int64_t>(m_buffer.size());
    m_buffer.clear();
}

} // namespace domaintune
