#include "ui/wizardhyperpage.h"

#include "core/common/systeminfo.h"
#include "core/data/datapreview.h"
#include "core/train/task.h"
#include "ui/newrunwizard.h"
#include "ui/settingspage.h"
#include "ui/wizarddatapage.h"
#include "ui/wizardlayerspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <vector>

namespace domaintune::ui {
namespace {

/** Fewer examples than this in the median class: the wizard proposes few-shot training. */
constexpr std::size_t kFewShotExamples = 32;
/** The pairs of each kind per example a few-shot run from the wizard trains on. */
constexpr std::int64_t kFewShotPairIterations = 20;

QSpinBox* spin(QWidget* parent, const QString& name, int low, int high, int value)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(low, high);
    box->setValue(value);
    return box;
}

QDoubleSpinBox* doubleSpin(QWidget* parent, const QString& name, double low, double high,
                           double step, double value)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(low, high);
    box->setSingleStep(step);
    box->setDecimals(3);
    box->setValue(value);
    return box;
}

/** Returns whether most sampled characters of the data page's preview are CJK ideographs. */
bool dataIsMostlyChinese(const NewRunWizard* owner)
{
    const DataPreview* preview = owner->dataPage()->preview();
    if (!preview)
        return false;
    qsizetype cjk = 0, letters = 0;
    for (const Example& example : preview->sample) {
        for (const QChar c : QString::fromStdString(example.text)) {
            if (!c.isLetter())
                continue;
            ++letters;
            cjk += c.script() == QChar::Script_Han;
        }
    }
    return letters > 0 && cjk * 2 > letters;
}

bool isLanguageModelling(const QString& task)
{
    const TaskInfo* info = findTask(task.toStdString());
    return info && info->languageModelling();
}

bool hasWholeWordMasking(const QString& task)
{
    const TaskInfo* info = findTask(task.toStdString());
    return info && info->wholeWordMasking;
}

bool hasClassWeights(const QString& task)
{
    const TaskInfo* info = findTask(task.toStdString());
    return info && info->classWeights;
}

} // namespace

