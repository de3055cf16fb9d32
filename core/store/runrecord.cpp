#include "core/store/runrecord.h"

#include "core/common/error.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>

namespace domaintune {
namespace {

const std::array<const char*, 7> kStatusNames = {"queued", "running",   "paused",     "completed",
                                                 "failed", "cancelled", "interrupted"};

} // namespace

std::string runStatusName(RunStatus status)
{
    return kStatusNames.at(static_cast<std::size_t>(status));
}

RunStatus runStatusFromString(const std::string& name)
{
    for (std::size_t i = 0; i < kStatusNames.size(); ++i)
        if (name == kStatusNames[i])
            return static_cast<RunStatus>(i);
    throw Error("Unknown run status '" + name +
                "'; use queued, running, paused, completed, failed, cancelled or interrupted.");
}

bool isTerminal(RunStatus status)
{
    return status == RunStatus::Completed || status == RunStatus::Failed ||
           status == RunStatus::Cancelled || status == RunStatus::Interrupted;
}

bool hasTag(const RunRecord& run, std::string_view tag)
{
    return std::find(run.tags.begin(), run.tags.end(), tag) != run.tags.end();
}

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string newUuid()
{
    static std::mutex mutex;
    static std::mt19937_64 generator{std::random_device{}()};
    std::uint64_t high, low;
    {
        std::lock_guard<std::mutex> lock(mutex);
        high = generator();
        low = generator();
    }
    high = (high & ~0xf000ull) | 0x4000ull;               // version 4
    low = (low & ~(0xc000ull << 48)) | (0x8000ull << 48); // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                  static_cast<unsigned>(high & 0xffff), static_cast<unsigned>(low >> 48),
                  static_cast<unsigned long long>(low & 0xffffffffffffull));
    return text;
}

} // namespace domaintune
