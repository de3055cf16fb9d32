#include "ui/modelsummary.h"

#include "core/model/pretrainedmodel.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/task.h"

#include <QCoreApplication>

#include <exception>

namespace domaintune::ui {
namespace {

void describeTokenizer(ModelSummary& summary)
{
    try {
        const auto tokenizer = loadTokenizer(summary.folder.toStdString());
        summary.tokenizerKind = QString::fromStdString(tokenizer->kind());
    } catch (const std::exception& e) {
        summary.tokenizerError = QString::fromUtf8(e.what());
    }
}

} // namespace

ModelSummary summarizeModel(const QString& folder, const QString& task)
{
    ModelSummary summary;
    summary.folder = folder;
    try {
        ModelLoadOptions options;
        if (const TaskInfo* info = findTask(task.toStdString())) {
            options.head = info->head;
            options.problemType = info->problemType;
        }
        const auto model = PretrainedModel::load(folder.toStdString(), options);
        const ModelConfig& config = model->config();
        summary.modelType = QString::fromStdString(config.modelType);
        summary.architecture = QString::fromStdString(
            config.architectures.empty() ? config.modelType : config.architectures.front());
        summary.parameters = model->parameterCount();
        summary.layers = config.numLayers;
        summary.hiddenSize = config.hiddenSize;
        summary.heads = config.numHeads;
        summary.vocabSize = config.vocabSize;
        summary.maxPositions = config.maxPositions - config.positionOffset;
        summary.decoder = config.family == ModelFamily::Gpt2;
        summary.projections = model->projections();
        summary.headLabels = static_cast<qint64>(config.labels.size());
        summary.defaultLoraTargets = defaultLoraTargets(config.family);
        // transformers writes LABEL_0, LABEL_1, ... into every config.json, classifier or not:
        // those are placeholders, not labels the model was trained on.
        bool placeholders = true;
        for (std::size_t i = 0; i < config.labels.size(); ++i)
            placeholders = placeholders && config.labels[i] == "LABEL_" + std::to_string(i);
        if (!placeholders)
            for (const std::string& label : config.labels)
                summary.labels << QString::fromStdString(label);
        for (const ParameterGroup& group : model->parameterGroups())
            summary.groups.push_back({QString::fromStdString(group.name), group.count});
    } catch (const std::exception& e) {
        summary.error = QString::fromUtf8(e.what());
        return summary;
    }
    describeTokenizer(summary);
    return summary;
}

QString formatBytes(qint64 bytes)
{
    const double value = static_cast<double>(bytes);
    if (value >= 1024.0 * 1024 * 1024)
        return QCoreApplication::translate("ModelSummary", "%1 GB")
            .arg(value / (1024.0 * 1024 * 1024), 0, 'f', 1);
    if (value >= 1024.0 * 1024)
        return QCoreApplication::translate("ModelSummary", "%1 MB")
            .arg(value / (1024.0 * 1024), 0, 'f', 0);
    return QCoreApplication::translate("ModelSummary", "%1 kB").arg(value / 1024.0, 0, 'f', 0);
}

QString formatCount(qint64 count)
{
    const double value = static_cast<double>(count);
    if (value >= 1e9)
        return QCoreApplication::translate("ModelSummary", "%1 B").arg(value / 1e9, 0, 'f', 2);
    if (value >= 1e6)
        return QCoreApplication::translate("ModelSummary", "%1 M").arg(value / 1e6, 0, 'f', 1);
    if (value >= 1e3)
        return QCoreApplication::translate("ModelSummary", "%1 k").arg(value / 1e3, 0, 'f', 1);
    return QString::number(count);
}

} // namespace domaintune::ui
