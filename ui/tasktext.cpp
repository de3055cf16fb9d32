#include "ui/tasktext.h"

#include <QCoreApplication>

namespace domaintune::ui {

// The contexts are those the strings were first translated under (NewRunWizard,
// WizardTaskPage), so the existing translations stay valid.
QString taskTitle(Task task)
{
    switch (task) {
    case Task::SequenceClassification:
        return QCoreApplication::translate("NewRunWizard", "Text classification");
    case Task::MultiLabel:
        return QCoreApplication::translate("NewRunWizard", "Multi-label classification");
    case Task::TokenClassification:
        return QCoreApplication::translate("NewRunWizard", "Named entities (NER)");
    case Task::MaskedLm:
        return QCoreApplication::translate("NewRunWizard",
                                           "Domain-adaptive pretraining (masked LM)");
    case Task::CausalLm:
        return QCoreApplication::translate("NewRunWizard", "Causal language model (GPT-2)");
    case Task::QuestionAnswering:
        return QCoreApplication::translate("NewRunWizard", "Question answering (extractive)");
    }
    return QString::fromUtf8(taskInfo(task).name);
}

QString taskTitle(const QString& name)
{
    const TaskInfo* info = findTask(name.toStdString());
    return info ? taskTitle(info->task) : name;
}

QString taskDescription(Task task)
{
    switch (task) {
    case Task::SequenceClassification:
        return QCoreApplication::translate(
            "WizardTaskPage", "One label per text: sentiment of a news line, the clause type "
                              "of a contract paragraph, the department of a patient question.");
    case Task::MultiLabel:
        return QCoreApplication::translate("WizardTaskPage",
                                           "Any number of labels per text, e.g. every risk a "
                                           "filing mentions.");
    case Task::TokenClassification:
        return QCoreApplication::translate("WizardTaskPage",
                                           "Named entities: a label per word, such as diseases in "
                                           "abstracts or parties in contracts (CoNLL files).");
    case Task::MaskedLm:
        return QCoreApplication::translate(
            "WizardTaskPage", "Continue the model's masked-language pretraining on "
                              "unlabelled domain text before fine-tuning (\"Don't Stop "
                              "Pretraining\").");
    case Task::CausalLm:
        return QCoreApplication::translate("WizardTaskPage",
                                           "Fine-tune a GPT-2 style model to continue domain "
                                           "text.");
    case Task::QuestionAnswering:
        return QCoreApplication::translate(
            "WizardTaskPage", "Find the answer to a question in a passage, e.g. a dose in a "
                              "drug label or a term in a contract (SQuAD-style JSON).");
    }
    return {};
}

QStringList domains()
{
    return {QStringLiteral("finance"), QStringLiteral("medical"), QStringLiteral("legal"),
            QStringLiteral("other")};
}

QString domainTitle(const QString& domain)
{
    if (domain == QLatin1String("finance"))
        return QCoreApplication::translate("NewRunWizard", "Finance");
    if (domain == QLatin1String("medical"))
        return QCoreApplication::translate("NewRunWizard", "Medicine");
    if (domain == QLatin1String("legal"))
        return QCoreApplication::translate("NewRunWizard", "Law");
    if (domain == QLatin1String("other"))
        return QCoreApplication::translate("NewRunWizard", "Other");
    return domain;
}

} // namespace domaintune::ui
