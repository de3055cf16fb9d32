#pragma once

#include "core/model/modules.h"
#include "core/model/projection.h"

namespace domaintune {

/** GPT-2's causal self-attention (c_attn, c_proj as Conv1D). */
class Gpt2AttentionImpl : public torch::nn::Module
{
public:
    Gpt2AttentionImpl(const ModelConfig& config, std::int64_t layerIndex);
    /** @p key, @p value: this layer's cache entries (undefined handles: no cache). */
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& paddingMask,
                          torch::Tensor* key = nullptr, torch::Tensor* value = nullptr);

private:
    Projection m_attn{nullptr}, m_proj{nullptr};
    torch::nn::Dropout m_attentionDropout{nullptr}, m_residualDropout{nullptr};
    std::int64_t m_heads = 1;
    double m_scale = 1.0; ///< scale_attn_weights and scale_attn_by_inverse_layer_idx
};
TORCH_MODULE(Gpt2Attention);

/** One pre-LayerNorm GPT-2 block: ln_1, attn, ln_2, mlp (c_fc, c_proj). */
class Gpt2BlockImpl : public torch::nn::Module
{
public:
    Gpt2BlockImpl(const ModelConfig& config, std::int64_t layerIndex);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& paddingMask,
                          torch::Tensor* key = nullptr, torch::Tensor* value = nullptr);

private:
    torch::nn::LayerNorm m_ln1{nullptr}, m_ln2{nullptr};
    Gpt2Attention m_attn{nullptr};
    Projection m_fc{nullptr}, m_proj{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
    std::string m_activation;
};
TORCH_MODULE(Gpt2Block);

/** GPT-2 decoder with transformers' names (wte, wpe, h.N.*, ln_f). */
class Gpt2BackboneImpl : public BackboneImpl
{
public:
    explicit Gpt2BackboneImpl(const ModelConfig& config);
    BackboneOutput run(const ModelBatch& batch) override;
    torch::Tensor wordEmbeddings() override { return m_wte->weight; }
    std::string prefix() const override { return "transformer"; }
    std::string layersPath() const override { return "h."; }
    std::string topGroupOf(const std::string& name) const override
    {
        return name.rfind("ln_f.", 0) == 0 ? "final norm" : "";
    }
    std::string wordEmbeddingsName() const override { return "wte.weight"; }

private:
    torch::nn::Embedding m_wte{nullptr}, m_wpe{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
    torch::nn::ModuleList m_blocks;
    torch::nn::LayerNorm m_lnf{nullptr};
};

} // namespace domaintune
