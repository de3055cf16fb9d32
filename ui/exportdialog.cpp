#include "ui/exportdialog.h"

#include "core/export/modelexport.h"
#include "ui/proceedquestion.h"
#include "ui/settingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <exception>

namespace domaintune::ui {

struct ExportDialog::Outcome
{
    std::optional<ModelExportResult> result;
    QString error;
};

namespace {

QString verificationLine(const QString& format, const ExportVerification& check)
{
    return check.passed ? ExportDialog::tr("✔ %1: verified (largest difference %2, allowed %3)")
                              .arg(format)
                              .arg(check.maxAbsDifference, 0, 'g', 3)
                              .arg(check.tolerance, 0, 'g', 3)
                        : ExportDialog::tr("✘ %1: verification FAILED: %2")
                              .arg(format, QString::fromStdString(check.message));
}

} // namespace

ExportDialog::ExportDialog(const QString& historyPath, qint64 runId, QWidget* parent)
    : QDialog(parent), m_historyPath(historyPath), m_runId(runId)
{
    setWindowTitle(tr("Export the model of run %1").arg(runId));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* row = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setText(QDir::toNativeSeparators(SettingsPage::dataLocation() +
                                               QStringLiteral("/exports/run-%1").arg(runId)));
    auto* browse = new QPushButton(tr("Browse…"), this);
    row->addWidget(m_output, 1);
    row->addWidget(browse);
    auto* outputLabel = new QLabel(tr("&Output folder:"), this);
    outputLabel->setBuddy(
        m_output); // A row layout gets no buddy of its own; the mnemonic needs one.
    form->addRow(outputLabel, row);
    m_huggingFace = new QCheckBox(tr("Hugging Face folder (transformers, DomainTune)"), this);
    m_huggingFace->setChecked(true);
    m_torchScript = new QCheckBox(tr("TorchScript model.pt (LibTorch, torch.jit.load)"), this);
    form->addRow(tr("Formats:"), m_huggingFace);
    form->addRow(QString(), m_torchScript);
    m_precision = new QComboBox(this);
    m_precision->addItem(tr("float32 (exact)"), QStringLiteral("f32"));
    m_precision->addItem(tr("float16 (half the size)"), QStringLiteral("f16"));
    m_precision->addItem(tr("bfloat16 (half the size)"), QStringLiteral("bf16"));
    form->addRow(tr("&Weights:"), m_precision);
    m_which = new QComboBox(this);
    m_which->setObjectName(QStringLiteral("which"));
    m_which->addItem(tr("the final model (model/)"), false);
    m_which->addItem(tr("the model of the best evaluation (best/)"), true);
    m_which->setToolTip(tr("The final model is the weights at the end of training; best/ holds "
                           "them at the evaluation with the best main metric."));
    form->insertRow(0, tr("&Model:"), m_which);
    layout->addLayout(form);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setVisible(false);
    layout->addWidget(m_busy);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_open = buttons->addButton(tr("&Open folder"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("openFolder"));
    m_open->setEnabled(false);
    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_written)); });
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Export to"), m_output->text());
        if (!folder.isEmpty())
            m_output->setText(QDir::toNativeSeparators(folder));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(&m_job, &QFutureWatcherBase::finished, this, &ExportDialog::finishExport);
}

ExportDialog::~ExportDialog()
{
    m_job.waitForFinished(); // An export cannot be interrupted halfway; let it end.
}

void ExportDialog::setOutputFolder(const QString& folder)
{
    m_output->setText(folder);
}

void ExportDialog::setFormats(bool huggingFace, bool torchScript)
{
    m_huggingFace->setChecked(huggingFace);
    m_torchScript->setChecked(torchScript);
}

void ExportDialog::setPrecision(const QString& precision)
{
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(precision)));
}

void ExportDialog::setBest(bool best)
{
    m_which->setCurrentIndex(best ? 1 : 0);
}

void ExportDialog::startExport()
{
    if (m_job.isRunning())
        return;
    const QString output = m_output->text().trimmed();
    if (QDir(output).exists() && !QDir(output).isEmpty()) {
        if (!askToProceed(this, tr("Replace the folder?"),
                          tr("%1 already holds files; the export replaces what it writes there "
                             "(a Hugging Face export replaces the whole folder).")
                              .arg(output),
                          QString(), tr("&Replace"), tr("&Keep it"), m_replaceQuestion)) {
            m_result->setText(tr("Nothing was exported; choose another output folder."));
            return;
        }
    }
    ModelExportRequest request;
    request.historyPath = m_historyPath.toStdString();
    request.runId = m_runId;
    request.output = QDir::fromNativeSeparators(m_output->text().trimmed()).toStdString();
    request.huggingFace = m_huggingFace->isChecked();
    request.torchScript = m_torchScript->isChecked();
    request.best = m_which->currentData().toBool();
    const QString precision = m_precision->currentData().toString();
    request.weights = precision == QLatin1String("f16")    ? DType::F16
                      : precision == QLatin1String("bf16") ? DType::BF16
                                                           : DType::F32;
    m_export->setEnabled(false);
    m_open->setEnabled(false);
    m_busy->setVisible(true);
    m_result->setText(tr("Exporting and verifying…"));
    m_job.setFuture(QtConcurrent::run([request] {
        auto outcome = std::make_shared<Outcome>();
        try {
            outcome->result = exportModel(request);
        } catch (const std::exception& e) {
            outcome->error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
}

void ExportDialog::finishExport()
{
    const std::shared_ptr<Outcome> outcome = m_job.result();
    m_export->setEnabled(true);
    m_busy->setVisible(false);
    if (!outcome->result) {
        m_result->setText(tr("The export failed: %1").arg(outcome->error));
        emit exported(false);
        return;
    }
    QStringList lines;
    if (outcome->result->huggingFace)
        lines << verificationLine(tr("Hugging Face"), *outcome->result->huggingFace);
    if (outcome->result->torchScript)
        lines << verificationLine(tr("TorchScript"), outcome->result->torchScript->verification);
    lines << tr("Written to %1 from %2; the result is stored in the run history.")
                 .arg(QString::fromStdString(outcome->result->output),
                      QString::fromStdString(outcome->result->modelDir));
    m_written = QString::fromStdString(outcome->result->output);
    m_open->setEnabled(true);
    m_result->setText(lines.join(QLatin1Char('\n')));
    emit exported(outcome->result->passed());
}

QString ExportDialog::resultText() const
{
    return m_result->text();
}

} // namespace domaintune::ui
