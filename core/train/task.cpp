#include "core/train/task.h"

#include "core/common/error.h"

namespace domaintune {

const std::vector<TaskInfo>& allTasks()
{
    static const std::vector<TaskInfo> tasks = {
        {Task::SequenceClassification,
         "seq-cls",
         "Text classification",
         HeadKind::SequenceClassification,
         "",
         TaskObjective::CrossEntropy,
         TaskData::LabelledText,
         TaskReport::SingleLabel,
         {"loss", "accuracy", "f1_macro", "f1_micro", "f1_weighted", "precision_macro",
          "recall_macro"},
         "f1_macro",
         2,
         true,
         false},
        {Task::MultiLabel,
         "multi-label",
         "Multi-label classification",
         HeadKind::SequenceClassification,
         "multi_label_classification",
         TaskObjective::BinaryCrossEntropy,
         TaskData::LabelSets,
         TaskReport::MultiLabel,
         {"loss", "accuracy", "f1_macro", "f1_micro", "f1_weighted", "precision_macro",
          "recall_macro"},
         "f1_micro",
         1,
         false,
         false},
        {Task::TokenClassification,
         "token-cls",
         "Named entities (token classification)",
         HeadKind::TokenClassification,
         "",
         TaskObjective::TokenCrossEntropy,
         TaskData::TaggedWords,
         TaskReport::Entities,
         {"loss", "precision", "recall", "f1", "f1_macro", "token_accuracy"},
         "f1",
         1,
         false,
         false},
        {Task::MaskedLm,
         "mlm",
         "Domain-adaptive pretraining (masked LM)",
         HeadKind::MaskedLm,
         "",
         TaskObjective::MaskedLm,
         TaskData::PlainText,
         TaskReport::Perplexity,
         {"loss", "perplexity"},
         "perplexity",
         0,
         false,
         true},
        {Task::CausalLm,
         "clm",
         "Causal language model",
         HeadKind::CausalLm,
         "",
         TaskObjective::CausalLm,
         TaskData::PlainText,
         TaskReport::Perplexity,
         {"loss", "perplexity"},
         "perplexity",
         0,
         false,
         false},
        {Task::QuestionAnswering,
         "qa",
         "Extractive question answering",
         HeadKind::QuestionAnswering,
         "",
         TaskObjective::AnswerSpan,
         TaskData::QuestionContext,
         TaskReport::Squad,
         {"loss", "exact_match", "f1"},
         "f1",
         0,
         false,
         false},
    };
    return tasks;
}

const TaskInfo& taskInfo(Task task)
{
    for (const TaskInfo& info : allTasks())
        if (info.task == task)
            return info;
    throw Error("internal error: a task without a registry entry");
}

const TaskInfo* findTask(std::string_view name)
{
    for (const TaskInfo& info : allTasks())
        if (name == info.name)
            return &info;
    return nullptr;
}

const TaskInfo& parseTask(std::string_view name)
{
    if (const TaskInfo* info = findTask(name))
        return *info;
    throw Error("unknown task \"" + std::string(name) + "\"; the tasks are " + taskNames());
}

std::string taskNames(std::string_view separator)
{
    std::string out;
    for (const TaskInfo& info : allTasks())
        out += (out.empty() ? "" : std::string(separator)) + info.name;
    return out;
}

std::optional<Task> taskOfHead(HeadKind head, const std::string& problemType)
{
    if (head == HeadKind::SentenceClassification) // few-shot (SetFit) classification
        head = HeadKind::SequenceClassification;
    // Several tasks share a head (seq-cls, multi-label); the problem type tells them apart.
    for (const TaskInfo& info : allTasks())
        if (info.head == head && problemType == info.problemType)
            return info.task;
    for (const TaskInfo& info : allTasks())
        if (info.head == head && std::string(info.problemType).empty())
            return info.task;
    return std::nullopt;
}

bool higherIsBetter(const std::string& metric)
{
    return metric.find("loss") == std::string::npos &&
           metric.find("perplexity") == std::string::npos;
}

} // namespace domaintune
