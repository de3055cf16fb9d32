#pragma once

#include "core/model/modelconfig.h"
#include "core/model/pretrainedmodel.h"

#include <string>

namespace domaintune {

/** Inputs on which an export is compared with the model it came from. Plain value type. */
struct ExportSamples
{
    ForwardInputs inputs; ///< Rows of unequal real length, right-padded, with attention masks.
    std::string origin;   ///< "tokenized sample texts" or "deterministic token ids".
};

/**
 * Returns sample inputs for a model with @p config: a few short texts (finance, medical, legal,
 * general) tokenized with the tokenizer in @p tokenizerFolder when it has one whose ids fit the
 * model, else three rows of deterministic token ids. Rows have different real lengths, so the
 * batch holds padding; the batch size (3) and length differ from any other sample the exporters
 * use. Never throws for a missing or unreadable tokenizer (it falls back). Pure apart from
 * reading the tokenizer files; call from any thread.
 */
ExportSamples exportSamples(const ModelConfig& config, const std::string& tokenizerFolder);

} // namespace domaintune
