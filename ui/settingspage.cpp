#include "ui/settingspage.h"

#include "ui/trainingcontroller.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

const QString languageKey = QStringLiteral("ui/language");
const QString deviceKey = QStringLiteral("training/device");
const QString threadsKey = QStringLiteral("training/threads");
const QString processesKey = QStringLiteral("training/processes");
const QString dataKey = QStringLiteral("data/location");
const QString historyKey = QStringLiteral("history/path");

} // namespace

SettingsPage::SettingsPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("SettingsPage"));
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("<h2>Settings</h2>"), this);
    layout->addWidget(title);
    auto* form = new QFormLayout;
    layout->addLayout(form);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(language())));
    form->addRow(tr("&Language:"), m_language);
    auto* notice = new QHBoxLayout;
    m_restartNotice = new QLabel(tr("The new language applies when DomainTune restarts."), this);
    m_restart = new QPushButton(tr("&Restart now"), this);
    m_restart->setObjectName(QStringLiteral("restart"));
    notice->addWidget(m_restartNotice);
    notice->addWidget(m_restart);
    notice->addStretch();
    form->addRow(QString(), notice);
    m_restartNotice->setVisible(false);
    m_restart->setVisible(false);

    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("device"));
    m_device->addItem(tr("Automatic (a CUDA GPU when there is one)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    m_device->setCurrentIndex(std::max(0, m_device->findData(defaultDevice())));
    form->addRow(tr("&Device for new runs:"), m_device);
    m_threads = new QSpinBox(this);
    m_threads->setObjectName(QStringLiteral("threads"));
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(
        tr("automatic (%n core(s))", nullptr, QThread::idealThreadCount()));
    m_threads->setValue(defaultThreads());
    form->addRow(tr("CPU &threads for new runs:"), m_threads);
    m_processes = new QSpinBox(this);
    m_processes->setObjectName(QStringLiteral("processes"));
    m_processes->setRange(1, std::max(1, QThread::idealThreadCount()));
    m_processes->setValue(defaultProcesses());
    m_processes->setToolTip(
        tr("Data-parallel training on this machine: each process trains on its share of every "
           "batch and the cores are shared out between them. More than one pays on machines "
           "with many cores; on a few cores one process is usually faster."));
    form->addRow(tr("Training &processes for new runs:"), m_processes);

    m_dataLocation = pathRow(form, tr("Run &outputs folder:"), QStringLiteral("dataLocation"));
    m_dataLocation->setText(QDir::toNativeSeparators(dataLocation()));
    m_history = pathRow(form, tr("Run histor&y file:"), QStringLiteral("historyPath"));
    m_history->setText(QDir::toNativeSeparators(TrainingController::historyPath()));
    layout->addStretch();

    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(languageKey, m_language->currentData());
        m_restartNotice->setVisible(true);
        m_restart->setVisible(true);
    });
    connect(m_restart, &QPushButton::clicked, this, &SettingsPage::restartApplication);
    connect(m_device, &QComboBox::currentIndexChanged, this,
            [this] { QSettings().setValue(deviceKey, m_device->currentData()); });
    connect(m_threads, &QSpinBox::valueChanged, this,
            [](int threads) { QSettings().setValue(threadsKey, threads); });
    connect(m_processes, &QSpinBox::valueChanged, this,
            [](int processes) { QSettings().setValue(processesKey, processes); });
    connect(m_dataLocation, &QLineEdit::editingFinished, this,
            [this] { chooseDataLocation(QDir::fromNativeSeparators(m_dataLocation->text())); });
    connect(m_history, &QLineEdit::editingFinished, this,
            [this] { chooseHistoryPath(QDir::fromNativeSeparators(m_history->text())); });
}

QLineEdit* SettingsPage::pathRow(QFormLayout* form, const QString& label, const QString& name)
{
    auto* row = new QHBoxLayout;
    auto* edit = new QLineEdit(this);
    edit->setObjectName(name);
    auto* browse = new QPushButton(tr("Browse…"), this);
    row->addWidget(edit, 1);
    row->addWidget(browse);
    auto* title = new QLabel(label, this);
    title->setBuddy(edit); // A row layout gets no buddy of its own; the mnemonic needs one.
    form->addRow(title, row);
    const bool folder = name == QLatin1String("dataLocation");
    connect(browse, &QPushButton::clicked, this, [this, edit, folder] {
        const QString path =
            folder ? QFileDialog::getExistingDirectory(this, tr("Choose a folder"), edit->text())
                   : QFileDialog::getSaveFileName(this, tr("Choose the history file"), edit->text(),
                                                  tr("History (*.sqlite)"), nullptr,
                                                  QFileDialog::DontConfirmOverwrite);
        if (path.isEmpty())
            return;
        edit->setText(QDir::toNativeSeparators(path));
        if (folder)
            chooseDataLocation(path);
        else
            chooseHistoryPath(path);
    });
    return edit;
}

QString SettingsPage::language()
{
    return QSettings().value(languageKey).toString();
}

QString SettingsPage::dataLocation()
{
    const QString fallback = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                             QStringLiteral("/domaintune");
    return QSettings().value(dataKey, fallback).toString();
}

QString SettingsPage::defaultDevice()
{
    return QSettings().value(deviceKey, QStringLiteral("auto")).toString();
}

int SettingsPage::defaultThreads()
{
    return QSettings().value(threadsKey, 0).toInt();
}

int SettingsPage::defaultProcesses()
{
    return std::clamp(QSettings().value(processesKey, 1).toInt(), 1,
                      std::max(1, QThread::idealThreadCount()));
}

void SettingsPage::chooseLanguage(const QString& language)
{
    m_language->setCurrentIndex(std::max(0, m_language->findData(language)));
}

void SettingsPage::chooseHistoryPath(const QString& path)
{
    if (path.trimmed().isEmpty())
        QSettings().remove(historyKey);
    else
        QSettings().setValue(historyKey, path.trimmed());
    m_history->setText(QDir::toNativeSeparators(TrainingController::historyPath()));
    emit historyPathChanged(TrainingController::historyPath());
}

void SettingsPage::chooseDataLocation(const QString& path)
{
    if (path.trimmed().isEmpty())
        QSettings().remove(dataKey);
    else
        QSettings().setValue(dataKey, path.trimmed());
    m_dataLocation->setText(QDir::toNativeSeparators(dataLocation()));
}

bool SettingsPage::isRestartNoticeShown() const
{
    return !m_restartNotice->isHidden();
}

void SettingsPage::restartApplication()
{
    QStringList arguments = QCoreApplication::arguments().mid(1);
    // An explicit --lang would override the new choice.
    for (int i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--lang") && i + 1 < arguments.size()) {
            arguments.remove(i, 2);
            --i;
        } else if (arguments[i].startsWith(QLatin1String("--lang="))) {
            arguments.removeAt(i--);
        }
    }
    if (QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments))
        window()->close();
}

} // namespace domaintune::ui
