#include "ui/searchdialog.h"

#include "core/common/error.h"
#include "core/train/task.h"
#include "ui/metrictext.h"
#include "ui/studyworker.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace domaintune::ui {
namespace {

enum SpaceColumn
{
    SpaceSetting,
    SpaceScale,
    SpaceFrom,
    SpaceTo,
    SpaceValues,
    SpaceColumns
};

enum TrialColumn
{
    TrialNumber,
    TrialState,
    TrialScore,
    TrialSettings,
    TrialRun,
    TrialColumns
};

constexpr int KeyRole = Qt::UserRole;
constexpr int ScaleRole = Qt::UserRole + 1;

QString scaleTitle(ParameterScale scale)
{
    switch (scale) {
    case ParameterScale::Uniform:
        return SearchDialog::tr("uniform");
    case ParameterScale::LogUniform:
        return SearchDialog::tr("logarithmic");
    case ParameterScale::Integer:
        return SearchDialog::tr("whole numbers");
    case ParameterScale::Choice:
        return SearchDialog::tr("one of");
    }
    return {};
}

QString valueText(const nlohmann::json& value)
{
    if (value.is_number_float()) {
        const double number = value.get<double>();
        return std::abs(number) > 0 && std::abs(number) < 1e-2 ? QString::number(number, 'e', 2)
                                                               : QString::number(number, 'g', 4);
    }
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

QString settingsText(const nlohmann::json& values)
{
    QStringList parts;
    for (const auto& [key, value] : values.items())
        parts << SearchDialog::tr("%1 %2").arg(searchParameterTitle(key), valueText(value));
    return parts.join(QStringLiteral(", "));
}

/** A value typed in the Values column: a number when it reads as one, else a word. */
nlohmann::json parsedValue(const QString& text)
{
    bool isNumber = false;
    const double number = QLocale::c().toDouble(text, &isNumber);
    if (!isNumber)
        return text.toStdString();
    if (std::floor(number) == number && !text.contains(QLatin1Char('.')) &&
        !text.contains(QLatin1Char('e'), Qt::CaseInsensitive))
        return static_cast<std::int64_t>(number);
    return number;
}

QCustomPlot* makePlot(const QString& name)
{
    auto* plot = new QCustomPlot;
    plot->setObjectName(name);
    plot->setMinimumHeight(180);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    // The legend sits under the plot, in a row of its own: inside it covered points.
    plot->axisRect()->insetLayout()->take(plot->legend);
    auto* legendRow = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 0, legendRow);
    legendRow->setMargins(QMargins(5, 0, 5, 4));
    legendRow->addElement(0, 0, plot->legend);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    return plot;
}

QCPGraph* scatterGraph(QCustomPlot* plot, const QString& name, QCPScatterStyle style)
{
    QCPGraph* graph = plot->addGraph();
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(style);
    return graph;
}

} // namespace

QString searchParameterTitle(const std::string& key)
{
    if (key == "learning_rate")
        return SearchDialog::tr("Learning rate");
    if (key == "batch_size")
        return SearchDialog::tr("Batch size");
    if (key == "warmup_ratio")
        return SearchDialog::tr("Warm-up share");
    if (key == "weight_decay")
        return SearchDialog::tr("Weight decay");
    if (key == "epochs")
        return SearchDialog::tr("Epochs");
    if (key == "max_length")
        return SearchDialog::tr("Maximum length");
    if (key == "lora_r")
        return SearchDialog::tr("LoRA rank");
    if (key == "lora_alpha")
        return SearchDialog::tr("LoRA alpha");
    if (key == "freeze.top_k")
        return SearchDialog::tr("Trained top layers");
    if (key == "dropout")
        return SearchDialog::tr("Dropout");
    return QString::fromStdString(key);
}

