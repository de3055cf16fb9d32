#include "ui/wizardmodelpage.h"

#include "core/hub/hubcache.h"
#include "core/hub/hubsettings.h"
#include "core/hub/wheelmodel.h"
#include "core/starter/starterassets.h"
#include "ui/modelinfoview.h"
#include "ui/newrunwizard.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace domaintune::ui {
namespace {

const QString recentKey = QStringLiteral("wizard/recentModels");

} // namespace

WizardModelPage::WizardModelPage(QWidget* parent) : QWizardPage(parent)
{
    setTitle(tr("Pretrained model"));
    setSubTitle(tr("A Hugging Face folder: config.json, model.safetensors or pytorch_model.bin, "
                   "and the tokenizer files."));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* row = new QHBoxLayout;
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("modelFolder"));
    m_folder->setPlaceholderText(tr("Folder with config.json"));
    auto* browse = new QPushButton(tr("Bro&wse…"), this);
    row->addWidget(m_folder, 1);
    row->addWidget(browse);
    auto* folderLabel = new QLabel(tr("Fol&der:"), this);
    folderLabel->setBuddy(
        m_folder); // A row layout gets no buddy of its own; the mnemonic needs one.
    form->addRow(folderLabel, row);
    m_recent = new QComboBox(this);
    m_recent->setObjectName(QStringLiteral("recentModels"));
    form->addRow(tr("&Known models:"), m_recent);
    layout->addLayout(form);
    m_info = new ModelInfoView(this);
    layout->addWidget(m_info, 1);

    registerField(QStringLiteral("modelDir*"), m_folder);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &WizardModelPage::load);
    connect(m_folder, &QLineEdit::textChanged, this, &WizardModelPage::scheduleLoad);
    connect(m_folder, &QLineEdit::textChanged, this, [this](const QString& text) {
        // The list shows which known model the folder is, or "(choose)".
        m_recent->setCurrentIndex(std::max(0, m_recent->findData(QDir::cleanPath(text))));
    });
    connect(&m_job, &QFutureWatcherBase::finished, this, &WizardModelPage::finishLoad);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(folder));
    });
    connect(m_recent, &QComboBox::activated, this, [this](int index) {
        const QString folder = m_recent->itemData(index).toString();
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
}

WizardModelPage::~WizardModelPage()
{
    m_job.waitForFinished(); // The job only reads files; it ends on its own.
}

void WizardModelPage::initializePage()
{
    fillRecent();
    scheduleLoad();
    if (m_debounce.isActive()) {
        m_debounce.stop();
        load();
    }
}

void WizardModelPage::fillRecent()
{
    const QSignalBlocker blocker(m_recent);
    m_recent->clear();
    m_recent->addItem(tr("(choose)"));
    for (const auto& [id, folder] : cachedModels())
        m_recent->addItem(tr("%1 (Hugging Face cache)").arg(id), folder);
    const StarterAssets starter = locateStarterAssets();
    if (starter.modelReady)
        m_recent->addItem(tr("Starter model (bilingual, built on this machine)"),
                          QString::fromStdString(starter.modelDir));
    for (const QString& folder : recentFolders())
        m_recent->addItem(folder, folder);
    m_recent->setCurrentIndex(std::max(0, m_recent->findData(QDir::cleanPath(m_folder->text()))));
}

void WizardModelPage::scheduleLoad()
{
    const QString key = m_folder->text().trimmed() + QLatin1Char('\n') + field("task").toString();
    if (key == m_loadedKey && !m_job.isRunning())
        return;
    m_ready = false;
    emit completeChanged();
    m_debounce.start();
}

void WizardModelPage::load()
{
    const QString folder = m_folder->text().trimmed();
    const QString task = field(QStringLiteral("task")).toString();
    if (folder.isEmpty()) {
        m_info->setMessage(tr("Choose a model folder."));
        return;
    }
    if (m_job.isRunning()) { // Let it end; finishLoad() starts the newest request.
        m_pendingKey = folder;
        return;
    }
    m_info->setMessage(tr("Loading %1…").arg(folder));
    m_loadedKey = folder + QLatin1Char('\n') + task;
    m_loading = true;
    m_job.setFuture(QtConcurrent::run([folder, task] { return summarizeModel(folder, task); }));
}

void WizardModelPage::finishLoad()
{
    m_loading = false;
    const ModelSummary summary = m_job.result();
    const QString current =
        m_folder->text().trimmed() + QLatin1Char('\n') + field("task").toString();
    if (!m_pendingKey.isEmpty() || current != m_loadedKey) {
        m_pendingKey.clear();
        m_loadedKey.clear();
        load(); // The path changed while loading: the result is stale.
        return;
    }
    m_info->setSummary(summary);
    if (auto* owner = qobject_cast<NewRunWizard*>(wizard()))
        owner->setModelSummary(summary);
    m_ready = summary.isValid() && summary.tokenizerError.isEmpty();
    emit completeChanged();
    emit summaryReady();
}

bool WizardModelPage::isComplete() const
{
    return m_ready && QWizardPage::isComplete();
}

bool WizardModelPage::validatePage()
{
    return m_ready;
}

QList<QPair<QString, QString>> WizardModelPage::cachedModels()
{
    QList<QPair<QString, QString>> models;
    const std::string defaultId = defaultEnglishWheelModel().hubId;
    for (const CachedModel& model : listCachedModels(hubSettingsFromEnvironment().cacheRoot)) {
        if (!model.check.loadable)
            continue;
        const QPair<QString, QString> entry{QString::fromStdString(model.id),
                                            QString::fromStdString(model.snapshotDir)};
        if (model.id == defaultId)
            models.prepend(entry);
        else
            models.append(entry);
    }
    return models;
}

QStringList WizardModelPage::recentFolders()
{
    return QSettings().value(recentKey).toStringList();
}

void WizardModelPage::rememberFolder(const QString& folder)
{
    QStringList folders = recentFolders();
    folders.removeAll(folder);
    folders.prepend(folder);
    while (folders.size() > 8)
        folders.removeLast();
    QSettings().setValue(recentKey, folders);
}

} // namespace domaintune::ui
