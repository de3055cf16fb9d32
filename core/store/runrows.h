#pragma once

// Internal to core/store: the column lists of the history tables and the readers that turn a
// statement's current row into a value type. Same thread affinity as the Statement.

#include "core/store/artifactrecord.h"
#include "core/store/evaluationrecord.h"
#include "core/store/runrecord.h"

namespace domaintune {

class Statement;

namespace runrows {

/** SELECT list for readRun(): every runs column plus the run's tags as a JSON array. */
extern const char* const RunColumns;
/** SELECT list for readEvaluation(). */
extern const char* const EvaluationColumns;
/** SELECT list for readArtifact(). */
extern const char* const ArtifactColumns;

RunRecord readRun(const Statement& row);
EvaluationRecord readEvaluation(const Statement& row);
ArtifactRecord readArtifact(const Statement& row);

/** Returns @p value as a double, mapping SQL NULL (how NaN is stored) back to NaN. */
double readValue(const Statement& row, int column);

} // namespace runrows
} // namespace domaintune
