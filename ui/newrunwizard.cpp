#include "ui/newrunwizard.h"

#include "core/common/error.h"
#include "core/hub/hubsettings.h"
#include "core/hub/wheelmodel.h"
#include "core/starter/starterassets.h"
#include "ui/searchdialog.h"
#include "ui/tasktext.h"
#include "ui/trainingcontroller.h"
#include "ui/wizarddatapage.h"
#include "ui/wizardhyperpage.h"
#include "ui/wizardlayerspage.h"
#include "ui/wizardmodelpage.h"
#include "ui/wizardreviewpage.h"
#include "ui/wizardtaskpage.h"

#include <QDir>
#include <QMessageBox>

namespace domaintune::ui {

NewRunWizard::NewRunWizard(QWidget* parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("NewRunWizard"));
    setWindowTitle(tr("New run"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoCancelButton, true);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setButtonText(QWizard::FinishButton, tr("&Start training"));
    m_task = new WizardTaskPage(this);
    m_model = new WizardModelPage(this);
    m_data = new WizardDataPage(this);
    m_layers = new WizardLayersPage(this);
    m_hyper = new WizardHyperPage(this);
    setPage(TaskPage, m_task);
    setPage(ModelPage, m_model);
    setPage(DataPage, m_data);
    setPage(LayersPage, m_layers);
    setPage(HyperPage, m_hyper);
    setPage(ReviewPage, new WizardReviewPage(this));
    connect(m_hyper, &WizardHyperPage::searchRequested, this, &NewRunWizard::openSearch);
}

void NewRunWizard::openSearch()
{
    const TrainSpec run = spec();
    try {
        run.validate();
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Search"),
                             tr("The search cannot start: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    WizardModelPage::rememberFolder(QString::fromStdString(run.modelDir));
    try {
        auto* dialog = new SearchDialog(run, TrainingController::historyPath(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Search"),
                             tr("The search cannot start: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_hyper->renewRunName(); // The next run or search must not write into this one's folder.
}

TrainSpec NewRunWizard::spec() const
{
    TrainSpec spec = m_base;
    spec.task = field(QStringLiteral("task")).toString().toStdString();
    spec.domain = field(QStringLiteral("domain")).toString().toStdString();
    spec.modelDir =
        QDir::fromNativeSeparators(field(QStringLiteral("modelDir")).toString().trimmed())
            .toStdString();
    spec.trainFile =
        QDir::fromNativeSeparators(field(QStringLiteral("trainFile")).toString().trimmed())
            .toStdString();
    spec.validationFile =
        QDir::fromNativeSeparators(field(QStringLiteral("validationFile")).toString().trimmed())
            .toStdString();
    spec.validationFraction = field(QStringLiteral("validationFraction")).toDouble() / 100.0;
    spec.maxLength = field(QStringLiteral("maxLength")).toInt();
    spec.labelSeparator = field(QStringLiteral("labelSeparator")).toString().toStdString();
    spec.dropDuplicates = field(QStringLiteral("dropDuplicates")).toBool();
    spec.format = m_data->format().toStdString();
    spec.encoding = m_data->encoding().toStdString();
    spec.delimiter = m_data->delimiter().toStdString();
    spec.textColumn = m_data->textColumn().toStdString();
    spec.labelColumn = m_data->labelColumn().toStdString();
    spec.freeze = m_layers->plan();
    spec.lora = m_layers->lora();
    m_hyper->apply(spec);
    return spec;
}

void NewRunWizard::setSpec(const TrainSpec& spec)
{
    m_base = spec;
    restart();
    setField(QStringLiteral("task"), QString::fromStdString(spec.task));
    setField(QStringLiteral("domain"), QString::fromStdString(spec.domain));
    setField(QStringLiteral("modelDir"),
             QDir::toNativeSeparators(QString::fromStdString(spec.modelDir)));
    setField(QStringLiteral("trainFile"),
             QDir::toNativeSeparators(QString::fromStdString(spec.trainFile)));
    setField(QStringLiteral("validationFile"),
             QDir::toNativeSeparators(QString::fromStdString(spec.validationFile)));
    setField(QStringLiteral("validationFraction"), spec.validationFraction * 100.0);
    setField(QStringLiteral("maxLength"), int(spec.maxLength));
    setField(QStringLiteral("labelSeparator"), QString::fromStdString(spec.labelSeparator));
    setField(QStringLiteral("dropDuplicates"), spec.dropDuplicates);
    m_data->setOverrides(QString::fromStdString(spec.format), QString::fromStdString(spec.encoding),
                         QString::fromStdString(spec.textColumn),
                         QString::fromStdString(spec.labelColumn),
                         QString::fromStdString(spec.delimiter));
    m_layers->setPlan(spec.freeze);
    m_layers->setLora(spec.lora);
    m_hyper->load(spec);
}

bool NewRunWizard::useStarterAssets()
{
    if (!field(QStringLiteral("modelDir")).toString().isEmpty() ||
        !field(QStringLiteral("trainFile")).toString().isEmpty())
        return false;
    const StarterAssets starter = locateStarterAssets();
    if (!starter.sampleReady)
        return false;
    // The sample task is English: the real pretrained default when it is in the Hugging Face
    // cache, else the bilingual starter model.
    std::string model =
        installedWheelModel(defaultEnglishWheelModel(), hubSettingsFromEnvironment().cacheRoot);
    if (model.empty() && starter.modelReady)
        model = starter.modelDir;
    if (model.empty())
        return false;
    setField(QStringLiteral("task"),
             QString::fromUtf8(taskInfo(Task::SequenceClassification).name));
    setField(QStringLiteral("domain"), QStringLiteral("legal"));
    setField(QStringLiteral("modelDir"), QString::fromStdString(model));
    setField(QStringLiteral("trainFile"), QString::fromStdString(starter.sampleTaskFile));
    return true;
}

void NewRunWizard::accept()
{
    const TrainSpec run = spec();
    try {
        run.validate();
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("New run"),
                             tr("This run cannot start: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    const QDir output(QString::fromStdString(run.outputDir));
    if (output.exists() && !output.isEmpty() &&
        QMessageBox::question(this, tr("New run"),
                              tr("The output folder %1 already holds files (an earlier run?). "
                                 "Its model and checkpoints would be replaced. Continue?")
                                  .arg(output.path()),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    WizardModelPage::rememberFolder(QString::fromStdString(run.modelDir));
    emit runRequested(run);
    m_hyper->renewRunName(); // The next run must not write into this one's folder.
    QWizard::accept();
}

} // namespace domaintune::ui
