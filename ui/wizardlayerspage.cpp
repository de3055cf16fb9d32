#include "ui/wizardlayerspage.h"

#include "core/common/error.h"
#include "core/data/datapreview.h"
#include "core/model/loratargets.h"
#include "core/train/memoryestimate.h"
#include "core/train/task.h"
#include "ui/newrunwizard.h"
#include "ui/wizarddatapage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

const QString customPreset = QStringLiteral("custom");

std::vector<std::string> groupNames(const ModelSummary& summary)
{
    std::vector<std::string> names;
    for (const GroupSummary& group : summary.groups)
        names.push_back(group.name.toStdString());
    return names;
}

// The head's parameters for the labels the data has: the model was summarised with the head
// its config names (often 2 labels); each label more or fewer is one output row of the last
// linear layer (hidden size weights, and a bias except GPT-2's sequence score).
qint64 headParameters(const NewRunWizard* owner, qint64 loaded)
{
    const ModelSummary& summary = owner->modelSummary();
    const TaskInfo* task = findTask(owner->field(QStringLiteral("task")).toString().toStdString());
    const DataPreview* preview = owner->dataPage()->preview();
    if (!task || !task->labelled() || !preview || summary.headLabels <= 0)
        return loaded;
    const auto& stats = preview->statistics;
    const auto labels = static_cast<qint64>(
        task->data == TaskData::TaggedWords ? stats.tags.size() : stats.labels.size());
    if (labels <= 0)
        return loaded;
    const bool scoreWithoutBias = summary.decoder && task->data != TaskData::TaggedWords;
    const qint64 perLabel = summary.hiddenSize + (scoreWithoutBias ? 0 : 1);
    return std::max<qint64>(0, loaded + (labels - summary.headLabels) * perLabel);
}

} // namespace

