#pragma once

// Core-internal (LibTorch): LoRA adapters on a task model's projections.

#include "core/model/lorasettings.h"
#include "core/model/loratargets.h"
#include "core/model/modelconfig.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace domaintune {

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
