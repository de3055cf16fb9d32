#include "ui/quickrundialog.h"

#include "ui/settingspage.h"
#include "ui/tasktext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

const QString kGroup = QStringLiteral("quickRun/");

} // namespace

QuickRunDialog::QuickRunDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("QuickRunDialog"));
    setWindowTitle(tr("Quick run"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Fine-tune a model on one file with default settings. The "
                                "New-run wizard offers every option."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_model = addPathRow(form, tr("&Model folder:"), true, {});
    m_task = new QComboBox(this);
    for (const TaskInfo& info : allTasks())
        m_task->addItem(taskTitle(info.task), QString::fromUtf8(info.name));
    form->addRow(tr("&Task:"), m_task);
    m_train = addPathRow(form, tr("Training &file:"), false,
                         tr("Corpora (*.csv *.tsv *.json *.jsonl *.txt *.conll);;All files (*)"));
    m_output = addPathRow(form, tr("&Output folder:"), true, {});
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 100);
    m_epochs->setValue(3);
    form->addRow(tr("&Epochs:"), m_epochs);
    m_maxSteps = new QSpinBox(this);
    m_maxSteps->setRange(0, 10000000);
    m_maxSteps->setSpecialValueText(tr("no limit"));
    m_maxSteps->setToolTip(tr("Stop after this many optimiser steps (0: train every epoch)"));
    form->addRow(tr("Step &limit:"), m_maxSteps);
    layout->addLayout(form);

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("QLabel { color: #b02a37; }"));
    m_problems->hide();
    layout->addWidget(m_problems);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start training"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QuickRunDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QuickRunDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    restoreValues();
}

QLineEdit* QuickRunDialog::addPathRow(QFormLayout* form, const QString& label, bool folder,
                                      const QString& filter)
{
    auto* row = new QHBoxLayout;
    auto* edit = new QLineEdit(this);
    edit->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("Browse…"), this);
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    // QFormLayout gives the buddy to the first widget of a row layout only when it is a widget.
    if (auto* text = qobject_cast<QLabel*>(form->labelForField(row)))
        text->setBuddy(edit);
    connect(browse, &QPushButton::clicked, this, [this, edit, folder, filter] {
        const QString chosen =
            folder ? QFileDialog::getExistingDirectory(this, tr("Choose a folder"), edit->text())
                   : QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text(), filter);
        if (!chosen.isEmpty())
            edit->setText(QDir::toNativeSeparators(chosen));
    });
    return edit;
}

TrainSpec QuickRunDialog::spec() const
{
    TrainSpec spec;
    spec.modelDir = QDir::fromNativeSeparators(m_model->text().trimmed()).toStdString();
    spec.task = m_task->currentData().toString().toStdString();
    spec.trainFile = QDir::fromNativeSeparators(m_train->text().trimmed()).toStdString();
    spec.outputDir = QDir::fromNativeSeparators(m_output->text().trimmed()).toStdString();
    spec.epochs = m_epochs->value();
    spec.maxSteps = m_maxSteps->value() > 0 ? m_maxSteps->value() : -1;
    spec.name = QFileInfo(m_train->text().trimmed()).completeBaseName().toStdString();
    // The Settings page's defaults for new runs apply here as in the wizard.
    spec.device = SettingsPage::defaultDevice().toStdString();
    spec.threads = SettingsPage::defaultThreads();
    return spec;
}

QStringList QuickRunDialog::problems() const
{
    QStringList found;
    const QFileInfo model(m_model->text().trimmed());
    if (m_model->text().trimmed().isEmpty())
        found << tr("Choose the model folder (a Hugging Face folder with config.json).");
    else if (!model.isDir() ||
             !QFileInfo::exists(model.filePath() + QStringLiteral("/config.json")))
        found << tr("The model folder %1 has no config.json; choose a Hugging Face model folder.")
                     .arg(m_model->text().trimmed());
    const QFileInfo train(m_train->text().trimmed());
    if (m_train->text().trimmed().isEmpty())
        found << tr("Choose the training file.");
    else if (!train.exists())
        found << tr("The training file %1 does not exist.").arg(m_train->text().trimmed());
    const QString output = m_output->text().trimmed();
    if (output.isEmpty())
        found << tr("Choose an output folder for the trained model.");
    else if (QFileInfo(output).exists() && !QFileInfo(output).isDir())
        found << tr("The output %1 is a file; choose a folder.").arg(output);
    return found;
}

void QuickRunDialog::accept()
{
    const QStringList found = problems();
    m_problems->setText(found.join(QLatin1Char('\n')));
    m_problems->setVisible(!found.isEmpty());
    if (!found.isEmpty())
        return;
    saveValues();
    QDialog::accept();
}

void QuickRunDialog::setModelFolder(const QString& folder)
{
    m_model->setText(folder);
}
void QuickRunDialog::setTrainingFile(const QString& file)
{
    m_train->setText(file);
}
void QuickRunDialog::setOutputFolder(const QString& folder)
{
    m_output->setText(folder);
}
void QuickRunDialog::setEpochs(int epochs)
{
    m_epochs->setValue(epochs);
}
void QuickRunDialog::setMaxSteps(int steps)
{
    m_maxSteps->setValue(steps);
}

void QuickRunDialog::setTask(const QString& task)
{
    const int index = m_task->findData(task);
    if (index >= 0)
        m_task->setCurrentIndex(index);
}

void QuickRunDialog::restoreValues()
{
    QSettings settings;
    m_model->setText(settings.value(kGroup + QStringLiteral("model")).toString());
    setTask(settings.value(kGroup + QStringLiteral("task"), QString::fromUtf8(allTasks()[0].name))
                .toString());
    m_train->setText(settings.value(kGroup + QStringLiteral("train")).toString());
    m_output->setText(settings.value(kGroup + QStringLiteral("output")).toString());
    m_epochs->setValue(settings.value(kGroup + QStringLiteral("epochs"), 3).toInt());
    m_maxSteps->setValue(settings.value(kGroup + QStringLiteral("maxSteps"), 0).toInt());
}

void QuickRunDialog::saveValues() const
{
    QSettings settings;
    settings.setValue(kGroup + QStringLiteral("model"), m_model->text().trimmed());
    settings.setValue(kGroup + QStringLiteral("task"), m_task->currentData());
    settings.setValue(kGroup + QStringLiteral("train"), m_train->text().trimmed());
    settings.setValue(kGroup + QStringLiteral("output"), m_output->text().trimmed());
    settings.setValue(kGroup + QStringLiteral("epochs"), m_epochs->value());
    settings.setValue(kGroup + QStringLiteral("maxSteps"), m_maxSteps->value());
}

} // namespace domaintune::ui
