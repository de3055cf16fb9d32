#include "core/model/gpt2model.h"

#include <cmath>

namespace domaintune {
namespace {

torch::nn::LayerNorm layerNorm(const ModelConfig& config)
{
    return torch::nn::LayerNorm(
        torch::nn::LayerNormOptions({config.hiddenSize}).eps(config.layerNormEps));
}

} // namespace

Gpt2AttentionImpl::Gpt2AttentionImpl(const ModelConfig& config, std::int64_t layerIndex)
    : m_heads(config.numHeads)
{
    const double headDim = double(config.hiddenSize / config.numHeads);
    m_scale = (config.scaleAttentionWeights ? 1.0 / std::sqrt(headDim) : 1.0) /
              (config.scaleAttentionByLayerIndex ? double(layerIndex + 1) : 1.0);
    m_attn = register_module("c_attn", Projection(config.hiddenSize, 3 * config.hiddenSize, true));
    m_proj = register_module("c_proj", Projection(config.hiddenSize, config.hiddenSize, true));
    m_attentionDropout =
        register_module("attn_dropout", torch::nn::Dropout(config.attentionDropout));
    m_residualDropout = register_module("resid_dropout", torch::nn::Dropout(config.hiddenDropout));
}

torch::Tensor Gpt2AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& paddingMask,
                                         torch::Tensor* key, torch::Tensor* value)
{
    const auto length = x.size(1), size = x.size(2);
    const auto qkv = m_attn(x).split(size, 2);
    auto keys = splitHeads(qkv[1], m_heads);
    auto values = splitHeads(qkv[2], m_heads);
    if (key) { // the cached tokens come first
        if (key->defined()) {
            keys = torch::cat({*key, keys}, 2);
            values = torch::cat({*value, values}, 2);
        }
        *key = keys;
        *value = values;
    }
    const auto past = keys.size(2) - length;
    auto scores = torch::matmul(splitHeads(qkv[0], m_heads), keys.transpose(-1, -2)) * m_scale;
    // Causal mask: the token at position past + i sees positions <= past + i.
    const auto causal = torch::ones({length, past + length},
                                    torch::TensorOptions().dtype(torch::kBool).device(x.device()))
                            .tril(past);
    scores = scores.masked_fill(causal.logical_not(), std::numeric_limits<float>::lowest());
    if (paddingMask.defined())
        scores = scores + paddingMask;
    const auto probs = applyDropout(m_attentionDropout, torch::softmax(scores, -1));
    const auto context = mergeHeads(torch::matmul(probs, values));
    return applyDropout(m_residualDropout, m_proj(context));
}

Gpt2BlockImpl::Gpt2BlockImpl(const ModelConfig& config, std::int64_t layerIndex)
    : m_activation(config.activation)
{
    m_ln1 = register_module("ln_1", layerNorm(config));
    m_attn = register_module("attn", Gpt2Attention(config, layerIndex));
    m_ln2 = register_module("ln_2", layerNorm(config));
    auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
    m_fc =
        mlp->register_module("c_fc", Projection(config.hiddenSize, config.intermediateSize, true));
    m_proj = mlp->register_module("c_proj",
                                  Projection(config.intermediateSize, config.hiddenSize, true));
    m_dropout = mlp->register_module("dropout", torch::nn::Dropout(config.hiddenDropout));
}

torch::Tensor Gpt2BlockImpl::forward(const torch::Tensor& x, const torch::Tensor& paddingMask,
                                     torch::Tensor* key, torch::Tensor* value)
{
    const auto attended = x + m_attn(m_ln1(x), paddingMask, key, value);
    return attended +
           applyDropout(m_dropout, m_proj(activate(m_activation, m_fc(m_ln2(attended)))));
}

Gpt2BackboneImpl::Gpt2BackboneImpl(const ModelConfig& config)
{
    checkActivation(config.activation, "config.json");
    m_wte = register_module("wte", torch::nn::Embedding(config.vocabSize, config.hiddenSize));
    m_wpe = register_module("wpe", torch::nn::Embedding(config.maxPositions, config.hiddenSize));
    m_dropout = register_module("drop", torch::nn::Dropout(config.embeddingDropout));
    m_blocks = register_module("h", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < config.numLayers; ++i)
        m_blocks->push_back(Gpt2Block(config, i));
    m_lnf = register_module("ln_f", layerNorm(config));
}

BackboneOutput Gpt2BackboneImpl::run(const ModelBatch& batch)
{
    KvCache* cache = batch.cache;
    const std::int64_t past = cache ? cache->length() : 0;
    if (cache && cache->keys.empty()) {
        cache->keys.resize(m_blocks->size());
        cache->values.resize(m_blocks->size());
    }
    const auto positions =
        torch::arange(past, past + batch.inputIds.size(1), batch.inputIds.options()).unsqueeze(0);
    auto embedded = m_wte(batch.inputIds) + m_wpe(positions);
    if (batch.tokenTypeIds.defined()) // transformers embeds GPT-2 token types with wte
        embedded = embedded + m_wte(batch.tokenTypeIds);
    auto hidden = applyDropout(m_dropout, embedded);
    const auto mask = additiveMask(batch.attentionMask, hidden.scalar_type());
    for (std::size_t i = 0; i < m_blocks->size(); ++i)
        hidden = m_blocks[i]->as<Gpt2Block>()->forward(
            hidden, mask, cache ? &cache->keys[i] : nullptr, cache ? &cache->values[i] : nullptr);
    return {m_lnf(hidden), {}};
}

} // namespace domaintune
