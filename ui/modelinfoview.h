#pragma once

#include "ui/modelsummary.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace domaintune::ui {

/**
 * Shows what a model folder holds: architecture, parameters, layers, vocabulary, tokenizer
 * kind and maximum length, or the loader's error in plain words. GUI thread only.
 */
class ModelInfoView : public QWidget
{
    Q_OBJECT

public:
    explicit ModelInfoView(QWidget* parent = nullptr);

    /** Shows @p summary (its error when it has one). */
    void setSummary(const ModelSummary& summary);
    /** Shows @p message in place of the details (e.g. "Loading…"). */
    void setMessage(const QString& message);
    /** Returns the text of the row labelled by @p key ("architecture", "parameters", ...). */
    QString value(const QString& key) const;

private:
    QLabel* addRow(QFormLayout* form, const QString& key, const QString& label);

    QLabel* m_message = nullptr;
    QWidget* m_details = nullptr;
    QList<QLabel*> m_values;
};

} // namespace domaintune::ui
