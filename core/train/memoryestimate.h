#pragma once

#include <cstdint>
#include <vector>

namespace domaintune {

/** What estimateTrainingMemory() needs to know about a run. A plain value. */
struct MemoryEstimateInput
{
    std::vector<std::int64_t> groupParameters; ///< Scalar parameters per group, network order.
    std::vector<bool> groupTrains;             ///< Whether each group trains (same size).
    std::int64_t layers = 0;                   ///< Transformer layers (groups "layer N").
    std::int64_t hiddenSize = 0;
    std::int64_t heads = 0;
    std::int64_t batchSize = 16;
    std::int64_t sequenceLength = 128;
    std::int64_t bytesPerValue = 4; ///< 4 for fp32, 2 under bf16/fp16 autocast.
    /**
     * > 0: LoRA adapters with this many parameters train instead of the layers (their groups'
     * own parameters stay fixed; the last group, the head, trains when checked), and every
     * layer keeps activations for the adapters' gradients.
     */
    std::int64_t adapterParameters = 0;
};

/** An estimate of the memory a training run needs, in bytes, by kind. A plain value. */
struct MemoryEstimate
{
    std::int64_t weights = 0;     ///< Every parameter, fp32.
    std::int64_t gradients = 0;   ///< Trainable parameters only.
    std::int64_t optimizer = 0;   ///< AdamW's two moments per trainable parameter.
    std::int64_t activations = 0; ///< Saved for backward, from the lowest trainable layer up.
    std::int64_t trainableParameters = 0;
    std::int64_t totalParameters = 0;

    std::int64_t total() const { return weights + gradients + optimizer + activations; }
};

/**
 * Estimates the memory of one training step with AdamW: weights, gradients and the two Adam
 * moments of trainable parameters, plus the activations autograd keeps. Activations follow
 * Korthikanti et al. (2022), per layer s·b·h·(34 + 5·a·s/h) bytes at 16-bit, scaled to
 * bytesPerValue; only layers at or above the lowest trainable group keep them (frozen bottom
 * layers run without autograd). An estimate for planning (±30 %), not a guarantee. Pure
 * function; thread-safe.
 */
MemoryEstimate estimateTrainingMemory(const MemoryEstimateInput& input);

} // namespace domaintune