WizardHyperPage::WizardHyperPage(QWidget* parent) : QWizardPage(parent)
{
    setTitle(tr("Hyper-parameters"));
    setSubTitle(tr("Defaults follow the task, the model's size and the layers that train. "
                   "Hover over a setting for advice."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildBasic());
    m_fold = new QToolButton(this);
    m_fold->setObjectName(QStringLiteral("advancedToggle"));
    m_fold->setText(tr("Advanced settings"));
    m_fold->setCheckable(true);
    m_fold->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_fold->setArrowType(Qt::RightArrow);
    layout->addWidget(m_fold);
    m_advanced = buildAdvanced();
    m_advanced->setVisible(false);
    layout->addWidget(m_advanced);
    auto* search = new QPushButton(tr("Search for good settings…"), this);
    search->setObjectName(QStringLiteral("searchButton"));
    search->setToolTip(tr("Not sure about the learning rate or the batch size? Train several "
                          "trials with other settings, stop the weak ones early, keep the "
                          "best."));
    connect(search, &QPushButton::clicked, this, &WizardHyperPage::searchRequested);
    auto* searchRow = new QHBoxLayout;
    searchRow->addStretch();
    searchRow->addWidget(search);
    layout->addLayout(searchRow);
    layout->addStretch();
    connect(m_fold, &QToolButton::toggled, this, [this](bool open) {
        m_advanced->setVisible(open);
        m_fold->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });

    registerField(QStringLiteral("runName*"), m_name);
    registerField(QStringLiteral("outputDir*"), m_output);
    registerField(QStringLiteral("epochs"), m_epochs);
    registerField(QStringLiteral("learningRate*"), m_learningRate);
    registerField(QStringLiteral("batchSize"), m_batch);
    registerField(QStringLiteral("warmupRatio"), m_warmup, "value", SIGNAL(valueChanged(double)));
    registerField(QStringLiteral("schedule"), m_schedule, "currentText",
                  SIGNAL(currentTextChanged(QString)));
    registerField(QStringLiteral("weightDecay"), m_weightDecay, "value",
                  SIGNAL(valueChanged(double)));
    registerField(QStringLiteral("gradientAccumulation"), m_accumulation);
    registerField(QStringLiteral("maxGradNorm"), m_clip, "value", SIGNAL(valueChanged(double)));
    registerField(QStringLiteral("seed"), m_seed);
    registerField(QStringLiteral("evalSteps"), m_evalSteps);
    registerField(QStringLiteral("earlyStopping"), m_patience);
    registerField(QStringLiteral("maxSteps"), m_maxSteps);
    registerField(QStringLiteral("classWeights"), m_classWeights);
    registerField(QStringLiteral("groupByLength"), m_groupByLength);
    registerField(QStringLiteral("bf16"), m_bf16);
    registerField(QStringLiteral("threads"), m_threads);
    registerField(QStringLiteral("wholeWordMasking"), m_wholeWord);
    connect(m_learningRate, &QLineEdit::textChanged, this, &WizardHyperPage::completeChanged);
}

QWidget* WizardHyperPage::buildBasic()
{
    auto* box = new QWidget(this);
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("runName"));
    // A name the user types is theirs: no new defaults or domain replace it.
    connect(m_name, &QLineEdit::textEdited, this,
            [this] { m_name->setProperty("generated", false); });
    form->addRow(tr("Run na&me:"), m_name);
    m_output = new QLineEdit(box);
    m_output->setObjectName(QStringLiteral("outputDir"));
    m_output->setToolTip(tr("The fine-tuned model, checkpoints and the best model go here."));
    form->addRow(tr("&Output folder:"), m_output);
    m_epochs = spin(box, QStringLiteral("epochs"), 1, 1000, 3);
    m_epochs->setToolTip(tr("Passes over the training data. Small data sets need more (5–10); "
                            "large ones 1–3."));
    form->addRow(tr("&Epochs:"), m_epochs);
    m_learningRate = new QLineEdit(box);
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    auto* validator = new QDoubleValidator(1e-8, 0.999, 10, m_learningRate);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(QLocale::c());
    m_learningRate->setValidator(validator);
    m_learningRate->setToolTip(tr("2e-5 to 5e-5 when all layers train; 1e-3 when only the head "
                                  "does. Too high makes the loss jump or diverge."));
    form->addRow(tr("&Learning rate:"), m_learningRate);
    m_batch = spin(box, QStringLiteral("batchSize"), 1, 4096, 16);
    m_batch->setToolTip(tr("Examples per step. Lower it when memory runs out; raise gradient "
                           "accumulation to keep the effective batch."));
    form->addRow(tr("Batch si&ze:"), m_batch);
    m_warmup = doubleSpin(box, QStringLiteral("warmupRatio"), 0, 0.5, 0.01, 0.06);
    m_warmup->setToolTip(tr("Share of the steps during which the learning rate rises from 0."));
    form->addRow(tr("&Warm-up share:"), m_warmup);
    m_schedule = new QComboBox(box);
    m_schedule->setObjectName(QStringLiteral("schedule"));
    m_schedule->addItems(
        {QStringLiteral("linear"), QStringLiteral("cosine"), QStringLiteral("constant")});
    m_schedule->setToolTip(tr("How the learning rate decays after warm-up."));
    form->addRow(tr("&Schedule:"), m_schedule);
    m_fewShot = new QCheckBox(tr("Few-shot &training (SetFit): learn from pairs of examples, then "
                                 "fit a logistic-regression head"),
                              box);
    m_fewShot->setObjectName(QStringLiteral("fewShot"));
    m_fewShot->setToolTip(
        tr("For classes with a handful to a few dozen labelled examples. The encoder learns "
           "that texts of one class belong together and texts of different classes apart; a "
           "simple classifier is then fitted on its sentence embeddings. Works best with "
           "sentence-transformers models such as all-MiniLM-L6-v2."));
    form->addRow(tr("Method:"), m_fewShot);
    m_fewShotNote = new QLabel(box);
    m_fewShotNote->setObjectName(QStringLiteral("fewShotNote"));
    m_fewShotNote->setWordWrap(true);
    form->addRow(m_fewShotNote);
    m_defaultsNote = new QLabel(box);
    m_defaultsNote->setObjectName(QStringLiteral("defaultsNote"));
    m_defaultsNote->setWordWrap(true);
    form->addRow(m_defaultsNote);
    // What the user sets stays theirs when new defaults come (another layer plan, say).
    const auto mark = [this](QObject* field) {
        if (!m_applying)
            m_userSet.insert(field);
    };
    connect(m_learningRate, &QLineEdit::textEdited, this, [=] { mark(m_learningRate); });
    connect(m_epochs, &QSpinBox::valueChanged, this, [=] { mark(m_epochs); });
    connect(m_batch, &QSpinBox::valueChanged, this, [=] { mark(m_batch); });
    connect(m_warmup, &QDoubleSpinBox::valueChanged, this, [=] { mark(m_warmup); });
    connect(m_fewShot, &QCheckBox::toggled, this, [=] {
        mark(m_fewShot);
        if (!m_applying)
            offerBasicDefaults(); // few-shot has its own epochs, learning rate and warm-up
    });
    return box;
}

