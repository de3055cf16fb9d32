#include "core/train/modelevaluation.h"

#include "core/common/error.h"
#include "core/model/pretrainedmodel.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/evaluator.h"
#include "core/train/featurizer.h"

namespace domaintune {
namespace {

std::string taskOf(const PretrainedModel& model)
{
    switch (model.head()) {
    case HeadKind::SequenceClassification:
        return model.config().problemType == "multi_label_classification" ? "multi-label"
                                                                          : "seq-cls";
    case HeadKind::TokenClassification:
        return "token-cls";
    case HeadKind::MaskedLm:
        return "mlm";
    case HeadKind::CausalLm:
        return "clm";
    default:
        throw Error(model.directory(), 0,
                    std::string("a model with a ") + headKindName(model.head()) +
                        " head has no evaluation metric",
                    "Evaluate a fine-tuned classification, NER or language model.");
    }
}

} // namespace

ModelEvaluation evaluateModel(const std::string& modelDir, const std::vector<Example>& examples,
                              std::string task, std::int64_t maxLength, std::int64_t batchSize)
{
    const auto model = PretrainedModel::load(modelDir);
    const auto tokenizer = loadTokenizer(modelDir);
    if (task.empty())
        task = taskOf(*model);
    const bool lm = task == "mlm" || task == "clm";
    const auto length =
        std::min(maxLength, model->config().maxPositions - model->config().positionOffset);
    const Featurizer featurizer(*tokenizer, task, length,
                                lm ? std::vector<std::string>{} : model->config().labels);
    const FeatureSet features = featurizer.build(examples);
    const Objective objective(task, ObjectiveIds::of(*tokenizer, model->config().vocabSize), 0.15,
                              false);
    const TrainingControl control;
    const auto evaluation = evaluate(model->module(), objective, features, batchSize, 42, control);
    return {task,
            examples.size(),
            evaluation.metrics,
            evaluation.labels,
            evaluation.confusion,
            evaluation.perClass};
}

} // namespace domaintune