QString trialStateTitle(const std::string& state)
{
    if (state == "completed")
        return SearchDialog::tr("completed");
    if (state == "pruned")
        return SearchDialog::tr("stopped early (ASHA)");
    if (state == "failed")
        return SearchDialog::tr("failed");
    if (state == "stopped")
        return SearchDialog::tr("out of time");
    if (state == "cancelled")
        return SearchDialog::tr("stopped");
    if (state == "running")
        return SearchDialog::tr("running");
    if (state == "interrupted")
        return SearchDialog::tr("interrupted");
    return QString::fromStdString(state);
}

SearchDialog::SearchDialog(TrainSpec base, QString historyPath, QWidget* parent)
    : QDialog(parent), m_base(std::move(base)), m_historyPath(std::move(historyPath))
{
    qRegisterMetaType<domaintune::TrialOutcome>();
    qRegisterMetaType<domaintune::StudyResult>();
    qRegisterMetaType<domaintune::TrainingEvent>();
    setWindowTitle(tr("Search for good settings"));
    m_metric = m_base.bestMetric();
    m_maximize = higherIsBetter(m_metric);

    auto* intro = new QLabel(
        tr("Trains the run several times with other settings and keeps the best by %1 on the "
           "validation data. Trial 0 uses your own settings. Every trial is a run in the "
           "History; weak trials are stopped early (asynchronous successive halving, ASHA), "
           "so more settings fit in the same time.")
            .arg(metricText(QString::fromStdString(m_metric))));
    intro->setWordWrap(true);

    m_trialCount = new QSpinBox;
    m_trialCount->setObjectName(QStringLiteral("trials"));
    m_trialCount->setRange(1, 500);
    m_trialCount->setValue(12);
    m_budget = new QSpinBox;
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setRange(0, 100000);
    m_budget->setSuffix(tr(" min"));
    m_budget->setSpecialValueText(tr("no limit"));
    m_budget->setToolTip(tr("No trial starts after this time, and the running one stops."));
    m_sampler = new QComboBox;
    m_sampler->setObjectName(QStringLiteral("sampler"));
    m_sampler->addItem(tr("Learn from earlier trials (TPE)"), QStringLiteral("tpe"));
    m_sampler->addItem(tr("Even coverage (quasi-random)"), QStringLiteral("qmc"));
    m_sampler->addItem(tr("Random"), QStringLiteral("random"));
    m_pruning = new QCheckBox(tr("Stop weak trials early (ASHA)"));
    m_pruning->setObjectName(QStringLiteral("pruning"));
    m_pruning->setChecked(true);
    m_resume = new QCheckBox(
        tr("Continue the search already in %1").arg(QString::fromStdString(m_base.outputDir)));
    m_resume->setObjectName(QStringLiteral("resume"));
    const bool existing =
        QFileInfo::exists(QString::fromStdString(studyStatePath(m_base.outputDir)));
    m_resume->setVisible(existing);
    m_resume->setChecked(existing);

    auto* settings = new QFormLayout;
    settings->addRow(tr("Trials:"), m_trialCount);
    settings->addRow(tr("Time budget:"), m_budget);
    settings->addRow(tr("Choose settings by:"), m_sampler);
    settings->addRow(QString(), m_pruning);
    settings->addRow(QString(), m_resume);

    m_space = new QTableWidget(0, SpaceColumns);
    m_space->setObjectName(QStringLiteral("space"));
    m_space->setHorizontalHeaderLabels(
        {tr("Setting"), tr("Scale"), tr("From"), tr("To"), tr("Values")});
    m_space->horizontalHeader()->setSectionResizeMode(SpaceSetting, QHeaderView::ResizeToContents);
    m_space->horizontalHeader()->setStretchLastSection(true);
    m_space->verticalHeader()->hide();
    fillDefaultSpace();

    m_start = new QPushButton(tr("Start search"));
    m_start->setObjectName(QStringLiteral("start"));
    m_start->setDefault(true);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("stop"));
    m_stop->setEnabled(false);
    m_stop->setToolTip(tr("Ends the search after the current step; it can be continued later."));
    auto* close = new QPushButton(tr("Close"));
    connect(m_start, &QPushButton::clicked, this, &SearchDialog::start);
    connect(m_stop, &QPushButton::clicked, this, &SearchDialog::stop);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addStretch();
    buttons->addWidget(close);

    m_status = new QLabel(tr("Not started."));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_best = new QLabel;
    m_best->setObjectName(QStringLiteral("best"));
    m_best->setWordWrap(true);
    m_best->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table = new QTableWidget(0, TrialColumns);
    m_table->setObjectName(QStringLiteral("trialTable"));
    m_table->setHorizontalHeaderLabels({tr("Trial"), tr("State"),
                                        metricText(QString::fromStdString(m_metric)),
                                        tr("Settings"), tr("Run")});
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(TrialSettings, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    m_scatterParameter = new QComboBox;
    m_scatterParameter->setObjectName(QStringLiteral("scatterParameter"));
    connect(m_scatterParameter, &QComboBox::currentIndexChanged, this, &SearchDialog::replot);
    m_scatter = makePlot(QStringLiteral("scatter"));
    m_timeline = makePlot(QStringLiteral("timeline"));
    auto* scatterBox = new QWidget;
    auto* scatterLayout = new QVBoxLayout(scatterBox);
    scatterLayout->setContentsMargins(0, 0, 0, 0);
    auto* scatterChoice = new QHBoxLayout;
    scatterChoice->addWidget(new QLabel(tr("Score against:")));
    scatterChoice->addWidget(m_scatterParameter, 1);
    scatterLayout->addLayout(scatterChoice);
    scatterLayout->addWidget(m_scatter);
    auto* plots = new QSplitter(Qt::Horizontal);
    plots->addWidget(scatterBox);
    plots->addWidget(m_timeline);

    auto* results = new QSplitter(Qt::Vertical);
    results->addWidget(m_table);
    results->addWidget(plots);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(settings);
    layout->addWidget(m_space);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_best);
    layout->addWidget(results, 1);
    resize(900, 820);
    replot();
    if (existing)
        showExisting();
}

