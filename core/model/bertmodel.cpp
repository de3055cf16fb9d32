#include "core/model/bertmodel.h"

#include <cmath>

namespace domaintune {

BertEmbeddingsImpl::BertEmbeddingsImpl(const ModelConfig& config)
    : m_positionOffset(config.positionOffset), m_padTokenId(config.padTokenId.value_or(1))
{
    auto wordOptions = torch::nn::EmbeddingOptions(config.vocabSize, config.hiddenSize);
    if (config.padTokenId)
        wordOptions.padding_idx(*config.padTokenId);
    word_embeddings = register_module("word_embeddings", torch::nn::Embedding(wordOptions));
    auto positionOptions = torch::nn::EmbeddingOptions(config.maxPositions, config.hiddenSize);
    if (m_positionOffset > 0 && m_padTokenId < config.maxPositions)
        positionOptions.padding_idx(m_padTokenId); // RoBERTa: padding positions stay zero
    position_embeddings =
        register_module("position_embeddings", torch::nn::Embedding(positionOptions));
    if (config.typeVocabSize > 0)
        token_type_embeddings = register_module(
            "token_type_embeddings", torch::nn::Embedding(config.typeVocabSize, config.hiddenSize));
    LayerNorm = register_module(
        "LayerNorm",
        torch::nn::LayerNorm(
            torch::nn::LayerNormOptions({config.hiddenSize}).eps(config.layerNormEps)));
    dropout = register_module("dropout", torch::nn::Dropout(config.embeddingDropout));
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& inputIds,
                                          const torch::Tensor& tokenTypeIds,
                                          const torch::Tensor& positionIds)
{
    torch::Tensor positions;
    if (m_positionOffset > 0) {
        // RoBERTa: real tokens count from padding_idx + 1; padding keeps padding_idx. Packed
        // rows count each example from its own start.
        const auto real = inputIds.ne(m_padTokenId).to(torch::kLong);
        const auto counts = positionIds.defined() ? positionIds + 1 : torch::cumsum(real, 1);
        positions = counts * real + (m_positionOffset - 1);
    } else if (positionIds.defined()) {
        positions = positionIds;
    } else {
        positions = torch::arange(inputIds.size(1), inputIds.options()).unsqueeze(0);
    }
    auto x = word_embeddings(inputIds) + position_embeddings(positions);
    if (token_type_embeddings) {
        const auto types = tokenTypeIds.defined() ? tokenTypeIds : torch::zeros_like(inputIds);
        x = x + token_type_embeddings(types);
    }
    return applyDropout(dropout, LayerNorm(x));
}

BertAttentionImpl::BertAttentionImpl(const ModelConfig& config) : m_heads(config.numHeads)
{
    const auto h = config.hiddenSize;
    auto self = register_module("self", std::make_shared<torch::nn::Module>());
    m_query = self->register_module("query", Projection(h, h));
    m_key = self->register_module("key", Projection(h, h));
    m_value = self->register_module("value", Projection(h, h));
    auto output = register_module("output", std::make_shared<torch::nn::Module>());
    m_dense = output->register_module("dense", Projection(h, h));
    m_norm = output->register_module(
        "LayerNorm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({h}).eps(config.layerNormEps)));
    m_attentionDropout =
        register_module("attention_dropout", torch::nn::Dropout(config.attentionDropout));
    m_outputDropout = register_module("output_dropout", torch::nn::Dropout(config.hiddenDropout));
}

torch::Tensor BertAttentionImpl::forward(const torch::Tensor& hidden, const torch::Tensor& mask)
{
    // The 1/sqrt(head size) of the scores is folded into the query projection: a pass over
    // a hidden x hidden weight instead of one over every score, forward and backward.
    const double scale = 1.0 / std::sqrt(double(hidden.size(2) / m_heads));
    const bool copies = !headsAsViews(m_attentionDropout);
    const auto q = splitHeads(m_query(hidden, scale), m_heads, copies);
    const auto k = splitHeads(m_key(hidden), m_heads, copies);
    const auto v = splitHeads(m_value(hidden), m_heads, copies);
    const auto context = mergeHeads(attend(q, k, v, mask, m_attentionDropout));
    return m_norm(applyDropout(m_outputDropout, m_dense(context)) + hidden);
}

BertLayerImpl::BertLayerImpl(const ModelConfig& config) : m_activation(config.activation)
{
    m_attention = register_module("attention", BertAttention(config));
    auto intermediate = register_module("intermediate", std::make_shared<torch::nn::Module>());
    m_intermediate = intermediate->register_module(
        "dense", Projection(config.hiddenSize, config.intermediateSize));
    auto output = register_module("output", std::make_shared<torch::nn::Module>());
    m_output =
        output->register_module("dense", Projection(config.intermediateSize, config.hiddenSize));
    m_norm = output->register_module(
        "LayerNorm",
        torch::nn::LayerNorm(
            torch::nn::LayerNormOptions({config.hiddenSize}).eps(config.layerNormEps)));
    m_dropout = register_module("dropout", torch::nn::Dropout(config.hiddenDropout));
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& hidden, const torch::Tensor& mask)
{
    const auto attended = m_attention(hidden, mask);
    const auto inner = activate(m_activation, m_intermediate(attended));
    return m_norm(applyDropout(m_dropout, m_output(inner)) + attended);
}

BertBackboneImpl::BertBackboneImpl(const ModelConfig& config, bool withPooler)
    : m_prefix(config.modelType == "xlm-roberta" || config.modelType == "camembert"
                   ? "roberta"
                   : config.modelType)
{
    checkActivation(config.activation, "config.json");
    m_embeddings = register_module("embeddings", BertEmbeddings(config));
    auto encoder = register_module("encoder", std::make_shared<torch::nn::Module>());
    m_layers = encoder->register_module("layer", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < config.numLayers; ++i)
        m_layers->push_back(BertLayer(config));
    if (withPooler) {
        auto pooler = register_module("pooler", std::make_shared<torch::nn::Module>());
        m_pooler = pooler->register_module("dense",
                                           torch::nn::Linear(config.hiddenSize, config.hiddenSize));
    }
}

BackboneOutput BertBackboneImpl::run(const ModelBatch& batch)
{
    auto hidden = m_embeddings(batch.inputIds, batch.tokenTypeIds, batch.positionIds);
    const auto mask = batch.segmentIds.defined()
                          ? packedMask(batch.segmentIds, hidden.scalar_type())
                          : additiveMask(batch.attentionMask, hidden.scalar_type());
    for (const auto& layer : *m_layers)
        hidden = layer->as<BertLayer>()->forward(hidden, mask);
    BackboneOutput out{hidden, {}};
    if (m_pooler)
        out.pooled = torch::tanh(m_pooler(firstTokenStates(hidden, batch)));
    return out;
}

torch::Tensor BertBackboneImpl::wordEmbeddings()
{
    return m_embeddings->word_embeddings->weight;
}

} // namespace domaintune
