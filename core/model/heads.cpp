// The task heads of each family, with transformers' module names and computations.
#include "core/common/error.h"
#include "core/model/taskmodel.h"

namespace domaintune {
namespace {

using torch::nn::Dropout;
using torch::nn::Linear;
using torch::nn::Module;

/** Returns the (possibly new, empty) submodule at dotted @p path below @p parent. */
std::shared_ptr<Module> modulePath(Module& parent, const std::string& path)
{
    Module* current = &parent;
    std::shared_ptr<Module> found;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto dot = path.find('.', start);
        const std::string name = path.substr(start, dot == std::string::npos ? dot : dot - start);
        found.reset();
        for (const auto& item : current->named_children())
            if (item.key() == name)
                found = item.value();
        if (!found)
            found = current->register_module(name, std::make_shared<Module>());
        current = found.get();
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return found;
}

std::int64_t requireLabels(const ModelConfig& config, const char* task)
{
    if (config.numLabels() < 1)
        throw Error(std::string("A ") + task +
                    " head needs labels, but the model's config.json names none (id2label or "
                    "num_labels). Give the labels of your data set when creating the head.");
    return config.numLabels();
}

torch::nn::LayerNorm layerNorm(const ModelConfig& config, double eps)
{
    return torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.hiddenSize}).eps(eps));
}

/** Registers @p tensor as parameter at dotted @p path below @p owner ("a.b.weight"). */
torch::Tensor registerAt(Module& owner, const std::string& path, const torch::Tensor& tensor)
{
    const auto dot = path.rfind('.');
    if (dot == std::string::npos)
        return owner.register_parameter(path, tensor);
    return modulePath(owner, path.substr(0, dot))->register_parameter(path.substr(dot + 1), tensor);
}

/** A linear decoder onto the vocabulary whose weight is the input embedding when tied. */
class VocabularyDecoder
{
public:
    /** @p weightPath: where an untied weight lives, e.g. "lm_head.weight". */
    VocabularyDecoder(Module& owner, const std::string& weightPath, BackboneImpl& backbone,
                      const ModelConfig& config)
        : m_backbone(backbone)
    {
        if (!config.tieWordEmbeddings)
            m_ownWeight =
                registerAt(owner, weightPath, torch::empty({config.vocabSize, config.hiddenSize}));
    }
    torch::Tensor operator()(const torch::Tensor& x, const torch::Tensor& bias) const
    {
        const auto weight = m_ownWeight.defined() ? m_ownWeight : m_backbone.wordEmbeddings();
        return torch::nn::functional::linear(x, weight, bias);
    }
    bool tied() const { return !m_ownWeight.defined(); }

private:
    BackboneImpl& m_backbone;
    torch::Tensor m_ownWeight;
};

/** [CLS]-pooler → dropout → classifier (BERT). */
class BertSequenceHead : public Head
{
public:
    BertSequenceHead(TaskModelImpl& model, const ModelConfig& config)
        : m_dropout(model.register_module("dropout", Dropout(config.classifierDropout))),
          m_classifier(model.register_module(
              "classifier", Linear(config.hiddenSize, requireLabels(config, "classification"))))
    {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch&) override
    {
        return {m_classifier(applyDropout(m_dropout, b.pooled)), {}, {}, b};
    }
    bool needsPooler() const override { return true; }

private:
    Dropout m_dropout;
    Linear m_classifier;
};

/** Pooled sentence embedding → classifier (SetFit: every family, no dropout in the head). */
class SentenceHead : public Head
{
public:
    SentenceHead(TaskModelImpl& model, const ModelConfig& config)
        : m_pooling(config.sentencePooling),
          m_classifier(model.register_module(
              "classifier", Linear(config.hiddenSize, requireLabels(config, "classification"))))
    {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch& batch) override
    {
        return {
            m_classifier(sentenceEmbedding(b.hidden, batch.attentionMask, m_pooling)), {}, {}, b};
    }

private:
    SentencePooling m_pooling;
    Linear m_classifier;
};

