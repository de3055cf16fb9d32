#include "ui/hubdownloaddialog.h"

#include "core/common/error.h"
#include "core/hub/hubdownloader.h"
#include "core/hub/hubmodelid.h"
#include "ui/durationtext.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <exception>
#include <mutex>

namespace domaintune::ui {

/** What the download thread leaves for the GUI thread to read. */
struct HubDownloadDialog::Shared : HubDownloadObserver
{
    std::mutex mutex;
    HubDownloadProgress progress;
    QStringList messages;
    std::atomic_bool cancel{false};

    void onProgress(const HubDownloadProgress& p) override
    {
        std::lock_guard<std::mutex> lock(mutex);
        progress = p;
    }
    void onMessage(const std::string& message) override
    {
        std::lock_guard<std::mutex> lock(mutex);
        messages.append(QString::fromStdString(message));
    }
};

HubDownloadDialog::HubDownloadDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Download from Hugging Face"));
    setMinimumWidth(520);
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Downloads a model from the Hugging Face Hub into the Hugging Face "
                      "cache, where transformers finds it too. Only the files a model "
                      "needs are fetched; large files are checked against their SHA-256."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_id = new QLineEdit(this);
    m_id->setObjectName(QStringLiteral("modelId"));
    m_id->setPlaceholderText(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"));
    m_revision = new QLineEdit(QStringLiteral("main"), this);
    m_revision->setObjectName(QStringLiteral("revision"));
    form->addRow(tr("Model &id:"), m_id);
    form->addRow(tr("&Revision:"), m_revision);
    layout->addLayout(form);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(this);
    m_download = buttons->addButton(tr("&Download"), QDialogButtonBox::AcceptRole);
    m_download->setObjectName(QStringLiteral("download"));
    m_cancel = buttons->addButton(tr("&Cancel download"), QDialogButtonBox::ActionRole);
    m_cancel->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    // Enter means Download; while one runs, Enter must neither cancel nor close it.
    m_download->setDefault(true);
    m_cancel->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);

    connect(m_download, &QPushButton::clicked, this, &HubDownloadDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_shared)
            m_shared->cancel.store(true);
        m_status->setText(tr("Cancelling…"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &HubDownloadDialog::reject);
    connect(&m_poll, &QTimer::timeout, this, &HubDownloadDialog::poll);
    connect(&m_job, &QFutureWatcherBase::finished, this, &HubDownloadDialog::finish);
    m_poll.setInterval(100);
}

HubDownloadDialog::~HubDownloadDialog()
{
    if (m_shared)
        m_shared->cancel.store(true);
    m_job.waitForFinished();
}

void HubDownloadDialog::setModelId(const QString& id)
{
    m_id->setText(id);
}

void HubDownloadDialog::reject()
{
    if (m_job.isRunning()) {
        m_shared->cancel.store(true);
        m_job.waitForFinished(); // the transfer notices within a fraction of a second
    }
    QDialog::reject();
}

void HubDownloadDialog::start()
{
    if (m_job.isRunning())
        return;
    const QString id = m_id->text().trimmed();
    const QString revision = m_revision->text().trimmed().isEmpty() ? QStringLiteral("main")
                                                                    : m_revision->text().trimmed();
    try {
        HubModelId::parse(id.toStdString());
    } catch (const Error& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        m_id->setFocus();
        return;
    }
    HubDownloadParams params;
    params.id = id.toStdString();
    params.revision = revision.toStdString();
    params.settings = hubSettingsFromEnvironment();
    m_shared = std::make_shared<Shared>();
    auto shared = m_shared;
    m_job.setFuture(QtConcurrent::run([params, shared] {
        Outcome outcome;
        try {
            const auto result = downloadModel(params, *shared, shared->cancel);
            outcome.folder = QString::fromStdString(result.snapshotDir);
        } catch (const HubDownloadCancelled&) {
            outcome.cancelled = true;
        } catch (const std::exception& e) {
            outcome.error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
    m_download->setEnabled(false);
    m_cancel->setEnabled(true);
    m_id->setEnabled(false);
    m_revision->setEnabled(false);
    m_progress->setValue(0);
    m_status->setText(tr("Asking the Hub for %1…").arg(id));
    m_poll.start();
}

void HubDownloadDialog::poll()
{
    if (!m_shared)
        return;
    HubDownloadProgress p;
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        p = m_shared->progress;
    }
    if (p.bytesTotal == 0 || m_shared->cancel.load())
        return;
    m_progress->setValue(int(1000.0 * double(p.bytesDone) / double(p.bytesTotal)));
    QString line =
        tr("%1 of %2 MB").arg(p.bytesDone / 1e6, 0, 'f', 1).arg(p.bytesTotal / 1e6, 0, 'f', 1);
    if (p.bytesPerSecond > 0)
        line += tr(" · %1 MB/s · %2 left")
                    .arg(p.bytesPerSecond / 1e6, 0, 'f', 1)
                    .arg(durationText(p.etaSeconds));
    m_status->setText(line + QStringLiteral("\n") + QString::fromStdString(p.file));
}

void HubDownloadDialog::finish()
{
    m_poll.stop();
    const Outcome outcome = m_job.result();
    m_download->setEnabled(true);
    m_cancel->setEnabled(false);
    m_id->setEnabled(true);
    m_revision->setEnabled(true);
    if (outcome.cancelled) {
        m_progress->setValue(0);
        m_status->setText(tr("Cancelled. Download again to resume where it stopped."));
    } else if (!outcome.error.isEmpty()) {
        m_status->setText(tr("The download failed: %1").arg(outcome.error));
    } else {
        m_progress->setValue(m_progress->maximum());
        // The snapshot path is long and has no spaces to wrap at: in the tooltip.
        m_status->setText(
            tr("Downloaded %1 (commit %2); it is listed under Models.")
                .arg(m_id->text().trimmed(), QFileInfo(outcome.folder).fileName().left(12)));
        m_status->setToolTip(outcome.folder);
        emit downloaded(m_id->text().trimmed(), outcome.folder);
    }
}

} // namespace domaintune::ui