QWidget* WizardHyperPage::buildAdvanced()
{
    auto* box = new QWidget(this);
    auto* form = new QFormLayout(box);
    m_weightDecay = doubleSpin(box, QStringLiteral("weightDecay"), 0, 0.5, 0.01, 0.01);
    m_weightDecay->setToolTip(tr("AdamW's decoupled weight decay (not applied to biases and "
                                 "LayerNorm)."));
    form->addRow(tr("Weight decay:"), m_weightDecay);
    m_accumulation = spin(box, QStringLiteral("gradientAccumulation"), 1, 1024, 1);
    form->addRow(tr("Gradient accumulation:"), m_accumulation);
    m_clip = doubleSpin(box, QStringLiteral("maxGradNorm"), 0, 100, 0.5, 1.0);
    m_clip->setToolTip(tr("Clip the gradient norm to this value; 0 turns clipping off."));
    form->addRow(tr("Gradient clipping:"), m_clip);
    m_seed = spin(box, QStringLiteral("seed"), 0, 2147483647, 42);
    m_seed->setToolTip(tr("The same seed, data and threads give the same run, bit for bit."));
    form->addRow(tr("Seed:"), m_seed);
    m_evalSteps = spin(box, QStringLiteral("evalSteps"), 0, 1000000, 0);
    m_evalSteps->setSpecialValueText(tr("each epoch"));
    form->addRow(tr("Evaluate every N steps:"), m_evalSteps);
    m_checkpointMinutes = spin(box, QStringLiteral("checkpointMinutes"), 0, 1440, 10);
    m_checkpointMinutes->setSpecialValueText(tr("only each epoch"));
    m_checkpointMinutes->setSuffix(tr(" min"));
    m_checkpointMinutes->setToolTip(tr("Also save a checkpoint every this many minutes, so that a "
                                       "crash or a power cut loses at most that much of a long "
                                       "epoch."));
    form->addRow(tr("Checkpoint every:"), m_checkpointMinutes);
    m_patience = spin(box, QStringLiteral("earlyStopping"), 0, 1000, 0);
    m_patience->setSpecialValueText(tr("off"));
    m_patience->setToolTip(tr("Stop after this many evaluations without improvement."));
    form->addRow(tr("Early stopping patience:"), m_patience);
    m_maxSteps = spin(box, QStringLiteral("maxSteps"), 0, 10000000, 0);
    m_maxSteps->setSpecialValueText(tr("no limit"));
    form->addRow(tr("Stop after N steps:"), m_maxSteps);
    m_classWeights = new QCheckBox(tr("Weight classes by inverse frequency"), box);
    m_classWeights->setObjectName(QStringLiteral("classWeights"));
    form->addRow(tr("Imbalance:"), m_classWeights);
    m_groupByLength = new QCheckBox(tr("Group similar lengths into batches (less padding)"), box);
    m_groupByLength->setObjectName(QStringLiteral("groupByLength"));
    m_groupByLength->setChecked(true);
    m_pack = new QCheckBox(tr("Pack several short texts into each row (less padding still; "
                              "classification and masked LM with BERT-family models)"),
                           box);
    m_pack->setObjectName(QStringLiteral("packSequences"));
    auto* batching = new QVBoxLayout;
    batching->setContentsMargins(0, 0, 0, 0);
    batching->addWidget(m_groupByLength);
    batching->addWidget(m_pack);
    form->addRow(tr("Batching:"), batching);
    m_wholeWord = new QCheckBox(tr("Mask whole words (recommended for Chinese text)"), box);
    m_wholeWord->setObjectName(QStringLiteral("wholeWordMasking"));
    form->addRow(tr("Masked LM:"), m_wholeWord);
    m_bf16 = new QCheckBox(tr("bf16 mixed precision (CPUs with AMX/AVX-512 BF16, or CUDA)"), box);
    m_bf16->setObjectName(QStringLiteral("bf16"));
    m_fp16 = new QCheckBox(tr("fp16 mixed precision with loss scaling (CUDA GPUs only)"), box);
    m_fp16->setObjectName(QStringLiteral("fp16"));
    const SystemInfo system = collectSystemInfo();
    if (!system.cudaAvailable) {
        m_fp16->setEnabled(false);
        m_fp16->setToolTip(tr("No CUDA GPU is usable on this computer."));
        // bf16 on a CPU pays only where the CPU computes it natively.
        if (!system.cpu.nativeBf16()) {
            m_bf16->setEnabled(false);
            m_bf16->setToolTip(tr("This processor has neither AVX-512 BF16 nor AMX, and there "
                                  "is no CUDA GPU: bf16 would be emulated, slower than full "
                                  "precision."));
        } else {
            m_bf16->setToolTip(tr("This processor computes bf16 natively (AVX-512 BF16 or "
                                  "AMX). See the System page."));
        }
    }
    // One precision at a time.
    connect(m_bf16, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_fp16->setChecked(false);
    });
    connect(m_fp16, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_bf16->setChecked(false);
    });
    auto* precision = new QVBoxLayout;
    precision->setContentsMargins(0, 0, 0, 0);
    precision->addWidget(m_bf16);
    precision->addWidget(m_fp16);
    form->addRow(tr("Precision:"), precision);
    m_device = new QComboBox(box);
    m_device->setObjectName(QStringLiteral("device"));
    m_device->addItem(tr("automatic (GPU when available)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    form->addRow(tr("Device:"), m_device);
    m_threads = spin(box, QStringLiteral("threads"), 0, 256, 0);
    m_threads->setSpecialValueText(tr("automatic"));
    form->addRow(tr("CPU threads:"), m_threads);
    m_processes =
        spin(box, QStringLiteral("processes"), 1, std::max(1, QThread::idealThreadCount()), 1);
    m_processes->setToolTip(
        tr("Data-parallel: each process trains on its share of every batch, so the global batch "
           "is the batch size × processes × gradient accumulation, and the cores are shared "
           "out between them. Few-shot runs use one process."));
    form->addRow(tr("Processes on this machine:"), m_processes);
    return box;
}

double WizardHyperPage::defaultLearningRate(const QString& task, qint64 trainableParameters,
                                            bool headOnly)
{
    if (headOnly)
        return 1e-3;
    if (isLanguageModelling(task))
        return trainableParameters > 200'000'000 ? 2e-5 : 5e-5;
    // Small encoders (bert-mini, the starter, all-MiniLM-L6-v2 at 22.7 M) want more than
    // base-size ones: MiniLM on the sample task by licence (its labels before the families)
    // reached macro-F1 0.43 after two epochs at 1e-4 and 0.19 at 3e-5 (scripts/screenshots.sh's
    // two compared runs, 2026-12-07); by family the four default epochs end at 0.90
    // (bench/firstrun.sh).
    if (trainableParameters < 30'000'000)
        return 1e-4;
    if (trainableParameters < 200'000'000)
        return 3e-5;
    return 1e-5;
}

void WizardHyperPage::initializePage()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    const FreezePlan plan = owner->layersPage()->plan();
    const QString task = field(QStringLiteral("task")).toString();
    const QString key =
        QStringList{task, owner->modelSummary().folder, QString::fromStdString(plan.preset),
                    QString::number(plan.frozenGroups.size())}
            .join(QLatin1Char('\n'));
    if (m_defaultsKey == QLatin1String("loaded")) {
        m_defaultsKey = key; // A loaded spec's values stay until the task or model changes.
        return;
    }
    // New defaults once: for a new task, model or plan, or when few-shot was just (un)ticked.
    const bool methodChanged = updateFewShot();
    if (key != m_defaultsKey) {
        m_defaultsKey = key;
        applyDefaults();
    } else if (methodChanged) {
        offerBasicDefaults();
    }
    // A generated name follows the domain and task (a name the user typed stays).
    const QString namedFor = field(QStringLiteral("domain")).toString() + QLatin1Char('-') + task;
    if (namedFor != m_namedFor)
        renewRunName();
}

