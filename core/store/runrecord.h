#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domaintune {

/** The life-cycle state of a run, as stored in runs.status. */
enum class RunStatus
{
    Queued,
    Running,
    Paused,
    Completed,
    Failed,
    Cancelled,
    Interrupted ///< Its process died without saying so (see RunStore::markInterrupted()).
};

/** Returns the stored name of @p status ("queued", "running", ...). Thread-safe. */
std::string runStatusName(RunStatus status);
/** Parses a stored status name; throws domaintune::Error listing the valid names. */
RunStatus runStatusFromString(const std::string& name);
/** Returns true for completed, failed, cancelled and interrupted. */
bool isTerminal(RunStatus status);

/**
 * One training run as the history stores it. A plain value type, safe to copy across threads.
 * Timestamps are milliseconds since the Unix epoch (UTC).
 */
struct RunRecord
{
    std::int64_t id = 0; ///< Local row id in one history file; 0 until stored.
    std::string uuid;    ///< Global identity, kept across export/import.
    std::string name;
    std::string task;   ///< "seq-cls", "token-cls", "mlm", ...
    std::string domain; ///< "finance", "medicine", "law", ...
    RunStatus status = RunStatus::Queued;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> endedAt;
    std::string notes;
    std::vector<std::string> tags;
    std::string specJson = "{}"; ///< The full run spec (a JSON object) so the run can be re-run.
    std::optional<std::int64_t> parentId; ///< The run this one resumes or re-runs.
    std::string modelPath;
    std::string modelFingerprint;
    /** Where the base model came from: a JSON object (modelProvenance()), "{}" when unknown. */
    std::string modelSourceJson = "{}";
    std::string datasetFingerprint;
    std::string datasetStatsJson = "{}";
    std::string host;     ///< Host of the process that last ran it.
    std::int64_t pid = 0; ///< That process's id (0 when none).
    std::optional<std::int64_t> heartbeatAt;
};

/** Returns whether @p run carries @p tag ("study", "trial", "pruned", ...). Thread-safe. */
bool hasTag(const RunRecord& run, std::string_view tag);

/** Returns the current time in milliseconds since the Unix epoch. Thread-safe. */
std::int64_t nowMs();
/** Returns a random RFC 4122 version-4 UUID in lowercase text form. Thread-safe. */
std::string newUuid();

} // namespace domaintune