WizardLayersPage::WizardLayersPage(QWidget* parent) : QWizardPage(parent)
{
    setTitle(tr("Layers"));
    setSubTitle(tr("Checked groups train; the others stay frozen. Training only the top costs "
                   "less memory and time and keeps more of what the model knows."));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* presetRow = new QHBoxLayout;
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->addItem(tr("All layers"), QStringLiteral("all"));
    m_preset->addItem(tr("Head only"), QStringLiteral("head-only"));
    m_preset->addItem(tr("Head and top layers"), QStringLiteral("top-k"));
    m_preset->addItem(tr("Custom"), customPreset);
    m_topK = new QSpinBox(this);
    m_topK->setObjectName(QStringLiteral("topK"));
    m_topK->setRange(1, 128);
    m_topK->setValue(2);
    m_topK->setPrefix(tr("top "));
    presetRow->addWidget(m_preset);
    presetRow->addWidget(m_topK);
    presetRow->addStretch();
    auto* presetLabel = new QLabel(tr("&Preset:"), this);
    presetLabel->setBuddy(
        m_preset); // A row layout gets no buddy of its own; the mnemonic needs one.
    form->addRow(presetLabel, presetRow);
    m_gradual = new QCheckBox(tr("Unfreeze one more group from the top each epoch"), this);
    m_gradual->setObjectName(QStringLiteral("gradual"));
    form->addRow(tr("Gradual unfreezing:"), m_gradual);
    m_decay = new QDoubleSpinBox(this);
    m_decay->setObjectName(QStringLiteral("layerDecay"));
    m_decay->setRange(0.1, 1.0);
    m_decay->setSingleStep(0.05);
    m_decay->setValue(1.0);
    m_decay->setToolTip(tr("Each group below the head learns this factor more slowly than the "
                           "one above it; 1 turns it off (0.8–0.95 is common)."));
    form->addRow(tr("Layer-wise LR &decay:"), m_decay);
    layout->addLayout(form);

    // LoRA: small adapters learn beside the fixed backbone (PEFT's method and file format).
    m_lora = new QGroupBox(tr("Train &LoRA adapters instead of the layers"), this);
    m_lora->setObjectName(QStringLiteral("lora"));
    m_lora->setCheckable(true);
    m_lora->setChecked(false);
    m_lora->setToolTip(tr("The backbone stays as it is; low-rank adapters on the attention "
                          "projections and the head learn. Less memory, a small model file "
                          "(PEFT's format), merged into full weights on export."));
    auto* loraForm = new QFormLayout(m_lora);
    m_loraRank = new QSpinBox(m_lora);
    m_loraRank->setObjectName(QStringLiteral("loraRank"));
    m_loraRank->setRange(1, 256);
    m_loraRank->setValue(8);
    loraForm->addRow(tr("Ran&k:"), m_loraRank);
    m_loraAlpha = new QDoubleSpinBox(m_lora);
    m_loraAlpha->setObjectName(QStringLiteral("loraAlpha"));
    m_loraAlpha->setRange(0.5, 1024);
    m_loraAlpha->setValue(16);
    m_loraAlpha->setToolTip(tr("The adapters' output is scaled by alpha / rank."));
    loraForm->addRow(tr("&Alpha:"), m_loraAlpha);
    m_loraDropout = new QDoubleSpinBox(m_lora);
    m_loraDropout->setObjectName(QStringLiteral("loraDropout"));
    m_loraDropout->setRange(0.0, 0.9);
    m_loraDropout->setSingleStep(0.05);
    m_loraDropout->setValue(0.0);
    m_loraDropout->setToolTip(tr("Dropout on the adapters' input while training (PEFT's "
                                 "lora_dropout; 0.05–0.1 is common)."));
    loraForm->addRow(tr("Dr&opout:"), m_loraDropout);
    m_rsLora = new QCheckBox(tr("Scale by alpha / √rank (rsLoRA), for high ranks"), m_lora);
    m_rsLora->setObjectName(QStringLiteral("rsLora"));
    loraForm->addRow(QString(), m_rsLora);
    m_loraTargetBox = new QWidget(m_lora);
    m_loraTargetBox->setObjectName(QStringLiteral("loraTargets"));
    auto* targets = new QHBoxLayout(m_loraTargetBox);
    targets->setContentsMargins(0, 0, 0, 0);
    m_loraTargetBox->setToolTip(tr("The projections that get adapters, by name in every layer. "
                                   "Checked by default: PEFT's default for this kind of model."));
    loraForm->addRow(tr("Adapt:"), m_loraTargetBox);
    layout->addWidget(m_lora);
    connect(m_lora, &QGroupBox::toggled, this, [this] { updateSummary(); });
    connect(m_loraRank, &QSpinBox::valueChanged, this, [this] { updateSummary(); });

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("groups"));
    m_tree->setHeaderLabels({tr("Group"), tr("Parameters")});
    m_tree->setRootIsDecorated(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    layout->addWidget(m_tree, 1);
    m_trainable = new QLabel(this);
    m_trainable->setObjectName(QStringLiteral("trainable"));
    m_memory = new QLabel(this);
    m_memory->setObjectName(QStringLiteral("memory"));
    m_memory->setWordWrap(true);
    layout->addWidget(m_trainable);
    layout->addWidget(m_memory);

    registerField(QStringLiteral("gradualUnfreezing"), m_gradual);
    registerField(QStringLiteral("layerDecay"), m_decay, "value", SIGNAL(valueChanged(double)));
    connect(m_preset, &QComboBox::currentIndexChanged, this, &WizardLayersPage::applyPreset);
    connect(m_topK, &QSpinBox::valueChanged, this, &WizardLayersPage::applyPreset);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(m_preset->findData(customPreset));
        m_topK->setEnabled(false);
        updateSummary();
    });
}

void WizardLayersPage::initializePage()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    if (owner && owner->modelSummary().folder != m_shownModel)
        fillGroups();
    else if (owner)
        for (const GroupSummary& group : owner->modelSummary().groups)
            if (QTreeWidgetItem* row = item(group.name);
                row && group.name == QLatin1String("head")) {
                const qint64 parameters = headParameters(owner, group.parameters);
                row->setText(1, formatCount(parameters));
                row->setData(1, Qt::UserRole, parameters);
            }
    if (m_hasPending) {
        m_hasPending = false;
        setPlan(m_pending);
    }
    updateSummary();
}