void WizardHyperPage::renewRunName()
{
    if (!m_name->text().isEmpty() && !m_name->property("generated").toBool())
        return;
    const QString base =
        QStringLiteral("%1-%2-%3")
            .arg(field(QStringLiteral("domain")).toString(),
                 field(QStringLiteral("task")).toString(),
                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    QString name = base;
    const QString runs = SettingsPage::dataLocation() + QStringLiteral("/runs/");
    // The run just started has not made its folder yet: never hand out its name again.
    for (int n = 2; QFileInfo::exists(runs + name) || name == m_name->text(); ++n)
        name = base + QLatin1Char('-') + QString::number(n);
    m_name->setText(name);
    m_name->setProperty("generated", true);
    m_namedFor = field(QStringLiteral("domain")).toString() + QLatin1Char('-') +
                 field(QStringLiteral("task")).toString();
    m_output->setText(QDir::toNativeSeparators(runs + name));
}

bool WizardHyperPage::updateFewShot()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    const QString task = field(QStringLiteral("task")).toString();
    // The typical (median) class decides: a few rare classes in a large data set call for
    // class weights, not for few-shot training (whose pairs grow with the data set).
    const DataPreview* preview = owner->dataPage()->preview();
    std::size_t typical = 0;
    if (preview != nullptr && !preview->statistics.labels.empty()) {
        std::vector<std::size_t> counts;
        for (const auto& [label, count] : preview->statistics.labels)
            counts.push_back(count);
        std::sort(counts.begin(), counts.end());
        typical = counts[counts.size() / 2];
    }
    QString why;
    if (task != QLatin1String("seq-cls"))
        why = tr("Few-shot training is for text classification (one label per text).");
    else if (owner->layersPage()->lora().enabled())
        why = tr("Few-shot training tunes the whole encoder: turn LoRA off on the Layers page "
                 "to use it.");
    else if (owner->layersPage()->plan().preset == "head-only")
        why = tr("Few-shot training tunes the encoder: let more than the head train on the "
                 "Layers page to use it.");
    const bool possible = why.isEmpty();
    const bool before = m_fewShot->isChecked() && m_fewShot->isEnabled();
    m_applying = true;
    m_fewShot->setEnabled(possible);
    if (!possible)
        m_fewShot->setChecked(false);
    else if (!m_userSet.contains(m_fewShot) && typical > 0)
        m_fewShot->setChecked(typical < kFewShotExamples);
    m_applying = false;
    if (!possible)
        m_fewShotNote->setText(why);
    else if (typical > 0 && typical < kFewShotExamples)
        m_fewShotNote->setText(
            tr("A typical class has %n example(s): with so few labels, few-shot training "
               "usually beats standard fine-tuning.",
               nullptr, int(typical)));
    else if (typical > 0)
        m_fewShotNote->setText(tr("A typical class has %n examples: standard fine-tuning "
                                  "usually does as well or better.",
                                  nullptr, int(typical)));
    else
        m_fewShotNote->clear();
    return before != (m_fewShot->isChecked() && m_fewShot->isEnabled());
}

