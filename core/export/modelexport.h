#pragma once

#include "core/export/huggingfaceexport.h"
#include "core/export/torchscriptexport.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace domaintune {

class RunStore;

/** What exportModel() exports, from where, to where. A plain value. */
struct ModelExportRequest
{
    std::string historyPath; ///< The run history (needed with runId).
    std::int64_t runId = 0;  ///< > 0: export this run's final model, with its model card.
    /** With runId: the model of the run's best evaluation (best/ beside its model/) instead of
     *  the final one. */
    bool best = false;
    std::string modelDir;     ///< Used when runId is 0: any model folder.
    std::string output;       ///< The folder to write.
    bool huggingFace = true;  ///< config.json + model.safetensors + tokenizer + README.md.
    bool torchScript = false; ///< model.pt + torchscript.json.
    DType weights = DType::F32;
};

/** What exportModel() wrote and how each verification went. A plain value. */
struct ModelExportResult
{
    std::string modelDir; ///< The folder exported from.
    std::string output;
    std::string architecture; ///< As config.json names it, e.g. BertForSequenceClassification.
    std::vector<std::string> labels; ///< id2label in id order.
    std::optional<ExportVerification> huggingFace;
    std::optional<TorchScriptExport> torchScript;
    std::optional<ExportVerification> loraMerge; ///< Set when a LoRA adapter was merged.

    /** Returns whether every written format passed its verification. */
    bool passed() const;
};

/**
 * Loads the model (a run's final model, or a folder), writes the requested formats into
 * request.output and verifies each right after writing. With a run, the model card carries
 * the run's facts (task, domain, data fingerprint, spec, last validation metrics and confusion
 * matrix), and each export and its verification are recorded in the history as an artifact
 * ("export-huggingface", "export-torchscript") and an evaluation ("export-verification").
 * Throws domaintune::Error for a missing run or model, or when writing fails. Slow: runs on
 * the caller's thread (a worker thread in the GUI).
 */
ModelExportResult exportModel(const ModelExportRequest& request);

/** Returns a verification as the history and the CLI store it (passed, max_abs_difference,
 * tolerance, message; for TorchScript also argmax_agreement, inputs, sample_shape). */
nlohmann::json verificationJson(const ExportVerification& verification);
nlohmann::json verificationJson(const TorchScriptVerification& verification);

/** Returns the final model folder of run @p runId; throws domaintune::Error when it has none. */
std::string runModelFolder(RunStore& store, std::int64_t runId);

} // namespace domaintune