/** first token → dropout → dense → tanh → dropout → out_proj (RoBERTa, XLM-R). */
class RobertaSequenceHead : public Head
{
public:
    RobertaSequenceHead(TaskModelImpl& model, const ModelConfig& config)
    {
        auto classifier = modulePath(model, "classifier");
        m_dense =
            classifier->register_module("dense", Linear(config.hiddenSize, config.hiddenSize));
        m_out = classifier->register_module(
            "out_proj", Linear(config.hiddenSize, requireLabels(config, "classification")));
        m_dropout = classifier->register_module("dropout", Dropout(config.classifierDropout));
    }
    ModelOutput forward(const BackboneOutput& b, const ModelBatch& batch) override
    {
        auto x = torch::tanh(m_dense(applyDropout(m_dropout, firstTokenStates(b.hidden, batch))));
        return {m_out(applyDropout(m_dropout, x)), {}, {}, b};
    }

private:
    Linear m_dense{nullptr}, m_out{nullptr};
    Dropout m_dropout{nullptr};
};

/** first token → pre_classifier → ReLU → dropout → classifier (DistilBERT). */
class DistilBertSequenceHead : public Head
{
public:
    DistilBertSequenceHead(TaskModelImpl& model, const ModelConfig& config)
        : m_pre(model.register_module("pre_classifier",
                                      Linear(config.hiddenSize, config.hiddenSize))),
          m_classifier(model.register_module(
              "classifier", Linear(config.hiddenSize, requireLabels(config, "classification")))),
          m_dropout(model.register_module("dropout", Dropout(config.classifierDropout)))
    {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch&) override
    {
        const auto x = applyDropout(m_dropout, torch::relu(m_pre(b.hidden.select(1, 0))));
        return {m_classifier(x), {}, {}, b};
    }

private:
    Linear m_pre, m_classifier;
    Dropout m_dropout;
};

/** last real token → score (GPT-2, no bias). */
class Gpt2SequenceHead : public Head
{
public:
    Gpt2SequenceHead(TaskModelImpl& model, const ModelConfig& config)
        : m_padTokenId(config.padTokenId),
          m_score(model.register_module(
              "score", Linear(torch::nn::LinearOptions(config.hiddenSize,
                                                       requireLabels(config, "classification"))
                                  .bias(false))))
    {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch& batch) override
    {
        const auto rows = torch::arange(b.hidden.size(0), batch.inputIds.options());
        return {m_score(b.hidden.index({rows, lastTokens(b, batch)})), {}, {}, b};
    }

private:
    /** transformers: the rightmost non-padding token (by pad_token_id); else the last one. */
    torch::Tensor lastTokens(const BackboneOutput& b, const ModelBatch& batch) const
    {
        const auto length = b.hidden.size(1);
        const auto positions = torch::arange(length, batch.inputIds.options());
        if (m_padTokenId)
            return (positions * batch.inputIds.ne(*m_padTokenId)).argmax(-1);
        if (batch.attentionMask.defined()) // no pad token: the mask says where rows end
            return (positions * batch.attentionMask.ne(0)).argmax(-1);
        return torch::full({b.hidden.size(0)}, length - 1, batch.inputIds.options());
    }

    std::optional<std::int64_t> m_padTokenId;

private:
    Linear m_score;
};

/** dropout → classifier on every token (all families). */
class TokenHead : public Head
{
public:
    TokenHead(TaskModelImpl& model, const ModelConfig& config)
        : m_dropout(model.register_module("dropout", Dropout(config.tokenDropout))),
          m_classifier(model.register_module(
              "classifier",
              Linear(config.hiddenSize, requireLabels(config, "token classification"))))
    {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch&) override
    {
        return {m_classifier(applyDropout(m_dropout, b.hidden)), {}, {}, b};
    }

private:
    Dropout m_dropout;
    Linear m_classifier;
};

