#pragma once

// Core-internal (LibTorch): the outputs of a frozen backbone, computed once per example.

#include "core/model/taskmodel.h"
#include "core/train/objective.h"

#include <cstdint>
#include <vector>

namespace domaintune {

/**
 * When only the task head trains, the backbone computes the same features every epoch (with
 * its dropout off). FeatureCache runs the backbone once over a training set in evaluation
 * mode and hands the stored features to the head for every later batch. Examples are
 * computed in a canonical order (by length, then index, in fixed chunks), so the features do
 * not depend on the batches that first need them and resumed runs stay bit-identical.
 * Not thread-safe.
 */
class FeatureCache
{
public:
    /**
     * Computes the backbone outputs of every feature of @p features with @p model (put in
     * evaluation mode for the pass and back in training mode after), @p chunk examples at a
     * time, under bf16 autocast when @p bf16.
     */
    FeatureCache(TaskModelImpl& model, const Objective& objective, const FeatureSet& features,
                 std::int64_t chunk, const torch::Device& device, bool bf16);

    /** Returns the features of @p indices, zero-padded to @p length tokens. */
    BackboneOutput gather(const std::vector<std::size_t>& indices, std::int64_t length) const;

    /** Returns the bytes the cache of @p features would hold for a hidden size of @p hidden. */
    static std::int64_t estimateBytes(const FeatureSet& features, std::int64_t hidden);

private:
    std::vector<torch::Tensor> m_hidden; ///< Per example: [real length, hidden], float32.
    std::vector<torch::Tensor> m_pooled; ///< Per example: [hidden], or undefined.
    torch::Device m_device;
};

} // namespace domaintune