void WizardLayersPage::fillGroups()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    const ModelSummary& summary = owner->modelSummary();
    m_shownModel = summary.folder;
    m_updating = true;
    m_tree->clear();
    for (GroupSummary group : summary.groups) {
        if (group.name == QLatin1String("head"))
            group.parameters = headParameters(owner, group.parameters);
        auto* row = new QTreeWidgetItem(m_tree, {group.name, formatCount(group.parameters)});
        row->setFlags(row->flags() | Qt::ItemIsUserCheckable);
        row->setCheckState(0, Qt::Checked);
        row->setData(1, Qt::UserRole, group.parameters);
        row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_topK->setMaximum(std::max<int>(1, int(summary.layers)));
    m_updating = false;
    fillLoraTargets();
    applyPreset();
}

void WizardLayersPage::fillLoraTargets()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    qDeleteAll(m_loraTargets);
    m_loraTargets.clear();
    if (!owner)
        return;
    const ModelSummary& summary = owner->modelSummary();
    const std::vector<std::string>& wanted =
        m_wantedTargets.empty() ? summary.defaultLoraTargets : m_wantedTargets;
    for (const std::string& name : loraTargetNames(summary.projections)) {
        auto* box = new QCheckBox(QString::fromStdString(name), m_loraTargetBox);
        box->setObjectName(QStringLiteral("loraTarget_") + QString::fromStdString(name));
        box->setChecked(std::find(wanted.begin(), wanted.end(), name) != wanted.end());
        m_loraTargetBox->layout()->addWidget(box);
        m_loraTargets << box;
        connect(box, &QCheckBox::toggled, this, [this, box](bool on) {
            if (!on && checkedTargets().empty()) {
                box->setChecked(true); // LoRA needs at least one projection to adapt
                return;
            }
            updateSummary();
        });
    }
}

std::vector<std::string> WizardLayersPage::checkedTargets() const
{
    std::vector<std::string> names;
    for (const QCheckBox* box : m_loraTargets)
        if (box->isChecked())
            names.push_back(box->text().toStdString());
    return names;
}

void WizardLayersPage::applyPreset()
{
    const QString preset = m_preset->currentData().toString();
    m_topK->setEnabled(preset == QLatin1String("top-k"));
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    if (preset == customPreset || !owner || owner->modelSummary().groups.isEmpty()) {
        updateSummary();
        return;
    }
    FreezePlan plan;
    plan.preset = preset.toStdString();
    plan.topK = m_topK->value();
    std::vector<bool> trains;
    try {
        trains = FreezeSchedule(plan, groupNames(owner->modelSummary())).trainable(0);
    } catch (const Error&) {
        return; // A model without "head" cannot take a head-only preset; the tree stays.
    }
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount() && i < int(trains.size()); ++i)
        m_tree->topLevelItem(i)->setCheckState(0, trains[std::size_t(i)] ? Qt::Checked
                                                                         : Qt::Unchecked);
    m_updating = false;
    updateSummary();
}

void WizardLayersPage::updateSummary()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    if (!owner)
        return;
    const ModelSummary& summary = owner->modelSummary();
    MemoryEstimateInput input;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* row = m_tree->topLevelItem(i);
        input.groupParameters.push_back(row->data(1, Qt::UserRole).toLongLong());
        input.groupTrains.push_back(row->checkState(0) == Qt::Checked);
    }
    input.layers = summary.layers;
    input.hiddenSize = summary.hiddenSize;
    input.heads = summary.heads;
    input.batchSize = std::max(1, field(QStringLiteral("batchSize")).toInt());
    input.sequenceLength = std::max(8, field(QStringLiteral("maxLength")).toInt());
    input.bytesPerValue = field(QStringLiteral("bf16")).toBool() ? 2 : 4;
    if (m_lora->isChecked())
        input.adapterParameters =
            loraParameterCount(summary.projections, checkedTargets(), m_loraRank->value());
    const MemoryEstimate estimate = estimateTrainingMemory(input);
    const double share =
        estimate.totalParameters > 0
            ? 100.0 * double(estimate.trainableParameters) / double(estimate.totalParameters)
            : 0.0;
    m_trainable->setText(
        tr("Trainable: %1 of %2 parameters (%3 %)")
            .arg(formatCount(estimate.trainableParameters), formatCount(estimate.totalParameters))
            .arg(share, 0, 'f', 1));
    m_memory->setText(tr("Estimated training memory: about %1 (weights %2, gradients and "
                         "optimiser %3, activations %4 at batch %5 × %6 tokens).")
                          .arg(formatBytes(estimate.total()), formatBytes(estimate.weights),
                               formatBytes(estimate.gradients + estimate.optimizer),
                               formatBytes(estimate.activations))
                          .arg(input.batchSize)
                          .arg(input.sequenceLength));
    setProperty("trainableParameters", qlonglong(estimate.trainableParameters));
}

