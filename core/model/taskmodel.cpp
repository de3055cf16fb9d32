#include "core/model/taskmodel.h"

#include "core/model/bertmodel.h"
#include "core/model/distilbertmodel.h"
#include "core/model/gpt2model.h"

namespace domaintune {
namespace {

/**
 * transformers' rule for the pooler: every BERT-family base model has one; of the task models
 * only BertForSequenceClassification (RoBERTa's classifier reads the first token itself) and
 * BertForPreTraining (its next-sentence head reads the pooler; loaded as a masked LM here, the
 * pooler stays so that `forward --head base` returns pooler_output as BertModel does).
 */
bool usesPooler(const ModelConfig& config, HeadKind head)
{
    if (config.family != ModelFamily::Bert)
        return false;
    const bool preTraining =
        !config.architectures.empty() && config.architectures.front().size() >= 14 &&
        config.architectures.front().compare(config.architectures.front().size() - 14, 14,
                                             "ForPreTraining") == 0;
    return head == HeadKind::Base ||
           (head == HeadKind::SequenceClassification && config.modelType == "bert") ||
           (head == HeadKind::MaskedLm && preTraining);
}

std::shared_ptr<BackboneImpl> createBackbone(const ModelConfig& config, bool withPooler)
{
    switch (config.family) {
    case ModelFamily::Bert:
        return std::make_shared<BertBackboneImpl>(config, withPooler);
    case ModelFamily::DistilBert:
        return std::make_shared<DistilBertBackboneImpl>(config);
    case ModelFamily::Gpt2:
        return std::make_shared<Gpt2BackboneImpl>(config);
    }
    throw std::logic_error("unhandled model family");
}

} // namespace

TaskModelImpl::TaskModelImpl(const ModelConfig& config, HeadKind head, bool initialise)
    : m_config(config), m_head(head)
{
    m_hasPooler = usesPooler(config, head);
    m_backbone = createBackbone(config, m_hasPooler);
    register_module(m_backbone->prefix(), m_backbone);
    m_taskHead = createHead(*this, *m_backbone, config, head);
    if (initialise)
        initialiseWeights({});
}

void TaskModelImpl::initialiseWeights(const std::set<std::string>& only)
{
    const bool gpt2 = m_config.family == ModelFamily::Gpt2;
    initialiseLikeTransformers(*this, m_config.initializerRange, only,
                               gpt2 ? m_config.numLayers : 0);
    m_backbone->fillFixedWeights(only);
}

std::string TaskModelImpl::groupOf(const std::string& name) const
{
    const std::string prefix = m_backbone->prefix() + ".";
    if (name.rfind(prefix, 0) != 0)
        return "head";
    const std::string rest = name.substr(prefix.size());
    const std::string layers = m_backbone->layersPath();
    if (rest.rfind(layers, 0) == 0)
        return "layer " + rest.substr(layers.size(), rest.find('.', layers.size()) - layers.size());
    const std::string top = m_backbone->topGroupOf(rest);
    return top.empty() ? "embeddings" : top;
}

ModelOutput TaskModelImpl::forward(const ModelBatch& batch)
{
    return m_taskHead->forward(m_backbone->run(batch), batch);
}

BackboneOutput TaskModelImpl::forwardBase(const ModelBatch& batch)
{
    return m_backbone->run(batch);
}

ModelOutput TaskModelImpl::forwardHead(const BackboneOutput& backbone, const ModelBatch& batch)
{
    return m_taskHead->forward(backbone, batch);
}

} // namespace domaintune
