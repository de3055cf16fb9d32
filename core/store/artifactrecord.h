#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace domaintune {

/**
 * A file a run produced: a checkpoint (kind "checkpoint", resumable), an exported model
 * ("model", "torchscript"), a model card, a log. Plain value type, safe to copy across threads.
 */
struct ArtifactRecord
{
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::string path;
    std::string kind = "checkpoint";
    std::string sha256; ///< Hex digest of the file (empty for a folder).
    std::int64_t size = 0;
    std::optional<std::int64_t> step; ///< Training step it captures, for checkpoints.
    std::int64_t createdAt = 0;       ///< Milliseconds since the Unix epoch; 0 means now.
};

} // namespace domaintune
