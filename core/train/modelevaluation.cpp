#include "core/train/modelevaluation.h"

#include "core/common/error.h"
#include "core/model/pretrainedmodel.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/evaluator.h"
#include "core/train/featurizer.h"

namespace domaintune {
namespace {

const TaskInfo& taskOf(const PretrainedModel& model, const std::string& name)
{
    const auto fromHead = taskOfHead(model.head(), model.config().problemType);
    if (!fromHead)
        throw Error(model.directory(), 0,
                    std::string("a model with a ") + headKindName(model.head()) +
                        " head has no evaluation metric",
                    "Evaluate a fine-tuned classification, NER or language model.");
    if (name.empty())
        return taskInfo(*fromHead);
    const TaskInfo* asked = findTask(name);
    if (!asked)
        throw Error(model.directory(), 0, "unknown task \"" + name + "\"",
                    "Use one of " + taskNames() + ", or leave --task out to take the model's.");
    if (asked->head != model.head())
        throw Error(model.directory(), 0,
                    std::string("the task ") + asked->name + " needs a " +
                        headKindName(asked->head) + " head but the model has a " +
                        headKindName(model.head()) + " head",
                    std::string("Leave --task out (the model's task is ") +
                        taskInfo(*fromHead).name + ").");
    return *asked;
}

} // namespace

ModelEvaluation evaluateModel(const std::string& modelDir, const std::vector<Example>& examples,
                              std::string task, std::int64_t maxLength, std::int64_t batchSize)
{
    const auto model = PretrainedModel::load(modelDir);
    const auto tokenizer = loadTokenizer(modelDir);
    const TaskInfo& info = taskOf(*model, task);
    const bool lm = info.languageModelling();
    const auto length =
        std::min(maxLength, model->config().maxPositions - model->config().positionOffset);
    const Featurizer featurizer(*tokenizer, info.task, length,
                                lm ? std::vector<std::string>{} : model->config().labels);
    const FeatureSet features = featurizer.build(examples);
    const Objective objective(info.task, ObjectiveIds::of(*tokenizer, model->config().vocabSize),
                              0.15, false);
    const TrainingControl control;
    const auto evaluation = evaluate(model->module(), objective, features, batchSize, 42, control);
    return {info.name,         examples.size(),      evaluation.metrics,
            evaluation.labels, evaluation.confusion, evaluation.perClass,
            evaluation.answers};
}

} // namespace domaintune
