#pragma once

#include "core/store/runrecord.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace domaintune {

/** Which column RunStore::listRuns() sorts by. */
enum class RunSortKey
{
    Created,
    Name,
    Status,
    Task,
    Domain
};

/** What RunStore::listRuns() returns: every set field narrows the list. Plain value type. */
struct RunFilter
{
    std::optional<std::string> task;
    std::optional<std::string> domain;
    std::optional<RunStatus> status;
    std::optional<std::string> tag;
    std::string search; ///< Case-insensitive substring of the name or the notes.
    RunSortKey sortBy = RunSortKey::Created;
    bool descending = true;
    std::int64_t limit = -1; ///< -1: no limit.
    std::int64_t offset = 0;
};

/** The x axis that RunStore::curves() aligns runs on. */
enum class CurveAxis
{
    Step,    ///< x = training step.
    WallTime ///< x = seconds since the run's first logged point.
};

/** One point of a curve: x per CurveAxis, y the metric value, and the step it came from. */
struct CurvePoint
{
    double x = 0.0;
    double y = 0.0;
    std::int64_t step = 0;
};

/** One run's curve for one metric, points in increasing step order. */
struct Curve
{
    std::int64_t runId = 0;
    std::string metric;
    std::vector<CurvePoint> points;
};

/**
 * The flattened specs of N runs side by side: for each dotted key, one JSON text per run (in
 * the order the runs were asked for), or an empty optional where a run's spec lacks the key.
 */
struct ParameterDiff
{
    std::vector<std::int64_t> runIds;
    std::map<std::string, std::vector<std::optional<std::string>>> values;
};

/** Whether larger or smaller values of a metric are better. */
enum class MetricGoal
{
    Maximize,
    Minimize
};

/** A run's best value of one metric and the step where it was reached. */
struct BestMetric
{
    std::int64_t runId = 0;
    std::string metric;
    double value = 0.0;
    std::int64_t step = 0;
};

} // namespace domaintune