SearchDialog::~SearchDialog()
{
    if (m_thread) {
        m_control->requestCancel();
        m_thread->quit(); // its loop ends once run() returns (done's queued quit would not run)
        m_thread->wait();
    }
}

void SearchDialog::showExisting()
{
    // The search already in the folder: its settings (continuing must use them) and trials.
    try {
        m_saved = std::make_unique<StudyOptions>(loadStudyOptions(m_base.outputDir));
        fillSpace(m_saved->space, std::vector<bool>(m_saved->space.parameters.size(), true));
        m_sampler->setCurrentIndex(
            m_sampler->findData(QString::fromStdString(samplerName(m_saved->sampler.kind))));
        m_pruning->setChecked(m_saved->pruning);
        m_trials.clear();
        for (TrialOutcome trial : loadStudyTrials(m_base.outputDir)) {
            if (trial.state == "running")
                trial.state = "interrupted";
            onTrial(trial);
        }
        m_status->setText(tr("A search with %n trial(s) is in this folder.", "",
                             static_cast<int>(m_trials.size())));
    } catch (const std::exception& e) {
        m_saved.reset();
        m_status->setText(
            tr("The search in this folder cannot be read: %1").arg(QString::fromUtf8(e.what())));
    }
}

void SearchDialog::fillDefaultSpace()
{
    SearchSpace space = SearchSpace::defaults(m_base);
    std::vector<bool> checked(space.parameters.size(), true);
    // Offered, off by default: epochs are the pruner's resource, and the length costs time.
    SearchParameter epochs;
    epochs.key = "epochs";
    epochs.scale = ParameterScale::Integer;
    epochs.low = 1;
    epochs.high = std::max<double>(4, double(m_base.epochs));
    space.parameters.push_back(epochs);
    checked.push_back(false);
    if (m_base.freeze.preset == "top-k") {
        SearchParameter topK;
        topK.key = "freeze.top_k";
        topK.scale = ParameterScale::Integer;
        topK.low = 1;
        topK.high = 4;
        space.parameters.push_back(topK);
        checked.push_back(true);
    }
    fillSpace(space, checked);
}

