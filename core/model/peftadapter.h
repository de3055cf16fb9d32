#pragma once

// Core-internal (LibTorch): LoRA adapters in PEFT's file format (adapter_config.json +
// adapter_model.safetensors), written so PeftModel.from_pretrained loads them, and read back.

#include "core/model/lorasettings.h"
#include "core/model/modelconfig.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace domaintune {

/** What adapter_config.json says (the LoRA subset DomainTune supports). */
struct PeftAdapterConfig
{
    LoraSettings settings;
    std::string baseModel;                  ///< base_model_name_or_path
    std::vector<std::string> modulesToSave; ///< Trained in full and stored whole (the head).
    std::string taskType;                   ///< SEQ_CLS, TOKEN_CLS, CAUSAL_LM, ...
};

/** Whether @p directory holds a PEFT adapter (adapter_config.json). */
bool isPeftAdapterFolder(const std::string& directory);

/**
 * Reads @p directory/adapter_config.json. Throws domaintune::Error (file, what, what to do) for
 * a file that is not a LoRA adapter or uses what DomainTune does not implement (DoRA, biases,
 * per-layer rank or alpha patterns, regular-expression targets, embedding adapters).
 */
PeftAdapterConfig readPeftAdapterConfig(const std::string& directory);

/** PEFT's task_type for @p head ("SEQ_CLS", "TOKEN_CLS", "CAUSAL_LM", "QUESTION_ANS", ...). */
std::string peftTaskType(HeadKind head);

/**
 * Writes @p model's adapters and the parameters under @p modulesToSave (state-dict prefixes)
 * as PEFT does: adapter_model.safetensors with "base_model.model.<name>" keys (for a bare base
 * model the names lose @p backbonePrefix, as transformers' base models store them) and
 * adapter_config.json. Throws domaintune::Error when a file cannot be written.
 */
void writePeftAdapter(const std::string& directory, torch::nn::Module& model,
                      const PeftAdapterConfig& config, ModelFamily family, HeadKind head,
                      const std::string& backbonePrefix);

/**
 * Copies the adapter tensors of @p directory/adapter_model.safetensors into @p model (whose
 * adapters are attached): every LoRA tensor must match a parameter of the same shape, and every
 * adapter parameter of the model must be given. Returns the names of other tensors loaded
 * (modules_to_save). Throws domaintune::Error naming the tensor otherwise.
 */
std::vector<std::string> loadPeftAdapterWeights(const std::string& directory,
                                                torch::nn::Module& model, HeadKind head,
                                                const std::string& backbonePrefix);

} // namespace domaintune
