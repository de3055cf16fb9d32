#include "ui/wizardreviewpage.h"

#include "core/train/clustercommand.h"
#include "ui/newrunwizard.h"
#include "ui/settingspage.h"
#include "ui/tasktext.h"
#include "ui/wizarddatapage.h"
#include "ui/wizardlayerspage.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

QString row(const QString& name, const QString& value)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}

QString freezeText(const FreezePlan& plan)
{
    if (!plan.frozenGroups.empty()) {
        QStringList groups;
        for (const std::string& group : plan.frozenGroups)
            groups << QString::fromStdString(group);
        return WizardReviewPage::tr("frozen: %1").arg(groups.join(QStringLiteral(", ")));
    }
    if (plan.preset == "head-only")
        return WizardReviewPage::tr("head only");
    if (plan.preset == "top-k")
        return WizardReviewPage::tr("head and top %n layer(s)", nullptr, plan.topK);
    return WizardReviewPage::tr("all layers");
}

} // namespace

WizardReviewPage::WizardReviewPage(QWidget* parent) : QWizardPage(parent)
{
    setTitle(tr("Review"));
    setSubTitle(tr("Start trains on a background thread and opens the dashboard. The spec is "
                   "stored with the run, so it can be compared and re-run later."));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("specJson"));
    m_json->setReadOnly(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_json, 1);
    auto* buttons = new QHBoxLayout;
    auto* save = new QPushButton(tr("Save as &template…"), this);
    save->setObjectName(QStringLiteral("saveTemplate"));
    buttons->addWidget(save);
    auto* cluster = new QPushButton(tr("Copy command for a &cluster"), this);
    cluster->setObjectName(QStringLiteral("copyClusterCommand"));
    cluster->setToolTip(tr("Copies the shell commands that train this spec on several machines "
                           "(torchrun, or domaintune-cli's own launcher), with the processes per "
                           "machine chosen on the hyper-parameters page."));
    buttons->addWidget(cluster);
    m_copied = new QLabel(this);
    m_copied->setObjectName(QStringLiteral("clusterCommandCopied"));
    buttons->addWidget(m_copied);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(cluster, &QPushButton::clicked, this, [this] {
        const auto* owner = qobject_cast<NewRunWizard*>(wizard());
        QGuiApplication::clipboard()->setText(
            QString::fromStdString(clusterCommand(owner->spec())));
        m_copied->setText(tr("Copied. Paste it on each machine, with NNODES, NODE_RANK and "
                             "MASTER set as its first lines say."));
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Save the run as a template"),
            SettingsPage::dataLocation() + QStringLiteral("/templates/") +
                field(QStringLiteral("runName")).toString() + QStringLiteral(".json"),
            tr("Run templates (*.json)"));
        if (!file.isEmpty())
            saveTemplate(file);
    });
}

void WizardReviewPage::initializePage()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    const TrainSpec spec = owner->spec();
    const ModelSummary& model = owner->modelSummary();
    const DataPreview* data = owner->dataPage()->preview();
    QString html = QStringLiteral("<table cellspacing=4>");
    html += row(tr("Task"), taskTitle(QString::fromStdString(spec.task)) + QStringLiteral(" · ") +
                                domainTitle(QString::fromStdString(spec.domain)));
    html += row(tr("Model"),
                tr("%1 (%2 parameters)")
                    .arg(QString::fromStdString(spec.modelDir), formatCount(model.parameters)));
    html +=
        row(tr("Data"), tr("%1 (%n example(s) read)", nullptr, data ? int(data->examplesRead) : 0)
                            .arg(QString::fromStdString(spec.trainFile)));
    html += row(tr("Layers"), freezeText(spec.freeze) + QStringLiteral(" · ") +
                                  owner->layersPage()->trainableText());
    const QString training =
        spec.method == "setfit"
            ? tr("Few-shot (SetFit): %1 epoch(s) of contrastive pairs, %2 pairs a batch, learning "
                 "rate %3, max. %4 tokens; then a logistic-regression head")
            : tr("%1 epoch(s), batch %2, learning rate %3, max. %4 tokens");
    html += row(tr("Training"), training.arg(spec.epochs)
                                    .arg(spec.batchSize)
                                    .arg(spec.learningRate, 0, 'g', 3)
                                    .arg(spec.maxLength));
    owner->layersPage()->refreshEstimate();
    if (spec.processes > 1)
        html += row(tr("Processes"),
                    tr("%1 on this machine, global batch %2 (%3 per process × %1 × accumulation "
                       "%4)")
                        .arg(spec.processes)
                        .arg(spec.batchSize * spec.processes * spec.gradientAccumulation)
                        .arg(spec.batchSize)
                        .arg(spec.gradientAccumulation));
    html += row(tr("Memory"), owner->layersPage()->memoryText());
    html += row(tr("Output"), QString::fromStdString(spec.outputDir));
    html += QStringLiteral("</table>");
    m_summary->setText(html);
    m_copied->clear();
    m_json->setPlainText(QString::fromStdString(spec.toJson().dump(2)));
}

bool WizardReviewPage::saveTemplate(const QString& file)
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    const QByteArray json = QByteArray::fromStdString(owner->spec().toJson().dump(2) + "\n");
    if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size() || !out.commit()) {
        QMessageBox::warning(
            this, tr("Save as template"),
            tr("Cannot write %1: %2. Choose another folder.").arg(file, out.errorString()));
        return false;
    }
    return true;
}

QString WizardReviewPage::summaryText() const
{
    return m_summary->text();
}

QString WizardReviewPage::specText() const
{
    return m_json->toPlainText();
}

} // namespace domaintune::ui
