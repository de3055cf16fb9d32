#pragma once

#include "core/model/modelconfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** A LoRA adapter's settings, as PEFT's LoraConfig names them. A plain value. */
struct LoraSettings
{
    std::int64_t rank = 0;            ///< r; 0: no adapter.
    double alpha = 16;                ///< lora_alpha.
    double dropout = 0;               ///< lora_dropout.
    bool rsLora = false;              ///< use_rslora: scaling alpha / sqrt(r), not alpha / r.
    std::vector<std::string> targets; ///< target_modules; empty: the family's PEFT default.

    bool enabled() const { return rank > 0; }
};

/**
 * The parameters of rank-@p rank adapters on PEFT's default targets of a model of @p family
 * with @p layers layers of width @p hidden: A [r, in] and B [out, r] per projection.
 */
inline std::int64_t defaultLoraParameterCount(ModelFamily family, std::int64_t layers,
                                              std::int64_t hidden, std::int64_t rank)
{
    const std::int64_t perLayer = family == ModelFamily::Gpt2
                                      ? rank * (hidden + 3 * hidden)  // c_attn
                                      : 2 * rank * (hidden + hidden); // query, value
    return layers * perLayer;
}

} // namespace domaintune
