#include "ui/modelspage.h"

#include "core/starter/starterassets.h"
#include "core/store/runstore.h"
#include "core/train/trainspec.h"
#include "ui/hubdownloaddialog.h"
#include "ui/modelinfoview.h"
#include "ui/trainingcontroller.h"
#include "ui/wizardmodelpage.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <exception>
#include <nlohmann/json.hpp>

namespace domaintune::ui {
namespace {

bool isModelFolder(const QString& folder)
{
    return QFileInfo::exists(folder + QStringLiteral("/config.json"));
}

/** Returns the fine-tuned model folders of completed runs, newest first. */
QList<QPair<QString, QString>> historyModels()
{
    QList<QPair<QString, QString>> models;
    try {
        RunStore store(TrainingController::historyPath().toStdString());
        RunFilter filter;
        filter.limit = 200;
        for (const RunRecord& run : store.listRuns(filter)) {
            const auto json = nlohmann::json::parse(run.specJson, nullptr, false);
            if (!json.is_object() || !json.contains("output") || !json["output"].is_string())
                continue;
            const QString output = QString::fromStdString(json["output"].get<std::string>());
            // The best model by the run's metric, else the final one.
            for (const QString& folder :
                 {output + QStringLiteral("/best"), output + QStringLiteral("/model"), output})
                if (isModelFolder(folder)) {
                    models.append({folder, QString::fromStdString(run.name)});
                    break;
                }
        }
    } catch (const std::exception&) {
        // An unreadable history lists no runs; the History page explains why.
    }
    return models;
}

} // namespace

ModelsPage::ModelsPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ModelsPage"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Models</h2>"), this));
    auto* splitter = new QSplitter(this);
    m_list = new QListWidget(splitter);
    m_list->setObjectName(QStringLiteral("models"));
    auto* right = new QWidget(splitter);
    auto* details = new QVBoxLayout(right);
    m_info = new ModelInfoView(right);
    details->addWidget(m_info, 1);
    auto* buttons = new QHBoxLayout;
    m_fineTune = new QPushButton(tr("Fine-tune in a ne&w run"), right);
    m_try = new QPushButton(tr("&Try it"), right);
    auto* add = new QPushButton(tr("&Add folder…"), right);
    auto* download = new QPushButton(tr("&Download from Hugging Face…"), right);
    download->setObjectName(QStringLiteral("downloadFromHub"));
    buttons->addWidget(m_fineTune);
    buttons->addWidget(m_try);
    buttons->addStretch();
    buttons->addWidget(download);
    buttons->addWidget(add);
    details->addLayout(buttons);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &ModelsPage::showSelected);
    connect(&m_job, &QFutureWatcherBase::finished, this, [this] {
        if (!m_pending.isEmpty()) {
            m_pending.clear();
            showSelected();
            return;
        }
        m_info->setSummary(m_job.result());
        emit detailsShown();
    });
    connect(m_fineTune, &QPushButton::clicked, this,
            [this] { emit fineTuneRequested(selectedFolder()); });
    connect(m_try, &QPushButton::clicked, this, [this] { emit tryRequested(selectedFolder()); });
    connect(add, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"));
        if (!folder.isEmpty())
            select(folder);
    });
    connect(download, &QPushButton::clicked, this, [this] {
        auto* dialog = new HubDownloadDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &HubDownloadDialog::downloaded, this,
                [this](const QString&, const QString& folder) {
                    refresh();
                    m_list->setCurrentRow(int(folders().indexOf(QDir::cleanPath(folder))));
                });
        dialog->open();
    });
    refresh();
}

ModelsPage::~ModelsPage()
{
    m_job.waitForFinished();
}

void ModelsPage::refresh()
{
    const QString current = selectedFolder();
    m_list->clear();
    for (const auto& [id, folder] : WizardModelPage::cachedModels())
        addFolder(folder, tr("Hugging Face cache"), id);
    const StarterAssets starter = locateStarterAssets();
    if (starter.modelReady)
        addFolder(QString::fromStdString(starter.modelDir), tr("Starter model"));
    for (const QString& folder : WizardModelPage::recentFolders())
        addFolder(folder, tr("Recently used"));
    for (const auto& [folder, run] : historyModels())
        addFolder(folder, tr("Fine-tuned by run %1").arg(run));
    const QStringList listed = folders();
    m_list->setCurrentRow(std::max<int>(0, int(listed.indexOf(current))));
    m_fineTune->setEnabled(m_list->count() > 0);
    m_try->setEnabled(m_list->count() > 0);
}

void ModelsPage::addFolder(const QString& folder, const QString& label, const QString& name)
{
    const QString clean = QDir::cleanPath(folder);
    if (folders().contains(clean))
        return;
    auto* item = new QListWidgetItem(
        QStringLiteral("%1\n%2").arg(name.isEmpty() ? QFileInfo(clean).fileName() : name, label),
        m_list);
    item->setData(Qt::UserRole, clean);
    item->setToolTip(clean);
}

QStringList ModelsPage::folders() const
{
    QStringList list;
    for (int i = 0; i < m_list->count(); ++i)
        list << m_list->item(i)->data(Qt::UserRole).toString();
    return list;
}

void ModelsPage::select(const QString& folder)
{
    WizardModelPage::rememberFolder(QDir::cleanPath(folder)); // kept across refreshes
    addFolder(folder, tr("Added"));
    m_list->setCurrentRow(int(folders().indexOf(QDir::cleanPath(folder))));
    m_fineTune->setEnabled(true);
    m_try->setEnabled(true);
}

QString ModelsPage::selectedFolder() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ModelsPage::showSelected()
{
    const QString folder = selectedFolder();
    if (folder.isEmpty())
        return;
    if (m_job.isRunning()) {
        m_pending = folder;
        return;
    }
    m_info->setMessage(tr("Loading %1…").arg(folder));
    m_job.setFuture(QtConcurrent::run([folder] { return summarizeModel(folder, QString()); }));
}

} // namespace domaintune::ui
