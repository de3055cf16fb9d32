#pragma once

// Core-internal (LibTorch): the linear layers of the backbones, able to carry a LoRA adapter.

#include <torch/torch.h>

namespace domaintune {

/**
 * A linear projection y = x W^T + b with transformers' parameter names ("weight", "bias"),
 * stored as torch::nn::Linear stores it ([out, in]) or, for GPT-2's Conv1D, transposed
 * ([in, out]) exactly as the checkpoints hold it. It may carry one LoRA adapter, as PEFT
 * defines it: child modules "lora_A" ([rank, in]) and "lora_B" ([out, rank]), and
 *   y = base(x) + lora_B(lora_A(dropout(x))) * scaling,   scaling = alpha / rank
 * (alpha / sqrt(rank) with rsLoRA); A starts Kaiming-uniform (a = sqrt(5)), B at zero, so a new
 * adapter changes nothing. Not thread-safe (a module).
 */
class ProjectionImpl : public torch::nn::Module
{
public:
    ProjectionImpl(std::int64_t in, std::int64_t out, bool transposed = false);

    /** The projection of @p x, all of it multiplied by @p outputScale. */
    torch::Tensor forward(const torch::Tensor& x, double outputScale = 1.0);

    /** Adds a fresh adapter (PEFT's initialisation); replaces one already there. */
    void addAdapter(std::int64_t rank, double alpha, double dropout, bool rsLora);
    bool hasAdapter() const { return !m_loraA.is_empty(); }
    /** The adapter's change to weight, in weight's own layout (scaling included). */
    torch::Tensor adapterDelta() const;
    /** Adds the adapter into weight and removes it (outputs stay the same). */
    void mergeAdapter();

    std::int64_t inFeatures() const { return m_in; }
    std::int64_t outFeatures() const { return m_out; }
    bool transposed() const { return m_transposed; }
    double scaling() const { return m_scaling; }

    torch::Tensor weight; ///< [out, in], or [in, out] when transposed
    torch::Tensor bias;   ///< [out]

private:
    std::int64_t m_in, m_out;
    bool m_transposed;
    torch::nn::Linear m_loraA{nullptr}, m_loraB{nullptr};
    torch::nn::Dropout m_loraDropout{nullptr};
    double m_scaling = 0;
};
TORCH_MODULE(Projection);

} // namespace domaintune
