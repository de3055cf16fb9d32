#pragma once

#include "core/train/trainspec.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace domaintune::ui {

/**
 * A small form that starts a training run without the wizard: model folder, task, training
 * file, output folder, epochs and a step limit. OK stays meaningful: accept() refuses and
 * explains while a field is invalid. Remembers the last values in QSettings. GUI thread only.
 */
class QuickRunDialog : public QDialog
{
    Q_OBJECT

public:
    explicit QuickRunDialog(QWidget* parent = nullptr);

    /** Returns the run the form describes (valid once problems() is empty). */
    TrainSpec spec() const;
    /** Returns one translated sentence per invalid field; empty when the form is valid. */
    QStringList problems() const;

    void setModelFolder(const QString& folder);
    void setTrainingFile(const QString& file);
    void setOutputFolder(const QString& folder);
    void setTask(const QString& task);
    void setEpochs(int epochs);
    void setMaxSteps(int steps);

public slots:
    void accept() override;

private:
    QLineEdit* addPathRow(QFormLayout* form, const QString& label, bool folder,
                          const QString& filter);
    void restoreValues();
    void saveValues() const;

    QLineEdit* m_model = nullptr;
    QComboBox* m_task = nullptr;
    QLineEdit* m_train = nullptr;
    QLineEdit* m_output = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_maxSteps = nullptr;
    QLabel* m_problems = nullptr;
};

} // namespace domaintune::ui
