#include "ui/modelinfoview.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace domaintune::ui {

ModelInfoView::ModelInfoView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("modelMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    m_details = new QWidget(this);
    auto* form = new QFormLayout(m_details);
    form->setContentsMargins(0, 0, 0, 0);
    addRow(form, QStringLiteral("architecture"), tr("Architecture:"));
    addRow(form, QStringLiteral("parameters"), tr("Parameters:"));
    addRow(form, QStringLiteral("layers"), tr("Layers:"));
    addRow(form, QStringLiteral("hidden"), tr("Hidden size / heads:"));
    addRow(form, QStringLiteral("vocabulary"), tr("Vocabulary:"));
    addRow(form, QStringLiteral("tokenizer"), tr("Tokenizer:"));
    addRow(form, QStringLiteral("maxLength"), tr("Maximum length:"));
    addRow(form, QStringLiteral("labels"), tr("Labels:"));
    layout->addWidget(m_details);
    layout->addStretch();
    setMessage(tr("Choose a model folder."));
}

QLabel* ModelInfoView::addRow(QFormLayout* form, const QString& key, const QString& label)
{
    auto* value = new QLabel(m_details);
    value->setObjectName(key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(label, value);
    m_values << value;
    return value;
}

void ModelInfoView::setMessage(const QString& message)
{
    m_message->setStyleSheet(QString());
    m_message->setText(message);
    m_message->show();
    m_details->hide();
}

void ModelInfoView::setSummary(const ModelSummary& summary)
{
    if (!summary.isValid()) {
        setMessage(summary.error.isEmpty()
                       ? tr("Choose a model folder.")
                       : tr("This folder cannot be used: %1").arg(summary.error));
        m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
        return;
    }
    const auto set = [this](const QString& key, const QString& text) {
        if (auto* label = m_details->findChild<QLabel*>(key))
            label->setText(text);
    };
    set(QStringLiteral("architecture"), tr("%1 (%2)").arg(summary.architecture, summary.modelType));
    set(QStringLiteral("parameters"), formatCount(summary.parameters));
    set(QStringLiteral("layers"), QString::number(summary.layers));
    set(QStringLiteral("hidden"), tr("%1 / %2").arg(summary.hiddenSize).arg(summary.heads));
    set(QStringLiteral("vocabulary"), QString::number(summary.vocabSize));
    set(QStringLiteral("tokenizer"), summary.tokenizerError.isEmpty()
                                         ? summary.tokenizerKind
                                         : tr("cannot be loaded: %1").arg(summary.tokenizerError));
    set(QStringLiteral("maxLength"), tr("%n tokens", nullptr, int(summary.maxPositions)));
    set(QStringLiteral("labels"), summary.labels.isEmpty()
                                      ? tr("none (set by the data)")
                                      : summary.labels.join(QStringLiteral(", ")));
    if (summary.tokenizerError.isEmpty()) {
        m_message->hide();
    } else {
        m_message->setText(tr("The weights load, but the tokenizer does not: training needs "
                              "both. Copy the tokenizer files into the folder."));
        m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_message->show();
    }
    m_details->show();
}

QString ModelInfoView::value(const QString& key) const
{
    const auto* label = m_details->findChild<QLabel*>(key);
    return label ? label->text() : QString();
}

} // namespace domaintune::ui
