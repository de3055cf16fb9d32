#include "core/model/distilbertmodel.h"

#include <cmath>

namespace domaintune {
namespace {

torch::nn::LayerNorm layerNorm(std::int64_t size)
{
    // DistilBERT's LayerNorms use a fixed epsilon of 1e-12.
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({size}).eps(1e-12));
}

} // namespace

DistilBertLayerImpl::DistilBertLayerImpl(const ModelConfig& config)
    : m_heads(config.numHeads), m_activation(config.activation)
{
    const auto h = config.hiddenSize;
    auto attention = register_module("attention", std::make_shared<torch::nn::Module>());
    m_q = attention->register_module("q_lin", Projection(h, h));
    m_k = attention->register_module("k_lin", Projection(h, h));
    m_v = attention->register_module("v_lin", Projection(h, h));
    m_out = attention->register_module("out_lin", Projection(h, h));
    m_saNorm = register_module("sa_layer_norm", layerNorm(h));
    auto ffn = register_module("ffn", std::make_shared<torch::nn::Module>());
    m_lin1 = ffn->register_module("lin1", Projection(h, config.intermediateSize));
    m_lin2 = ffn->register_module("lin2", Projection(config.intermediateSize, h));
    m_outputNorm = register_module("output_layer_norm", layerNorm(h));
    m_attentionDropout =
        register_module("attention_dropout", torch::nn::Dropout(config.attentionDropout));
    m_dropout = register_module("dropout", torch::nn::Dropout(config.hiddenDropout));
}

torch::Tensor DistilBertLayerImpl::forward(const torch::Tensor& hidden, const torch::Tensor& mask)
{
    const auto size = hidden.size(2);
    const double scale = 1.0 / std::sqrt(double(size / m_heads)); // folded in as for BERT
    const bool copies = !headsAsViews(m_attentionDropout);
    const auto q = splitHeads(m_q(hidden, scale), m_heads, copies);
    const auto k = splitHeads(m_k(hidden), m_heads, copies);
    const auto v = splitHeads(m_v(hidden), m_heads, copies);
    const auto context = mergeHeads(attend(q, k, v, mask, m_attentionDropout));
    const auto attended = m_saNorm(m_out(context) + hidden);
    const auto ffn = applyDropout(m_dropout, m_lin2(activate(m_activation, m_lin1(attended))));
    return m_outputNorm(ffn + attended);
}

DistilBertBackboneImpl::DistilBertBackboneImpl(const ModelConfig& config)
{
    checkActivation(config.activation, "config.json");
    auto embeddings = register_module("embeddings", std::make_shared<torch::nn::Module>());
    auto wordOptions = torch::nn::EmbeddingOptions(config.vocabSize, config.hiddenSize);
    if (config.padTokenId)
        wordOptions.padding_idx(*config.padTokenId);
    m_word = embeddings->register_module("word_embeddings", torch::nn::Embedding(wordOptions));
    m_position = embeddings->register_module(
        "position_embeddings", torch::nn::Embedding(config.maxPositions, config.hiddenSize));
    m_norm = embeddings->register_module("LayerNorm", layerNorm(config.hiddenSize));
    m_dropout = embeddings->register_module("dropout", torch::nn::Dropout(config.embeddingDropout));
    m_sinusoidal = config.sinusoidalPositions;
    if (m_sinusoidal)
        m_position->weight.set_requires_grad(false); // computed, never trained
    auto transformer = register_module("transformer", std::make_shared<torch::nn::Module>());
    m_layers = transformer->register_module("layer", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < config.numLayers; ++i)
        m_layers->push_back(DistilBertLayer(config));
}

void DistilBertBackboneImpl::fillFixedWeights(const std::set<std::string>& fresh)
{
    if (!m_sinusoidal)
        return;
    // transformers' create_sinusoidal_embeddings: sin on even columns, cos on odd ones, frozen.
    auto& weight = m_position->weight;
    if (!fresh.empty() && !fresh.count("distilbert.embeddings.position_embeddings.weight"))
        return;
    torch::NoGradGuard noGrad;
    const auto positions = weight.size(0), dim = weight.size(1);
    const auto pos = torch::arange(positions, torch::kDouble).unsqueeze(1);
    const auto column = torch::arange(dim, torch::kDouble);
    const auto angle = pos / torch::pow(10000.0, 2.0 * torch::floor(column / 2) / double(dim));
    const auto even = column.remainder(2).eq(0);
    weight.copy_(torch::where(even, torch::sin(angle), torch::cos(angle)).to(weight.dtype()));
}

BackboneOutput DistilBertBackboneImpl::run(const ModelBatch& batch)
{
    const auto positions =
        torch::arange(batch.inputIds.size(1), batch.inputIds.options()).unsqueeze(0);
    auto hidden = applyDropout(m_dropout, m_norm(m_word(batch.inputIds) + m_position(positions)));
    const auto mask = additiveMask(batch.attentionMask, hidden.scalar_type());
    for (const auto& layer : *m_layers)
        hidden = layer->as<DistilBertLayer>()->forward(hidden, mask);
    return {hidden, {}};
}

} // namespace domaintune
