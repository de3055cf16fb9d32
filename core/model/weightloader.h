#pragma once

#include "core/model/checkpoint.h"
#include "core/model/loadreport.h"
#include "core/model/taskmodel.h"

namespace domaintune {

/** How strictly loadWeights() matches a checkpoint to a model. */
struct WeightLoadOptions
{
    /**
     * When the checkpoint's head has another shape (e.g. 3 labels, the task 5), keep the new
     * head freshly initialised and note it, instead of failing.
     */
    bool allowHeadResize = false;
};

/**
 * Copies @p checkpoint's tensors into @p model's parameters, accepting the variants real
 * checkpoints carry: legacy LayerNorm gamma/beta names, with or without the backbone prefix,
 * pre-training heads (reported unused), tied decoder copies, and recomputed buffers
 * (position_ids, attn.bias, attn.masked_bias). F16/BF16/F64 tensors are converted.
 *
 * Throws domaintune::Error, leaving the model untouched, for a shape mismatch (naming the
 * tensor and both shapes), a non-float tensor for a float parameter, or a checkpoint of which
 * no tensor matches the model. Runs on the caller's thread.
 */
LoadReport loadWeights(TaskModelImpl& model, const Checkpoint& checkpoint,
                       const WeightLoadOptions& options = {});

/** Wraps @p raw's memory as a tensor (no copy when aligned); throws on an impossible layout. */
torch::Tensor rawToTensor(const RawTensor& raw, const std::string& file);

} // namespace domaintune
