#pragma once

#include "core/model/modules.h"
#include "core/model/projection.h"

namespace domaintune {

/** word + position (+ RoBERTa's padding offset) + token-type embeddings, LayerNorm, dropout. */
class BertEmbeddingsImpl : public torch::nn::Module
{
public:
    explicit BertEmbeddingsImpl(const ModelConfig& config);
    /** @p positionIds: packed rows' positions (ModelBatch::positionIds), or undefined. */
    torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& tokenTypeIds,
                          const torch::Tensor& positionIds = {});

    torch::nn::Embedding word_embeddings{nullptr};
    torch::nn::Embedding position_embeddings{nullptr};
    torch::nn::Embedding token_type_embeddings{nullptr};
    torch::nn::LayerNorm LayerNorm{nullptr};
    torch::nn::Dropout dropout{nullptr};

private:
    std::int64_t m_positionOffset = 0;
    std::int64_t m_padTokenId = 0;
};
TORCH_MODULE(BertEmbeddings);

/** Multi-head self-attention with the output projection, residual and LayerNorm. */
class BertAttentionImpl : public torch::nn::Module
{
public:
    explicit BertAttentionImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& mask);

private:
    Projection m_query{nullptr}, m_key{nullptr}, m_value{nullptr}, m_dense{nullptr};
    torch::nn::LayerNorm m_norm{nullptr};
    torch::nn::Dropout m_attentionDropout{nullptr}, m_outputDropout{nullptr};
    std::int64_t m_heads = 1;
};
TORCH_MODULE(BertAttention);

/** One transformer layer: attention, then the feed-forward block (post-LayerNorm). */
class BertLayerImpl : public torch::nn::Module
{
public:
    explicit BertLayerImpl(const ModelConfig& config);
    torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& mask);

private:
    BertAttention m_attention{nullptr};
    Projection m_intermediate{nullptr}, m_output{nullptr};
    torch::nn::LayerNorm m_norm{nullptr};
    torch::nn::Dropout m_dropout{nullptr};
    std::string m_activation;
};
TORCH_MODULE(BertLayer);

/**
 * BERT / RoBERTa / XLM-R encoder with transformers' parameter names (embeddings.*,
 * encoder.layer.N.*, pooler.dense.*). The pooler exists only when @p withPooler.
 */
class BertBackboneImpl : public BackboneImpl
{
public:
    BertBackboneImpl(const ModelConfig& config, bool withPooler);
    BackboneOutput run(const ModelBatch& batch) override;
    torch::Tensor wordEmbeddings() override;
    std::string prefix() const override { return m_prefix; }
    std::string layersPath() const override { return "encoder.layer."; }
    std::string topGroupOf(const std::string& name) const override
    {
        return name.rfind("pooler.", 0) == 0 ? "pooler" : "";
    }

private:
    BertEmbeddings m_embeddings{nullptr};
    torch::nn::ModuleList m_layers;
    torch::nn::Linear m_pooler{nullptr};
    std::string m_prefix;
};

} // namespace domaintune