void SearchDialog::fillSpace(const SearchSpace& space, const std::vector<bool>& checked)
{
    m_space->setRowCount(static_cast<int>(space.parameters.size()));
    for (std::size_t i = 0; i < space.parameters.size(); ++i) {
        const SearchParameter& parameter = space.parameters[i];
        const int row = static_cast<int>(i);
        auto* setting = new QTableWidgetItem(searchParameterTitle(parameter.key));
        setting->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        setting->setCheckState(checked[i] ? Qt::Checked : Qt::Unchecked);
        setting->setData(KeyRole, QString::fromStdString(parameter.key));
        setting->setData(ScaleRole, static_cast<int>(parameter.scale));
        m_space->setItem(row, SpaceSetting, setting);
        auto* scale = new QTableWidgetItem(scaleTitle(parameter.scale));
        scale->setFlags(Qt::ItemIsEnabled);
        m_space->setItem(row, SpaceScale, scale);
        const bool choice = parameter.scale == ParameterScale::Choice;
        const auto editable = [](const QString& text, bool enabled) {
            auto* item = new QTableWidgetItem(text);
            item->setFlags(enabled ? Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsSelectable
                                   : Qt::ItemIsEnabled);
            return item;
        };
        m_space->setItem(row, SpaceFrom,
                         editable(choice ? QString() : valueText(parameter.low), !choice));
        m_space->setItem(row, SpaceTo,
                         editable(choice ? QString() : valueText(parameter.high), !choice));
        QStringList values;
        for (const auto& value : parameter.choices)
            values << valueText(value);
        m_space->setItem(row, SpaceValues, editable(values.join(QStringLiteral(", ")), choice));
    }
}

SearchSpace SearchDialog::spaceFromTable() const
{
    nlohmann::json json = nlohmann::json::object();
    for (int row = 0; row < m_space->rowCount(); ++row) {
        const QTableWidgetItem* setting = m_space->item(row, SpaceSetting);
        if (setting->checkState() != Qt::Checked)
            continue;
        const std::string key = setting->data(KeyRole).toString().toStdString();
        const auto scale = static_cast<ParameterScale>(setting->data(ScaleRole).toInt());
        const auto fail = [&](const QString& what) {
            throw Error(tr("%1: %2").arg(setting->text(), what).toStdString());
        };
        if (scale == ParameterScale::Choice) {
            nlohmann::json values = nlohmann::json::array();
            for (const QString& part : m_space->item(row, SpaceValues)
                                           ->text()
                                           .split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!part.trimmed().isEmpty())
                    values.push_back(parsedValue(part.trimmed()));
            if (values.empty())
                fail(tr("give at least one value, separated by commas"));
            json[key] = {{"type", "choice"}, {"values", values}};
            continue;
        }
        bool lowOk = false, highOk = false;
        const double low =
            QLocale::c().toDouble(m_space->item(row, SpaceFrom)->text().trimmed(), &lowOk);
        const double high =
            QLocale::c().toDouble(m_space->item(row, SpaceTo)->text().trimmed(), &highOk);
        if (!lowOk || !highOk)
            fail(tr("From and To must be numbers (with a point as the decimal sign, e.g. 0.001 "
                    "or 1e-3)"));
        if (low > high)
            fail(tr("From is above To"));
        if (scale == ParameterScale::LogUniform && low <= 0)
            fail(tr("a logarithmic range must start above 0"));
        if (scale == ParameterScale::Integer &&
            (std::floor(low) != low || std::floor(high) != high))
            fail(tr("From and To must be whole numbers"));
        json[key] = {{"type", parameterScaleName(scale)}, {"low", low}, {"high", high}};
    }
    if (json.empty())
        throw Error(tr("Tick at least one setting to search.").toStdString());
    return SearchSpace::fromJson(json, tr("search space").toStdString());
}

