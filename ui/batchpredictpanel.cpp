#include "ui/batchpredictpanel.h"

#include "core/train/batchprediction.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QtConcurrent>

#include <exception>

namespace domaintune::ui {

/** Shared between the job (writes) and the GUI thread (reads). */
struct BatchPredictPanel::Progress
{
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> total{0};
    std::atomic<std::size_t> rows{0};
    std::atomic_bool cancel{false};
    std::atomic_bool cancelled{false};
};

BatchPredictPanel::BatchPredictPanel(QWidget* parent) : QWidget(parent)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("batchInput"));
    m_input->setPlaceholderText(tr("CSV, JSON lines or text file with the texts"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("batchOutput"));
    m_output->setPlaceholderText(tr("predictions.csv (or .jsonl)"));
    m_start = new QPushButton(tr("Predict f&ile"), this);
    m_start->setEnabled(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("batchStatus"));
    m_status->setWordWrap(true);
    grid->addWidget(new QLabel(tr("Batch input:"), this), 0, 0);
    grid->addWidget(m_input, 0, 1);
    grid->addWidget(browse, 0, 2);
    grid->addWidget(new QLabel(tr("Predictions to:"), this), 1, 0);
    grid->addWidget(m_output, 1, 1);
    grid->addWidget(m_start, 1, 2);
    grid->addWidget(m_progress, 2, 1);
    grid->addWidget(m_cancel, 2, 2);
    grid->addWidget(m_status, 3, 0, 1, 3);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Texts to predict"), m_input->text());
        if (!file.isEmpty())
            setInputFile(file);
    });
    connect(m_start, &QPushButton::clicked, this, &BatchPredictPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &BatchPredictPanel::cancel);
    connect(&m_job, &QFutureWatcherBase::finished, this, &BatchPredictPanel::finish);
    m_poll.setInterval(150);
    connect(&m_poll, &QTimer::timeout, this, &BatchPredictPanel::showProgress);
}

BatchPredictPanel::~BatchPredictPanel()
{
    if (m_shared)
        m_shared->cancel.store(true);
    m_job.waitForFinished();
}

void BatchPredictPanel::setModelFolder(const QString& folder)
{
    m_model = folder;
    m_start->setEnabled(!folder.isEmpty() && !m_job.isRunning());
}

void BatchPredictPanel::setInputFile(const QString& file)
{
    m_input->setText(QDir::toNativeSeparators(file));
    if (m_output->text().isEmpty()) {
        const QFileInfo info(file);
        m_output->setText(QDir::toNativeSeparators(info.path() + QLatin1Char('/') +
                                                   info.completeBaseName() +
                                                   QStringLiteral("-predictions.csv")));
    }
}

void BatchPredictPanel::setOutputFile(const QString& file)
{
    m_output->setText(QDir::toNativeSeparators(file));
}

void BatchPredictPanel::start()
{
    if (m_job.isRunning() || m_model.isEmpty())
        return;
    if (m_input->text().trimmed().isEmpty() || m_output->text().trimmed().isEmpty()) {
        m_status->setText(tr("Choose the file of texts and where the predictions go."));
        return;
    }
    BatchPredictionRequest request;
    request.modelDir = m_model.toStdString();
    request.input = QDir::fromNativeSeparators(m_input->text().trimmed()).toStdString();
    request.output = QDir::fromNativeSeparators(m_output->text().trimmed()).toStdString();
    m_shared = std::make_shared<Progress>();
    m_progress->setRange(0, 0);
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Reading %1…").arg(m_input->text()));
    m_job.setFuture(QtConcurrent::run([request, shared = m_shared]() mutable {
        request.cancel = &shared->cancel;
        request.progress = [shared](std::size_t done, std::size_t total) {
            shared->done = done;
            shared->total = total;
        };
        try {
            const BatchPredictionResult result = predictFile(request);
            shared->rows = result.rows;
            shared->cancelled = result.cancelled;
            return QString();
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    }));
    m_poll.start();
}

void BatchPredictPanel::cancel()
{
    if (m_shared)
        m_shared->cancel.store(true);
}

void BatchPredictPanel::showProgress()
{
    const std::size_t total = m_shared->total.load();
    if (total == 0)
        return;
    m_progress->setRange(0, int(std::min<std::size_t>(total, INT_MAX)));
    m_progress->setValue(int(std::min<std::size_t>(m_shared->done.load(), INT_MAX)));
    m_status->setText(tr("%1 of %2 texts").arg(m_shared->done.load()).arg(total));
}

void BatchPredictPanel::finish()
{
    m_poll.stop();
    const QString error = m_job.result();
    m_start->setEnabled(!m_model.isEmpty());
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(error.isEmpty() && !m_shared->cancelled ? 1 : 0);
    const int rows = int(m_shared->rows.load());
    if (!error.isEmpty())
        m_status->setText(tr("The prediction failed: %1").arg(error));
    else if (m_shared->cancelled)
        m_status->setText(tr("Cancelled; no file was written."));
    else
        m_status->setText(
            tr("%n prediction(s) written to %1", nullptr, rows).arg(m_output->text()));
    emit finished(error.isEmpty() && !m_shared->cancelled, error.isEmpty() ? rows : 0);
}

QString BatchPredictPanel::statusText() const
{
    return m_status->text();
}

} // namespace domaintune::ui
