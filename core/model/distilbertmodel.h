#pragma once

#include "core/model/modules.h"
#include "core/model/projection.h"

namespace domaintune {

/** One DistilBERT layer (q_lin/k_lin/v_lin/out_lin, sa_layer_norm, ffn, output_layer_norm). */
class DistilBertLayerImpl : public torch::nn::Module
{
public:
    explicit DistilBertLayerImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& mask);

private:
    Projection m_q{nullptr}, m_k{nullptr}, m_v{nullptr}, m_out{nullptr};
    Projection m_lin1{nullptr}, m_lin2{nullptr};
    torch::nn::LayerNorm m_saNorm{nullptr}, m_outputNorm{nullptr};
    torch::nn::Dropout m_attentionDropout{nullptr}, m_dropout{nullptr};
    std::int64_t m_heads = 1;
    std::string m_activation;
};
TORCH_MODULE(DistilBertLayer);

/**
 * DistilBERT encoder with transformers' names (embeddings.*, transformer.layer.N.*): no
 * token types, no pooler.
 */
class DistilBertBackboneImpl : public BackboneImpl
{
public:
    explicit DistilBertBackboneImpl(const ModelConfig& config);
    BackboneOutput run(const ModelBatch& batch) override;
    torch::Tensor wordEmbeddings() override { return m_word->weight; }
    std::string prefix() const override { return "distilbert"; }
    std::string layersPath() const override { return "transformer.layer."; }
    void fillFixedWeights(const std::set<std::string>& fresh) override;

private:
    torch::nn::Embedding m_word{nullptr}, m_position{nullptr};
    torch::nn::LayerNorm m_norm{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
    torch::nn::ModuleList m_layers;
    bool m_sinusoidal = false;
};

} // namespace domaintune