void WizardHyperPage::applyDefaults()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    const QString task = field(QStringLiteral("task")).toString();
    offerBasicDefaults();
    m_wholeWord->setEnabled(hasWholeWordMasking(task));
    m_wholeWord->setChecked(hasWholeWordMasking(task) && dataIsMostlyChinese(owner));
    // The option only has an effect where the task computes class weights.
    m_classWeights->setEnabled(hasClassWeights(task));
    if (!hasClassWeights(task))
        m_classWeights->setChecked(false);
    m_device->setCurrentIndex(std::max(0, m_device->findData(SettingsPage::defaultDevice())));
    m_threads->setValue(SettingsPage::defaultThreads());
    m_processes->setValue(SettingsPage::defaultProcesses());
}

void WizardHyperPage::offerBasicDefaults()
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    const QString task = field(QStringLiteral("task")).toString();
    const FreezePlan plan = owner->layersPage()->plan();
    const qint64 trainable = owner->layersPage()->property("trainableParameters").toLongLong();
    const bool headOnly = plan.preset == "head-only" && plan.frozenGroups.empty();
    // SetFit's own defaults: one epoch of pairs at 2e-5 with 10 % warm-up, 16 pairs a batch.
    const bool fewShot = m_fewShot->isChecked() && m_fewShot->isEnabled();
    m_applying = true;
    QStringList changed, kept;
    const auto offer = [&](QObject* field, const QString& name, const QString& before,
                           const QString& after, const std::function<void()>& set) {
        if (before == after)
            return;
        if (m_userSet.contains(field)) {
            kept << name;
            return;
        }
        set();
        changed << tr("%1 %2 → %3").arg(name, before, after);
    };
    const QString rate =
        QString::number(fewShot ? 2e-5 : defaultLearningRate(task, trainable, headOnly), 'g', 3);
    offer(m_learningRate, tr("learning rate"), m_learningRate->text(), rate,
          [&] { m_learningRate->setText(rate); });
    const int epochs = fewShot || isLanguageModelling(task) ? 1 : (headOnly ? 10 : 4);
    offer(m_epochs, tr("epochs"), QString::number(m_epochs->value()), QString::number(epochs),
          [&] { m_epochs->setValue(epochs); });
    const int batch = isLanguageModelling(task) ? 8 : 16;
    offer(m_batch, tr("batch size"), QString::number(m_batch->value()), QString::number(batch),
          [&] { m_batch->setValue(batch); });
    const double warmup = fewShot ? 0.1 : headOnly ? 0.0 : 0.06;
    offer(m_warmup, tr("warm-up share"), QString::number(m_warmup->value()),
          QString::number(warmup), [&] { m_warmup->setValue(warmup); });
    m_applying = false;
    // The first defaults are no news; later ones say what moved and what stayed the user's.
    if (m_defaultsNote->property("shown").toBool() && (!changed.isEmpty() || !kept.isEmpty()))
        m_defaultsNote->setText(
            (changed.isEmpty() ? QString()
                               : tr("New defaults for this task, model and layers: %1.")
                                     .arg(changed.join(QStringLiteral(", ")))) +
            (kept.isEmpty()
                 ? QString()
                 : QLatin1Char(' ') +
                       tr("Kept as you set them: %1.").arg(kept.join(QStringLiteral(", ")))));
    m_defaultsNote->setProperty("shown", true);
    renewRunName();
}

