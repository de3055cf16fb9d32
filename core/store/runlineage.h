#pragma once

#include "core/store/runrecord.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

class RunStore;

/** How one run leads to another. */
enum class LineageLink
{
    BaseModel, ///< The later run trained on the earlier run's model (chained adaptation).
    Resume,    ///< The later run continues (or re-runs) the earlier one.
    Trial,     ///< The later run is a trial of the earlier one's hyper-parameter search.
};

/** Returns "base-model", "resume" or "trial". */
std::string lineageLinkName(LineageLink link);

struct LineageEdge
{
    std::int64_t from = 0; ///< The earlier run.
    std::int64_t to = 0;   ///< The run it led to.
    LineageLink link = LineageLink::BaseModel;
    std::string model; ///< BaseModel: the model folder that passed between them.
};

/** The runs connected to one run, and how. A plain value. */
struct RunLineage
{
    std::vector<RunRecord> runs; ///< Oldest first; the asked-for run is among them.
    std::vector<LineageEdge> edges;
    /** The base-model chain that ends at the asked-for run: the first run trained on an
     * outside model, then each run trained on the one before's model, then the run itself. */
    std::vector<std::int64_t> chain;
};

/**
 * The lineage of run @p runId in @p store: every run reachable through base-model links (a run
 * whose base model folder is the model/ or best/ folder another run produced, by absolute
 * path) and parent links (resumes, re-runs, a study's trials), in both directions. Throws
 * domaintune::Error "no run N" when the run does not exist. Same thread as @p store.
 */
RunLineage runLineage(RunStore& store, std::int64_t runId);

} // namespace domaintune
