#include "ui/metrictext.h"

#include <QCoreApplication>

namespace domaintune::ui {

QString metricText(const QString& name)
{
    struct Row
    {
        const char* name;
        const char* text;
    };
    // The metrics of core/train/evaluator.cpp and the run recorder.
    static const Row rows[] = {
        {"accuracy", QT_TRANSLATE_NOOP("MetricText", "accuracy")},
        {"f1_macro", QT_TRANSLATE_NOOP("MetricText", "F1 (macro)")},
        {"f1_micro", QT_TRANSLATE_NOOP("MetricText", "F1 (micro)")},
        {"f1_weighted", QT_TRANSLATE_NOOP("MetricText", "F1 (weighted)")},
        {"precision_macro", QT_TRANSLATE_NOOP("MetricText", "precision (macro)")},
        {"recall_macro", QT_TRANSLATE_NOOP("MetricText", "recall (macro)")},
        {"precision", QT_TRANSLATE_NOOP("MetricText", "precision")},
        {"recall", QT_TRANSLATE_NOOP("MetricText", "recall")},
        {"f1", QT_TRANSLATE_NOOP("MetricText", "F1")},
        {"token_accuracy", QT_TRANSLATE_NOOP("MetricText", "token accuracy")},
        {"perplexity", QT_TRANSLATE_NOOP("MetricText", "perplexity")},
        {"exact_match", QT_TRANSLATE_NOOP("MetricText", "exact match")},
        {"loss", QT_TRANSLATE_NOOP("MetricText", "loss")},
    };
    for (const Row& row : rows)
        if (name == QLatin1String(row.name))
            return QCoreApplication::translate("MetricText", row.text);
    return name;
}

} // namespace domaintune::ui
