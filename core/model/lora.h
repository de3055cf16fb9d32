#pragma once

// Core-internal (LibTorch): LoRA adapters on a task model's projections.

#include "core/model/lorasettings.h"
#include "core/model/modelconfig.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace domaintune {

/** PEFT's default target_modules for @p family: query,value / q_lin,v_lin / c_attn. */
std::vector<std::string> defaultLoraTargets(ModelFamily family);

/**
 * Whether the module called @p name (a dotted path) is one of @p targets as PEFT matches
 * target_modules given as a list: the name equals a target or ends with "." + target.
 */
bool matchesLoraTarget(const std::string& name, const std::vector<std::string>& targets);

/**
 * Adds a fresh adapter (rank, alpha, dropout, rsLoRA of @p settings) to every projection of
 * @p model that @p settings' targets name (the family default when empty). Returns the names of
 * the projections. Throws domaintune::Error, naming the projections the model has, when no
 * projection matches, or for a rank below 1.
 */
std::vector<std::string> attachLora(torch::nn::Module& model, const LoraSettings& settings,
                                    ModelFamily family);

/** Whether parameter @p name belongs to an adapter (…lora_A.weight, …lora_B.weight). */
bool isAdapterParameter(const std::string& name);

/** Merges every adapter of @p model into its projection's weight and removes it. */
void mergeLora(torch::nn::Module& model);

/** Whether any projection of @p model carries an adapter. */
bool hasLora(torch::nn::Module& model);

} // namespace domaintune
