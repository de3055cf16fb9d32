#pragma once

#include "core/export/modelcard.h"
#include "core/model/pretrainedmodel.h"

#include <string>

namespace domaintune {

/** The result of reloading an export and comparing its outputs with the original's. */
struct ExportVerification
{
    bool passed = false;
    double maxAbsDifference = 0; ///< Over every output value of the sample inputs.
    double tolerance = 0;        ///< 0 for F32 (bit-identical), a precision bound for F16/BF16.
    std::string message;
};

/**
 * Reloads the model folder @p folder and runs it and @p original on fixed sample inputs
 * (deterministic token ids), comparing every output. A missing, truncated or altered folder
 * fails with the reason. Runs on the caller's thread.
 */
ExportVerification verifyExport(const PretrainedModel& original, const std::string& folder,
                                DType weights = DType::F32);

/**
 * Merges the LoRA adapters of @p model into its weights (a plain model results, which every
 * export format takes) and compares the outputs on the sample inputs before and after: within
 * 1e-4 of the largest output magnitude (at least 1) passes. Returns the comparison.
 */
ExportVerification mergeLoraVerified(PretrainedModel& model);

/**
 * Exports @p model as a Hugging Face folder at @p output (config.json with architectures and
 * labels, model.safetensors in @p weights precision, the tokenizer files, and README.md from
 * @p card when given), then verifies it. The folder is written in full beside @p output and
 * renamed into place as a whole, replacing an earlier export (no stale file survives, and a
 * kill leaves the old export or the new one); a folder holding other files is refused. Throws
 * domaintune::Error when writing fails; a failed verification is reported in the result.
 */
ExportVerification exportHuggingFace(const PretrainedModel& model, const std::string& output,
                                     DType weights = DType::F32,
                                     const ModelCardFacts* card = nullptr);

} // namespace domaintune
