#pragma once

#include "core/store/artifactrecord.h"
#include "core/store/evaluationrecord.h"
#include "core/store/metricpoint.h"
#include "core/store/runrecord.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/**
 * JSON forms of the history's value types, shared by run bundles and `domaintune-cli runs`.
 * Keys are snake_case; timestamps are milliseconds since the Unix epoch; stored JSON text
 * (spec, statistics, tables) is embedded as JSON, not as strings. The *FromJson functions
 * throw domaintune::Error naming @p source on a missing or mistyped field. Thread-safe.
 */
namespace runjson {

nlohmann::json fromRun(const RunRecord& run);
RunRecord toRun(const nlohmann::json& json, const std::string& source);

/** Columnar: {"NAME": {"step": [..], "epoch": [..], "value": [..], "wall_time": [..]}}. */
nlohmann::json fromMetrics(const std::vector<MetricPoint>& points);
std::vector<MetricPoint> toMetrics(const nlohmann::json& json, const std::string& source);

nlohmann::json fromEvaluation(const EvaluationRecord& evaluation);
EvaluationRecord toEvaluation(const nlohmann::json& json, const std::string& source);

nlohmann::json fromArtifact(const ArtifactRecord& artifact);
ArtifactRecord toArtifact(const nlohmann::json& json, const std::string& source);

} // namespace runjson
} // namespace domaintune