double WizardHyperPage::learningRate() const
{
    bool ok = false;
    const double value = QLocale::c().toDouble(m_learningRate->text().trimmed(), &ok);
    return ok ? value : 0.0;
}

bool WizardHyperPage::isComplete() const
{
    const double rate = learningRate();
    return QWizardPage::isComplete() && rate > 0 && rate < 1;
}

void WizardHyperPage::apply(TrainSpec& spec) const
{
    spec.name = m_name->text().trimmed().toStdString();
    spec.outputDir = QDir::fromNativeSeparators(m_output->text().trimmed()).toStdString();
    spec.epochs = m_epochs->value();
    spec.learningRate = learningRate();
    spec.batchSize = m_batch->value();
    spec.warmupRatio = m_warmup->value();
    spec.schedule = m_schedule->currentText().toStdString();
    spec.weightDecay = m_weightDecay->value();
    spec.gradientAccumulation = m_accumulation->value();
    spec.maxGradNorm = m_clip->value();
    spec.seed = static_cast<std::uint64_t>(m_seed->value());
    spec.evalSteps = m_evalSteps->value();
    spec.checkpointMinutes = m_checkpointMinutes->value();
    spec.earlyStoppingPatience = m_patience->value();
    spec.maxSteps = m_maxSteps->value() > 0 ? m_maxSteps->value() : -1;
    spec.classWeights = m_classWeights->isChecked();
    spec.groupByLength = m_groupByLength->isChecked();
    spec.packSequences = m_pack->isChecked();
    spec.bf16 = m_bf16->isChecked();
    spec.fp16 = m_fp16->isChecked();
    spec.wholeWordMasking =
        m_wholeWord->isChecked() && hasWholeWordMasking(QString::fromStdString(spec.task));
    spec.device = m_device->currentData().toString().toStdString();
    spec.threads = m_threads->value();
    spec.method = m_fewShot->isChecked() && m_fewShot->isEnabled() ? "setfit" : "fine-tune";
    // SetFit's num_iterations (20 pairs of each kind per example): pairs, and time, grow with
    // the data set instead of with its square as oversampling's do.
    spec.pairIterations = spec.method == "setfit" ? kFewShotPairIterations : 0;
    spec.processes = spec.method == "setfit" ? 1 : m_processes->value();
}

