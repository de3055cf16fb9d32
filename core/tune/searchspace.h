#pragma once

#include "core/train/trainspec.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/** How a searched hyper-parameter's values are drawn. */
enum class ParameterScale
{
    Uniform,    ///< A real number in [low, high].
    LogUniform, ///< A real number in [low, high], uniform in its logarithm (learning rates).
    Integer,    ///< A whole number in [low, high].
    Choice,     ///< One of a list of values (numbers, words or booleans).
};

/**
 * One searched hyper-parameter. @c key is the run spec's JSON key ("learning_rate",
 * "batch_size", "lora_r"); a nested one is written with a dot ("freeze.preset",
 * "freeze.top_k"). A plain value.
 */
struct SearchParameter
{
    std::string key;
    ParameterScale scale = ParameterScale::Uniform;
    double low = 0;
    double high = 1;
    std::vector<nlohmann::json> choices; ///< Choice only.

    /** Maps a value of this parameter to [0, 1] (log for LogUniform; the index for Choice). */
    double toUnit(const nlohmann::json& value) const;
    /** Maps @p unit in [0, 1] to a value (clamped; rounded for Integer; a choice's index). */
    nlohmann::json fromUnit(double unit) const;
    /** True when @p value lies in the parameter's range (or is one of its choices). */
    bool contains(const nlohmann::json& value) const;
};

/**
 * What a hyper-parameter search may change in a run spec, one SearchParameter per key; the
 * rest of the spec (data, model, seed, validation split) stays as the base spec says, so every
 * trial is measured on the same validation examples. A plain value.
 *
 * JSON (`search --space FILE.json`): an object of key -> {"type": "log-uniform"|"uniform"|
 * "int", "low": x, "high": y} or {"type": "choice", "values": [...]}.
 */
struct SearchSpace
{
    std::vector<SearchParameter> parameters;

    /**
     * The default space for @p base: learning rate (log-uniform, its range by what trains:
     * the whole model, the head only or LoRA adapters), warm-up ratio, weight decay, batch
     * size, and the LoRA rank when the base spec uses LoRA. Epochs are the pruner's resource
     * and stay as the base spec says.
     */
    static SearchSpace defaults(const TrainSpec& base);
    /** Reads a space; @p source names the file in errors. Throws domaintune::Error naming the
     * key and what was wrong (unknown key, bad type, low above high, empty choices). */
    static SearchSpace fromJson(const nlohmann::json& json, const std::string& source);
    nlohmann::json toJson() const;

    /** The base spec's own values of the searched keys (for the baseline trial). */
    nlohmann::json valuesOf(const TrainSpec& base) const;
    /** @p base with @p values (key -> value) set; throws domaintune::Error when the result
     * is not a valid spec (naming the parameter). */
    TrainSpec apply(const TrainSpec& base, const nlohmann::json& values) const;
};

/** Returns the name of @p scale as the space's JSON writes it ("log-uniform", ...). */
std::string parameterScaleName(ParameterScale scale);

} // namespace domaintune
