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

} // namespace domaintune