void SearchDialog::start()
{
    if (m_thread)
        return;
    StudyOptions options;
    const bool existing =
        QFileInfo::exists(QString::fromStdString(studyStatePath(m_base.outputDir)));
    if (existing && !m_resume->isChecked()) {
        QMessageBox::warning(this, windowTitle(),
                             tr("%1 already holds a search. Tick “Continue the search” to add "
                                "trials to it (raise Trials), or close this window and give the "
                                "run another name.")
                                 .arg(QString::fromStdString(m_base.outputDir)));
        return;
    }
    try {
        m_base.validate();
        options.space = spaceFromTable();
    } catch (const Error& e) {
        QMessageBox::warning(this, windowTitle(),
                             tr("The search cannot start: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    options.sampler.kind = samplerFromString(m_sampler->currentData().toString().toStdString());
    options.sampler.seed = m_base.seed;
    options.pruning = m_pruning->isChecked();
    options.resume = existing && m_resume->isChecked();
    if (options.resume) {
        showExisting(); // what is on disk now, and the settings it was started with
        if (!m_saved) {
            QMessageBox::warning(this, windowTitle(), m_status->text());
            return;
        }
        options = *m_saved;
        options.resume = true;
    } else {
        m_trials.clear();
        m_table->setRowCount(0);
    }
    options.trials = m_trialCount->value();
    options.sampler.startupTrials = std::clamp(options.trials / 3, 3, 10);
    options.budgetMinutes = m_budget->value();
    options.historyPath = m_historyPath.toStdString();
    options.outputDir = m_base.outputDir;
    m_result = StudyResult();
    replot();
    showBest();

    m_control = std::make_shared<TrainingControl>();
    auto* worker = new StudyWorker(m_base, options, m_control);
    auto* thread = new QThread;
    worker->moveToThread(thread);
    connect(thread, &QThread::started, worker, &StudyWorker::run);
    connect(worker, &StudyWorker::event, this, &SearchDialog::onEvent);
    connect(worker, &StudyWorker::trialFinished, this, &SearchDialog::onTrial);
    connect(worker, &StudyWorker::done, this, &SearchDialog::onDone);
    connect(worker, &StudyWorker::done, thread, &QThread::quit);
    connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    setRunning(true);
    m_status->setText(tr("Reading the data…"));
    thread->start();
}

void SearchDialog::stop()
{
    if (!m_thread)
        return;
    m_control->requestCancel();
    m_stop->setEnabled(false);
    m_status->setText(tr("Stopping after the current step…"));
}

void SearchDialog::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_space->setEnabled(!running);
    m_trialCount->setEnabled(!running);
    m_budget->setEnabled(!running);
    m_sampler->setEnabled(!running);
    m_pruning->setEnabled(!running);
    m_resume->setEnabled(!running);
}

void SearchDialog::onEvent(const TrainingEvent& event)
{
    if (event.kind != TrainingEventKind::Started && event.kind != TrainingEventKind::Step)
        return;
    const auto trial = std::count_if(m_trials.begin(), m_trials.end(), [](const auto& done) {
        return done.state == "completed" || done.state == "pruned" || done.state == "failed";
    });
    m_progress->setRange(0, static_cast<int>(std::max<std::int64_t>(1, event.totalSteps)));
    m_progress->setValue(static_cast<int>(event.step));
    m_status->setText(tr("Trial %1 of %2: step %3 of %4")
                          .arg(trial)
                          .arg(m_trialCount->value())
                          .arg(event.step)
                          .arg(event.totalSteps));
}

void SearchDialog::onTrial(const TrialOutcome& trial)
{
    const auto found = std::find_if(m_trials.begin(), m_trials.end(), [&](const auto& known) {
        return known.number == trial.number;
    });
    if (found != m_trials.end())
        *found = trial;
    else
        m_trials.push_back(trial);
    std::sort(m_trials.begin(), m_trials.end(),
              [](const auto& a, const auto& b) { return a.number < b.number; });
    m_table->setRowCount(static_cast<int>(m_trials.size()));
    for (std::size_t i = 0; i < m_trials.size(); ++i) {
        const TrialOutcome& shown = m_trials[i];
        const int row = static_cast<int>(i);
        const auto set = [&](int column, const QString& text, const QString& tip = {}) {
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(tip.isEmpty() ? text : tip);
            m_table->setItem(row, column, item);
        };
        set(TrialNumber,
            shown.number == 0 ? tr("0 (your settings)") : QString::number(shown.number));
        set(TrialState, trialStateTitle(shown.state), QString::fromStdString(shown.message));
        set(TrialScore,
            std::isfinite(shown.score) ? QString::number(shown.score, 'f', 4) : tr("none"));
        set(TrialSettings, settingsText(shown.values));
        set(TrialRun, shown.runId > 0 ? QString::number(shown.runId) : QString());
    }
    // The scatter plot offers every numeric setting the trials vary.
    if (m_scatterParameter->count() == 0 && !m_trials.empty()) {
        const QSignalBlocker blocker(m_scatterParameter);
        for (const auto& [key, value] : m_trials.front().values.items())
            if (value.is_number())
                m_scatterParameter->addItem(searchParameterTitle(key), QString::fromStdString(key));
        const int learningRate = m_scatterParameter->findData(QStringLiteral("learning_rate"));
        if (learningRate >= 0)
            m_scatterParameter->setCurrentIndex(learningRate);
    }
    replot();
    showBest();
}

void SearchDialog::onDone(const StudyResult& result)
{
    m_result = result;
    for (const auto& trial : result.trials)
        if (std::none_of(m_trials.begin(), m_trials.end(),
                         [&](const auto& known) { return known.number == trial.number; }))
            onTrial(trial);
    const int count = static_cast<int>(result.trials.size());
    if (result.status == "completed")
        m_status->setText(tr("Finished: %n trial(s).", "", count));
    else if (result.status == "budget")
        m_status->setText(tr("The time budget ran out after %n trial(s). Start again with "
                             "“Continue” ticked to go on.",
                             "", count));
    else if (result.status == "cancelled")
        m_status->setText(tr("Stopped after %n trial(s). Start again with “Continue” ticked to "
                             "go on.",
                             "", count));
    else
        m_status->setText(tr("The search failed: %1").arg(QString::fromStdString(result.message)));
    m_progress->setValue(m_progress->maximum());
    const bool resumable =
        QFileInfo::exists(QString::fromStdString(studyStatePath(m_base.outputDir)));
    m_resume->setVisible(resumable);
    m_resume->setChecked(resumable && result.status != "completed");
    m_thread = nullptr;
    setRunning(false);
    showBest();
    emit studyFinished();
}

void SearchDialog::showBest()
{
    const int bestIndex = bestCompletedTrial(m_trials, m_maximize);
    const TrialOutcome* best =
        bestIndex >= 0 && std::isfinite(m_trials[std::size_t(bestIndex)].score)
            ? &m_trials[std::size_t(bestIndex)]
            : nullptr;
    const TrialOutcome* baseline = nullptr;
    for (const auto& trial : m_trials)
        if (trial.number == 0 && trial.state == "completed" && std::isfinite(trial.score))
            baseline = &trial;
    if (best == nullptr) {
        m_best->setText(m_trials.empty() ? QString() : tr("No trial has completed yet."));
        return;
    }
    const QString metric = metricText(QString::fromStdString(m_metric));
    QString text = tr("Best: trial %1, %2 %3 (%4), run %5.")
                       .arg(best->number)
                       .arg(metric)
                       .arg(best->score, 0, 'f', 4)
                       .arg(settingsText(best->values))
                       .arg(best->runId);
    if (baseline != nullptr && baseline != best)
        text += QLatin1Char(' ') +
                tr("Your own settings (trial 0): %1.").arg(baseline->score, 0, 'f', 4);
    else if (baseline == best)
        text += QLatin1Char(' ') + tr("No other trial beat your own settings so far.");
    m_best->setText(text);
}

void SearchDialog::replot()
{
    const QString key = m_scatterParameter->currentData().toString();
    const QString metric = metricText(QString::fromStdString(m_metric));
    m_scatter->clearGraphs();
    m_timeline->clearGraphs();
    QCPGraph* completed = scatterGraph(
        m_scatter, tr("completed"),
        QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180), QColor(31, 119, 180), 7));
    QCPGraph* pruned =
        scatterGraph(m_scatter, tr("stopped early"),
                     QCPScatterStyle(QCPScatterStyle::ssCross, QColor(150, 150, 150), 7));
    QCPGraph* overTime = scatterGraph(
        m_timeline, tr("trial"),
        QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180), QColor(31, 119, 180), 6));
    QCPGraph* bestSoFar = m_timeline->addGraph();
    bestSoFar->setName(tr("best so far"));
    bestSoFar->setLineStyle(QCPGraph::lsStepLeft);
    bestSoFar->setPen(QPen(QColor(214, 39, 40), 2));

    bool logarithmic = false;
    for (int row = 0; row < m_space->rowCount(); ++row)
        if (m_space->item(row, SpaceSetting)->data(KeyRole).toString() == key)
            logarithmic = m_space->item(row, SpaceSetting)->data(ScaleRole).toInt() ==
                          static_cast<int>(ParameterScale::LogUniform);
    double best = std::nan("");
    for (const auto& trial : m_trials) {
        if (!std::isfinite(trial.score))
            continue;
        const double y = trial.score;
        overTime->addData(double(trial.number), y);
        if (trial.state == "completed" && (std::isnan(best) || (m_maximize ? y > best : y < best)))
            best = y;
        if (!std::isnan(best))
            bestSoFar->addData(double(trial.number), best);
        const std::string name = key.toStdString();
        if (!key.isEmpty() && trial.values.contains(name) && trial.values[name].is_number())
            (trial.state == "pruned" ? pruned : completed)
                ->addData(trial.values[name].get<double>(), y);
    }
    m_scatter->xAxis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logarithmic)
        m_scatter->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        m_scatter->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_scatter->xAxis->setLabel(m_scatterParameter->currentText());
    m_scatter->yAxis->setLabel(metric);
    m_timeline->xAxis->setLabel(tr("Trial"));
    m_timeline->yAxis->setLabel(metric);
    for (QCustomPlot* plot : {m_scatter, m_timeline}) {
        plot->rescaleAxes();
        const QCPRange y = plot->yAxis->range();
        plot->yAxis->setRange(y.lower - 0.05 * std::max(y.size(), 0.01),
                              y.upper + 0.05 * std::max(y.size(), 0.01));
        const QCPRange x = plot->xAxis->range();
        if (plot->xAxis->scaleType() == QCPAxis::stLinear)
            plot->xAxis->setRange(x.lower - 0.5, x.upper + 0.5);
        else
            plot->xAxis->setRange(x.lower / 1.5, x.upper * 1.5);
        plot->replot();
    }
}

void SearchDialog::closeEvent(QCloseEvent* event)
{
    if (!m_thread) {
        event->accept();
        return;
    }
    if (QMessageBox::question(this, windowTitle(),
                              tr("The search is still running. Stop it? It can be continued "
                                 "later from the same folder."),
                              QMessageBox::Yes | QMessageBox::No,
                              QMessageBox::No) != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    m_control->requestCancel();
    m_thread->quit(); // its loop ends once run() returns
    m_thread->wait();
    event->accept();
}

} // namespace domaintune::ui