/** qa_outputs → start/end logits (all families). */
class QuestionAnsweringHead : public Head
{
public:
    QuestionAnsweringHead(TaskModelImpl& model, const ModelConfig& config)
        : m_dropout(model.register_module("qa_dropout", Dropout(config.qaDropout))),
          m_outputs(model.register_module("qa_outputs", Linear(config.hiddenSize, 2)))
    {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch&) override
    {
        const auto logits = m_outputs(applyDropout(m_dropout, b.hidden));
        return {logits, logits.select(2, 0), logits.select(2, 1), b};
    }

private:
    Dropout m_dropout;
    Linear m_outputs;
};

/** transform (dense, act, LayerNorm) → tied decoder + bias: the masked-LM heads. */
class MaskedLmHead : public Head
{
public:
    /** State-dict paths of the head's pieces, all relative to the task model. */
    struct Names
    {
        std::string dense, norm, decoderWeight, bias;
        std::string biasAlias; ///< Another name the bias goes by ("" for none).
        std::string activation;
        double eps;
    };
    MaskedLmHead(TaskModelImpl& model, BackboneImpl& backbone, const ModelConfig& config,
                 const Names& names)
        : m_names(names), m_decoder(model, names.decoderWeight, backbone, config),
          m_embeddingsName(backbone.prefix() + "." + backbone.wordEmbeddingsName())
    {
        const auto split = [&](const std::string& path) {
            const auto dot = path.rfind('.');
            return std::make_pair(dot == std::string::npos ? std::string() : path.substr(0, dot),
                                  path.substr(dot == std::string::npos ? 0 : dot + 1));
        };
        const auto owner = [&](const std::string& parent) -> Module& {
            return parent.empty() ? static_cast<Module&>(model) : *modulePath(model, parent);
        };
        const auto [denseParent, denseLeaf] = split(names.dense);
        m_dense = owner(denseParent)
                      .register_module(denseLeaf, Linear(config.hiddenSize, config.hiddenSize));
        const auto [normParent, normLeaf] = split(names.norm);
        m_norm = owner(normParent).register_module(normLeaf, layerNorm(config, names.eps));
        m_bias = registerAt(model, names.bias, torch::zeros({config.vocabSize}));
    }
    ModelOutput forward(const BackboneOutput& b, const ModelBatch& batch) override
    {
        // Scoring only the masked tokens (15 %) skips most of the vocabulary projection,
        // which is the largest matrix product of a small model's training step.
        const auto hidden = batch.scoredPositions.defined()
                                ? b.hidden.index({batch.scoredPositions.to(torch::kBool)})
                                : b.hidden;
        const auto x = m_norm(activate(m_names.activation, m_dense(hidden)));
        return {m_decoder(x, m_bias), {}, {}, b};
    }
    std::vector<WeightAlias> aliases() const override
    {
        std::vector<WeightAlias> aliases;
        if (!m_names.biasAlias.empty())
            aliases.push_back({m_names.biasAlias, m_names.bias});
        if (m_decoder.tied())
            aliases.push_back({m_names.decoderWeight, m_embeddingsName});
        return aliases;
    }

private:
    Names m_names;
    VocabularyDecoder m_decoder;
    std::string m_embeddingsName;
    Linear m_dense{nullptr};
    torch::nn::LayerNorm m_norm{nullptr};
    torch::Tensor m_bias;
};

/** lm_head tied to wte, no bias (GPT-2). */
class CausalLmHead : public Head
{
public:
    CausalLmHead(TaskModelImpl& model, BackboneImpl& backbone, const ModelConfig& config)
        : m_decoder(model, "lm_head.weight", backbone, config)
    {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch&) override
    {
        return {m_decoder(b.hidden, {}), {}, {}, b};
    }
    std::vector<WeightAlias> aliases() const override
    {
        // pytorch_pretrained_bert named it lm_head.decoder.weight; transformers lm_head.weight.
        if (!m_decoder.tied())
            return {};
        return {{"lm_head.weight", "transformer.wte.weight"},
                {"lm_head.decoder.weight", "transformer.wte.weight"}};
    }

private:
    VocabularyDecoder m_decoder;
};

