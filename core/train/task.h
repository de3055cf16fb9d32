#pragma once

#include "core/model/modelconfig.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domaintune {

/** A training task. Its facts live in one TaskInfo (taskInfo()); nothing else lists tasks. */
enum class Task
{
    SequenceClassification,
    MultiLabel,
    TokenClassification,
    MaskedLm,
    CausalLm,
    QuestionAnswering,
};

/** What the loss compares. */
enum class TaskObjective
{
    CrossEntropy,       ///< One class per example.
    BinaryCrossEntropy, ///< A multi-hot target per example.
    TokenCrossEntropy,  ///< One tag per word (first sub-token), the rest ignored.
    MaskedLm,           ///< Masked positions predicted.
    CausalLm,           ///< The next token predicted.
    AnswerSpan,         ///< Start and end of the answer in the context.
};

/** What each example must hold. */
enum class TaskData
{
    LabelledText,    ///< Text (and optionally a second text) with exactly one label.
    LabelSets,       ///< Text with any number of labels.
    TaggedWords,     ///< Words with one tag each (CoNLL).
    PlainText,       ///< Text only; packed into blocks.
    QuestionContext, ///< A question, its context and the answers' spans (SQuAD).
};

/** Which evaluation summary the task gets. */
enum class TaskReport
{
    SingleLabel, ///< accuracy, macro/micro/weighted F1, confusion matrix.
    MultiLabel,  ///< Per-label F1, micro/macro.
    Entities,    ///< seqeval-style entity precision/recall/F1.
    Perplexity,  ///< exp(mean token loss).
    Squad,       ///< Exact match and token F1 of the best span, 0-100, as SQuAD scores them.
};

/** Everything the trainer, evaluator, CLI, export and GUI need to know about one task. */
struct TaskInfo
{
    Task task;
    const char* name;        ///< Stable: JSON specs, the history, --task, GUI object names.
    const char* title;       ///< English, for the CLI and model cards (the GUI translates).
    HeadKind head;           ///< The model head trained.
    const char* problemType; ///< config.json's problem_type ("" when none).
    TaskObjective objective;
    TaskData data;
    TaskReport report;
    std::vector<std::string> metrics; ///< What evaluation reports, "loss" included.
    const char* mainMetric;           ///< Chooses the best checkpoint by default.
    std::size_t minLabels;            ///< Distinct labels (or tags) the data needs.
    bool classWeights;                ///< --class-weights has an effect.
    bool wholeWordMasking;            ///< --whole-word-masking has an effect.

    bool languageModelling() const { return data == TaskData::PlainText; }
    /** Labels come from the data (classification and tagging). */
    bool labelled() const
    {
        return data == TaskData::LabelledText || data == TaskData::LabelSets ||
               data == TaskData::TaggedWords;
    }
};

/** Every task, in the order the GUI offers them. */
const std::vector<TaskInfo>& allTasks();
const TaskInfo& taskInfo(Task task);
/** The task called @p name ("seq-cls", ...), or nullptr. */
const TaskInfo* findTask(std::string_view name);
/** The task called @p name; throws domaintune::Error listing the task names otherwise. */
const TaskInfo& parseTask(std::string_view name);
/** The task names joined by @p separator: "seq-cls, multi-label, ...". */
std::string taskNames(std::string_view separator = ", ");
/** The task a model with @p head (and config.json @p problemType) was trained for, if any. */
std::optional<Task> taskOfHead(HeadKind head, const std::string& problemType);
/** Whether a larger value of @p metric is better (loss and perplexity fall). */
bool higherIsBetter(const std::string& metric);

} // namespace domaintune