LoraSettings WizardLayersPage::lora() const
{
    LoraSettings lora;
    if (m_lora->isChecked()) {
        lora.rank = m_loraRank->value();
        lora.alpha = m_loraAlpha->value();
        lora.dropout = m_loraDropout->value();
        lora.rsLora = m_rsLora->isChecked();
        lora.targets = m_loraTargets.isEmpty() ? m_wantedTargets : checkedTargets();
    }
    return lora;
}

void WizardLayersPage::setLora(const LoraSettings& lora)
{
    m_lora->setChecked(lora.enabled());
    if (lora.enabled()) {
        m_loraRank->setValue(static_cast<int>(lora.rank));
        m_loraAlpha->setValue(lora.alpha);
        m_loraDropout->setValue(lora.dropout);
        m_rsLora->setChecked(lora.rsLora);
        m_wantedTargets = lora.targets;
        for (QCheckBox* box : m_loraTargets) {
            const QSignalBlocker blocker(box);
            const std::string name = box->text().toStdString();
            box->setChecked(lora.targets.empty()
                                ? false
                                : std::find(lora.targets.begin(), lora.targets.end(), name) !=
                                      lora.targets.end());
        }
        if (!m_loraTargets.isEmpty() && (lora.targets.empty() || checkedTargets().empty()))
            fillLoraTargets(); // the family default
    }
}

FreezePlan WizardLayersPage::plan() const
{
    FreezePlan plan;
    const QString preset = m_preset->currentData().toString();
    if (preset == customPreset) {
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
            if (m_tree->topLevelItem(i)->checkState(0) != Qt::Checked)
                plan.frozenGroups.push_back(m_tree->topLevelItem(i)->text(0).toStdString());
    } else {
        plan.preset = preset.toStdString();
    }
    plan.topK = m_topK->value();
    plan.gradualUnfreezing = m_gradual->isChecked();
    plan.layerDecay = m_decay->value();
    return plan;
}

void WizardLayersPage::setPlan(const FreezePlan& plan)
{
    m_gradual->setChecked(plan.gradualUnfreezing);
    m_decay->setValue(plan.layerDecay);
    m_topK->setValue(plan.topK);
    if (plan.frozenGroups.empty()) {
        m_preset->setCurrentIndex(
            std::max(0, m_preset->findData(QString::fromStdString(plan.preset))));
        applyPreset();
        return;
    }
    if (m_tree->topLevelItemCount() == 0) { // The groups come with the model; apply then.
        m_pending = plan;
        m_hasPending = true;
        return;
    }
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* row = m_tree->topLevelItem(i);
        const bool frozen = std::find(plan.frozenGroups.begin(), plan.frozenGroups.end(),
                                      row->text(0).toStdString()) != plan.frozenGroups.end();
        row->setCheckState(0, frozen ? Qt::Unchecked : Qt::Checked);
    }
    m_updating = false;
    const QSignalBlocker blocker(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(customPreset));
    updateSummary();
}

QTreeWidgetItem* WizardLayersPage::item(const QString& name) const
{
    const auto found = m_tree->findItems(name, Qt::MatchExactly, 0);
    return found.isEmpty() ? nullptr : found.front();
}

bool WizardLayersPage::isTraining(const QString& name) const
{
    const QTreeWidgetItem* row = item(name);
    return row && row->checkState(0) == Qt::Checked;
}

void WizardLayersPage::setTraining(const QString& name, bool trains)
{
    if (QTreeWidgetItem* row = item(name))
        row->setCheckState(0, trains ? Qt::Checked : Qt::Unchecked);
}

QString WizardLayersPage::trainableText() const
{
    return m_trainable->text();
}

QString WizardLayersPage::memoryText() const
{
    return m_memory->text();
}

} // namespace domaintune::ui