void WizardHyperPage::load(const TrainSpec& spec)
{
    m_name->setText(QString::fromStdString(spec.name));
    m_name->setProperty("generated", false);
    m_output->setText(QDir::toNativeSeparators(QString::fromStdString(spec.outputDir)));
    m_epochs->setValue(int(spec.epochs));
    m_learningRate->setText(QString::number(spec.learningRate, 'g', 6));
    m_userSet.insert(m_learningRate); // a loaded spec's values are the user's
    m_batch->setValue(int(spec.batchSize));
    m_warmup->setValue(spec.warmupRatio);
    m_schedule->setCurrentText(QString::fromStdString(spec.schedule));
    m_weightDecay->setValue(spec.weightDecay);
    m_accumulation->setValue(int(spec.gradientAccumulation));
    m_clip->setValue(spec.maxGradNorm);
    m_seed->setValue(int(spec.seed));
    m_evalSteps->setValue(int(spec.evalSteps));
    m_checkpointMinutes->setValue(int(spec.checkpointMinutes));
    m_patience->setValue(int(spec.earlyStoppingPatience));
    m_maxSteps->setValue(spec.maxSteps > 0 ? int(spec.maxSteps) : 0);
    m_classWeights->setChecked(spec.classWeights);
    m_groupByLength->setChecked(spec.groupByLength);
    m_pack->setChecked(spec.packSequences);
    m_bf16->setChecked(spec.bf16);
    if (spec.bf16) // a re-run of a bf16 run: the choice stays the user's to undo
        m_bf16->setEnabled(true);
    m_fp16->setChecked(spec.fp16);
    m_wholeWord->setChecked(spec.wholeWordMasking);
    m_device->setCurrentIndex(std::max(0, m_device->findData(QString::fromStdString(spec.device))));
    m_threads->setValue(spec.threads);
    m_processes->setValue(spec.processes);
    m_applying = true;
    m_fewShot->setChecked(spec.method == "setfit");
    m_applying = false;
    m_userSet.insert(m_fewShot);
    // The loaded values are the user's: defaults must not replace them on the next visit.
    m_defaultsKey = QStringLiteral("loaded");
}

bool WizardHyperPage::isAdvancedShown() const
{
    return m_fold->isChecked();
}

} // namespace domaintune::ui
