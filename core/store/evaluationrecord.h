#pragma once

#include <cstdint>
#include <string>

namespace domaintune {

/**
 * An evaluation of a run at one step: summary metrics, a per-class table and a confusion matrix,
 * each stored as validated JSON text. Plain value type, safe to copy across threads.
 */
struct EvaluationRecord
{
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::int64_t step = 0;
    std::string split = "validation";
    std::string summaryJson = "{}";   ///< e.g. {"accuracy": 0.91, "macro_f1": 0.88}
    std::string perClassJson = "[]";  ///< e.g. [{"label": "A", "precision": .., "recall": ..}]
    std::string confusionJson = "{}"; ///< e.g. {"labels": [..], "matrix": [[..], ..]}
    std::int64_t createdAt = 0;       ///< Milliseconds since the Unix epoch; 0 means now.
};

} // namespace domaintune
