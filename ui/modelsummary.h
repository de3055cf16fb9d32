#pragma once

#include "core/model/loratargets.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <string>
#include <vector>

namespace domaintune::ui {

/** One parameter group of a model as the layer page shows it. */
struct GroupSummary
{
    QString name; ///< "embeddings", "layer 0", ..., "pooler", "head"
    qint64 parameters = 0;
};

/** What the wizard and the Models page show about a model folder. A plain value. */
struct ModelSummary
{
    QString folder;
    QString error; ///< Non-empty: the folder could not be loaded; this says why.
    QString modelType;
    QString architecture;
    QString tokenizerKind;
    QString tokenizerError; ///< Non-empty when the weights load but the tokenizer does not.
    qint64 parameters = 0;
    qint64 layers = 0;
    qint64 hiddenSize = 0;
    qint64 heads = 0;
    qint64 vocabSize = 0;
    qint64 maxPositions = 0;
    bool decoder = false; ///< GPT-2 family.
    /** Every linear projection, for LoRA's target choice and adapter count. */
    std::vector<ProjectionShape> projections;
    std::vector<std::string> defaultLoraTargets; ///< PEFT's default for the family.
    QStringList labels;
    qint64 headLabels = 0;        ///< Outputs of the loaded classification head (config's labels).
    QVector<GroupSummary> groups; ///< In network order, with the head for the chosen task.

    bool isValid() const { return error.isEmpty() && !folder.isEmpty(); }
};

/**
 * Loads the model in @p folder with the head that @p task trains (seq-cls, multi-label,
 * token-cls, mlm, clm; empty: the head config.json names) and its tokenizer, and returns what it
 * found; errors end up in ModelSummary::error in plain words. Slow for large models: call on a
 * worker thread. Thread-safe.
 */
ModelSummary summarizeModel(const QString& folder, const QString& task);

/** Returns @p bytes as "512 MB", "1.4 GB" (binary units, translated). */
QString formatBytes(qint64 bytes);
/** Returns @p count as "110.1 M", "4.4 k" (translated). */
QString formatCount(qint64 count);

} // namespace domaintune::ui

Q_DECLARE_METATYPE(domaintune::ui::ModelSummary)
