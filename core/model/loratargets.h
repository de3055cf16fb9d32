#pragma once

// Which projections LoRA adapts, and what adapters on them cost: no LibTorch, so that the
// wizard can count before a run.

#include "core/model/modelconfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** One linear projection of a model: its module path and its sizes. A plain value. */
struct ProjectionShape
{
    std::string name; ///< Dotted module path ("bert.encoder.layer.0.attention.self.query").
    std::int64_t in = 0, out = 0;
};

/** PEFT's default target_modules for @p family: query,value / q_lin,v_lin / c_attn. */
std::vector<std::string> defaultLoraTargets(ModelFamily family);

/**
 * Whether the module called @p name (a dotted path) is one of @p targets as PEFT matches
 * target_modules given as a list: the name equals a target or ends with "." + target.
 */
bool matchesLoraTarget(const std::string& name, const std::vector<std::string>& targets);

/** The distinct last path components of @p projections, in network order: what a target can
 *  name ("query", "key", "value", "dense", ...). */
std::vector<std::string> loraTargetNames(const std::vector<ProjectionShape>& projections);

/** The parameters of rank-@p rank adapters (A [r, in], B [out, r]) on the projections of
 *  @p projections that @p targets name. */
std::int64_t loraParameterCount(const std::vector<ProjectionShape>& projections,
                                const std::vector<std::string>& targets, std::int64_t rank);

} // namespace domaintune