class BaseHead : public Head
{
public:
    explicit BaseHead(bool pooler) : m_pooler(pooler) {}
    ModelOutput forward(const BackboneOutput& b, const ModelBatch&) override
    {
        return {{}, {}, {}, b};
    }
    bool needsPooler() const override { return m_pooler; }

private:
    bool m_pooler;
};

std::unique_ptr<Head> createMaskedLmHead(TaskModelImpl& model, BackboneImpl& backbone,
                                         const ModelConfig& config)
{
    using Names = MaskedLmHead::Names;
    if (config.family == ModelFamily::DistilBert)
        return std::make_unique<MaskedLmHead>(
            model, backbone, config,
            Names{"vocab_transform", "vocab_layer_norm", "vocab_projector.weight",
                  "vocab_projector.bias", "", config.activation, 1e-12});
    if (backbone.prefix() == "roberta")
        return std::make_unique<MaskedLmHead>(
            model, backbone, config,
            Names{"lm_head.dense", "lm_head.layer_norm", "lm_head.decoder.weight", "lm_head.bias",
                  "lm_head.decoder.bias", "gelu", config.layerNormEps});
    return std::make_unique<MaskedLmHead>(
        model, backbone, config,
        Names{"cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm",
              "cls.predictions.decoder.weight", "cls.predictions.bias",
              "cls.predictions.decoder.bias", config.activation, config.layerNormEps});
}

} // namespace

torch::Tensor sentenceEmbedding(const torch::Tensor& hidden, const torch::Tensor& mask,
                                const SentencePooling& pooling)
{
    torch::Tensor pooled;
    if (pooling.mode == "cls") {
        pooled = hidden.select(1, 0);
    } else if (!mask.defined()) {
        pooled = hidden.mean(1);
    } else {
        const auto weights = mask.unsqueeze(-1).to(hidden.scalar_type());
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp_min(1e-9);
    }
    if (pooling.normalize)
        pooled = torch::nn::functional::normalize(
            pooled, torch::nn::functional::NormalizeFuncOptions().p(2).dim(1).eps(1e-12));
    return pooled;
}

std::unique_ptr<Head> createHead(TaskModelImpl& model, BackboneImpl& backbone,
                                 const ModelConfig& config, HeadKind kind)
{
    const bool gpt2 = config.family == ModelFamily::Gpt2;
    switch (kind) {
    case HeadKind::Base:
        return std::make_unique<BaseHead>(config.family == ModelFamily::Bert);
    case HeadKind::SequenceClassification:
        if (gpt2)
            return std::make_unique<Gpt2SequenceHead>(model, config);
        if (config.family == ModelFamily::DistilBert)
            return std::make_unique<DistilBertSequenceHead>(model, config);
        if (backbone.prefix() == "roberta")
            return std::make_unique<RobertaSequenceHead>(model, config);
        return std::make_unique<BertSequenceHead>(model, config);
    case HeadKind::SentenceClassification:
        if (gpt2)
            break;
        return std::make_unique<SentenceHead>(model, config);
    case HeadKind::TokenClassification:
        return std::make_unique<TokenHead>(model, config);
    case HeadKind::QuestionAnswering:
        return std::make_unique<QuestionAnsweringHead>(model, config);
    case HeadKind::MaskedLm:
        if (gpt2)
            break;
        return createMaskedLmHead(model, backbone, config);
    case HeadKind::CausalLm:
        if (!gpt2)
            break;
        return std::make_unique<CausalLmHead>(model, backbone, config);
    }
    throw Error("A " + std::string(headKindName(kind)) + " head is not available for " +
                config.modelType +
                (gpt2 ? " models; GPT-2 is a causal language model (use clm)."
                      : " models; encoders train with masked language modelling (use mlm)."));
}

} // namespace domaintune
