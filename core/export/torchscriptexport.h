#pragma once

#include "core/export/exportsamples.h"
#include "core/export/huggingfaceexport.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** The result of reloading a TorchScript export and comparing its outputs with the model's. */
struct TorchScriptVerification : ExportVerification
{
    /**
     * The share (0..1) of predictions whose argmax over the last axis agrees: one per row for
     * sequence outputs, one per real (unmasked) token for per-token outputs.
     */
    double argmaxAgreement = 0;
    std::string inputs;                    ///< What the samples were (ExportSamples::origin).
    std::vector<std::int64_t> sampleShape; ///< [batch, length] of the sample input_ids.
};

/** What exportTorchScript() wrote, and how its verification went. Plain value type. */
struct TorchScriptExport
{
    std::string file;     ///< The TorchScript archive, OUTPUT/model.pt.
    std::string metadata; ///< OUTPUT/torchscript.json: inputs, outputs, labels, how to call it.
    std::string sha256;   ///< Of model.pt, as torchscript.json records it.
    std::int64_t bytes = 0;
    TorchScriptVerification verification;
};

/**
 * Exports @p model with its task head as a TorchScript archive OUTPUT/model.pt that
 * torch::jit::load (C++) and torch.jit.load (Python) read: forward(input_ids,
 * attention_mask=None, token_type_ids=None) takes int64 [batch, length] tensors (mask 1 = token,
 * 0 = padding, all ones when omitted; token types all zero when omitted, ignored by DistilBERT)
 * and returns the head's logits as float32 (a (start_logits, end_logits) tuple for question
 * answering; the last hidden state for a base model). The module is scripted, not traced: any
 * batch size and length up to the model's positions work. Its parameters keep the model's
 * state-dict names ("bert.encoder.layer.0.attention.self.query.weight"); `labels` holds the
 * label names. @p weights F16 or BF16 stores the weights in half precision (half the file);
 * they are widened to float32 where used, so results match the model within that precision.
 *
 * Also writes OUTPUT/torchscript.json (how to call it, labels, the archive's SHA-256) and
 * copies the tokenizer files found beside the model. Files are written under temporary names
 * and renamed, so a failure never leaves a half-written model.pt. Then verifies the export
 * with verifyTorchScriptExport(). Throws domaintune::Error when writing fails; a failed
 * verification is reported in the result. Runs on the caller's thread.
 */
TorchScriptExport exportTorchScript(const PretrainedModel& model, const std::string& output,
                                    DType weights = DType::F32);

/**
 * Checks @p file against torchscript.json's SHA-256 when that file lies beside it, reloads it
 * with torch::jit::load, checks every weight against @p original's (rounded to @p weights),
 * and compares the outputs of both on @p samples (default: exportSamples() for the model's
 * folder). A missing, truncated or altered file fails with the reason, never a crash. The
 * tolerance is 1e-5 (F32), 1e-2 (F16) or 5e-2 (BF16) times the largest output magnitude
 * (at least 1). Runs on the caller's thread.
 */
TorchScriptVerification verifyTorchScriptExport(const PretrainedModel& original,
                                                const std::string& file, DType weights = DType::F32,
                                                const ExportSamples* samples = nullptr);

} // namespace domaintune
