#include "ui/dashboardpage.h"

#include "core/train/task.h"
#include "ui/confusionmatrixview.h"
#include "ui/durationtext.h"
#include "ui/liveplot.h"
#include "ui/metrictext.h"

#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

constexpr int kDefaultSmoothing = 90; // percent weight of the past: TensorBoard's 0.9
const QColor kBlue(31, 119, 180);
const QColor kOrange(255, 127, 14);
const QColor kGreen(44, 160, 44);
const QColor kRed(214, 39, 40);
const QColor kPurple(148, 103, 189);

QTableWidgetItem* numberItem(double value, int decimals)
{
    auto* item = new QTableWidgetItem(QString::number(value, 'f', decimals));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

DashboardPage::DashboardPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("DashboardPage"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createHeader());
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(createCharts());
    splitter->addWidget(createDetails());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    reset();
    showState(TrainingController::State::Idle);
}

QWidget* DashboardPage::createHeader()
{
    auto* header = new QWidget(this);
    auto* grid = new QGridLayout(header);
    grid->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(header);
    m_title->setObjectName(QStringLiteral("runTitle"));
    m_title->setWordWrap(true);
    m_pause = new QPushButton(tr("&Pause"), header);
    m_cancel = new QPushButton(tr("&Cancel run"), header);
    m_smoothing = new QSlider(Qt::Horizontal, header);
    m_smoothing->setObjectName(QStringLiteral("smoothing"));
    m_smoothing->setRange(0, 99);
    m_smoothing->setValue(kDefaultSmoothing);
    m_smoothing->setMaximumWidth(120);
    m_smoothing->setToolTip(tr("Smoothing of the training loss: how much each point of the "
                               "smoothed curve keeps of the ones before it (0 = none)."));
    connect(m_smoothing, &QSlider::valueChanged, this, &DashboardPage::resmooth);
    auto* fit = new QPushButton(tr("F&it charts"), header);
    fit->setToolTip(tr("Rescale every chart to its data and follow new points again"));
    m_export = new QToolButton(header);
    m_export->setText(tr("&Export charts"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("As PNG images…"), this,
                    [this] { exportWithDialog(QStringLiteral("png")); });
    menu->addAction(tr("As PDF documents…"), this,
                    [this] { exportWithDialog(QStringLiteral("pdf")); });
    m_export->setMenu(menu);
    m_progress = new QProgressBar(header);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_eta = new QLabel(header);
    m_eta->setObjectName(QStringLiteral("eta"));
    m_score = new QLabel(header);
    m_score->setObjectName(QStringLiteral("score"));
    m_score->setTextFormat(Qt::RichText);
    QFont big = m_score->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_score->setFont(big);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    buttons->addSpacing(12);
    buttons->addWidget(new QLabel(tr("Smoothing:"), header));
    buttons->addWidget(m_smoothing);
    buttons->addWidget(fit);
    buttons->addWidget(m_export);
    grid->addWidget(m_title, 0, 0);
    grid->addLayout(buttons, 0, 1);
    grid->addWidget(m_score, 1, 0, 1, 2);
    grid->addWidget(m_progress, 2, 0);
    grid->addWidget(m_eta, 2, 1);
    grid->setColumnStretch(0, 1);

    connect(fit, &QPushButton::clicked, this, [this] {
        for (LivePlot* plot : std::as_const(m_charts))
            plot->fitToData();
    });
    connectButtons();
    return header;
}

void DashboardPage::connectButtons()
{
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (!m_controller)
            return;
        if (m_controller->state() == TrainingController::State::Paused)
            m_controller->resume();
        else
            m_controller->pause();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->cancel();
    });
}

QWidget* DashboardPage::createCharts()
{
    auto* area = new QWidget(this);
    auto* grid = new QGridLayout(area);
    grid->setContentsMargins(0, 0, 0, 0);
    const QString step = tr("Step");
    m_charts = {new LivePlot(tr("Training loss"), step, tr("Loss"), area),
                new LivePlot(tr("Evaluation loss"), step, tr("Loss"), area),
                new LivePlot(tr("Learning rate"), step, tr("Rate"), area),
                new LivePlot(tr("Evaluation metrics"), step, tr("Value"), area),
                new LivePlot(tr("Throughput"), step, tr("Samples per second"), area)};
    const QStringList names = {QStringLiteral("trainingLoss"), QStringLiteral("evaluationLoss"),
                               QStringLiteral("learningRate"), QStringLiteral("metrics"),
                               QStringLiteral("throughput")};
    for (int i = 0; i < m_charts.size(); ++i) {
        m_charts[i]->setObjectName(names[i]);
        grid->addWidget(m_charts[i], i / 3, i % 3);
    }
    m_charts[0]->addCurve(tr("raw"), kBlue.lighter(150));
    m_charts[0]->addCurve(tr("smoothed"), kBlue);
    m_charts[1]->addCurve(tr("evaluation"), kOrange, Qt::SolidLine, /*markers=*/true);
    m_charts[2]->addCurve(tr("learning rate"), kGreen);
    m_charts[4]->addCurve(tr("samples/s"), kPurple);
    m_confusion = new ConfusionMatrixView(area);
    m_confusion->setObjectName(QStringLiteral("confusionMatrix"));
    grid->addWidget(m_confusion, 1, 2);
    return area;
}

QWidget* DashboardPage::createDetails()
{
    auto* tabs = new QTabWidget(this);
    m_perClass = new QTableWidget(0, 5, tabs);
    m_perClass->setObjectName(QStringLiteral("perClassTable"));
    m_perClass->setHorizontalHeaderLabels(
        {tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    m_perClass->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_perClass->verticalHeader()->hide();
    m_perClass->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_perClass->setAlternatingRowColors(true);
    m_log = new QPlainTextEdit(tabs);
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    tabs->addTab(m_perClass, tr("Per-class metrics"));
    tabs->addTab(m_log, tr("Log"));
    return tabs;
}

void DashboardPage::setController(TrainingController* controller)
{
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (!controller)
        return;
    connect(controller, &TrainingController::stateChanged, this, &DashboardPage::showState);
    connect(controller, &TrainingController::started, this, &DashboardPage::showStarted);
    connect(controller, &TrainingController::stepLogged, this, &DashboardPage::showStep);
    connect(controller, &TrainingController::evaluated, this, &DashboardPage::showEvaluation);
    connect(controller, &TrainingController::logMessage, this, &DashboardPage::appendLog);
    connect(controller, &TrainingController::finished, this, &DashboardPage::showFinished);
    connect(controller, &TrainingController::failed, this, &DashboardPage::showFailure);
    showState(controller->state());
}

LivePlot* DashboardPage::chart(Chart which) const
{
    return m_charts.value(static_cast<int>(which));
}

void DashboardPage::reset()
{
    for (LivePlot* plot : std::as_const(m_charts))
        plot->clearData();
    chart(Chart::Metrics)->clearData(true);
    m_metricCurves.clear();
    m_confusion->setMatrix({}, {});
    m_perClass->setRowCount(0);
    m_ema = 0;
    m_emaWeight = 0;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_eta->clear();
    m_score->clear();
    m_scoreMetric.clear();
    m_bestStep = -1;
    m_lastStep = 0;
    m_lastElapsed = 0;
}

void DashboardPage::showState(TrainingController::State state)
{
    using State = TrainingController::State;
    const bool active = state == State::Running || state == State::Paused;
    m_pause->setEnabled(active);
    m_cancel->setEnabled(active);
    m_pause->setText(state == State::Paused ? tr("&Resume") : tr("&Pause"));
    const State previous = m_state;
    m_state = state;
    if (state == State::Running && previous == State::Idle) {
        reset();
        m_title->setText(tr("<b>Preparing the run…</b> importing the data and loading the model."));
    } else if (state == State::Idle && m_title->text().isEmpty()) {
        m_title->setText(
            tr("<b>No run in progress.</b> Start one in New run (Ctrl+1), or with Run ▸ Quick "
               "run (Ctrl+R)."));
    } else if (state == State::Stopping) {
        m_title->setText(tr("<b>Stopping…</b> the current step finishes first."));
        m_eta->setText(tr("%1 elapsed").arg(durationText(m_lastElapsed)));
    } else if (state == State::Paused) {
        m_title->setText(tr("<b>Paused</b> at step %1 — press Resume to go on; the time paused "
                            "does not count.")
                             .arg(m_lastStep));
        m_eta->setText(tr("paused · %1 elapsed").arg(durationText(m_lastElapsed)));
    }
}

void DashboardPage::showStarted(const TrainingEvent& event)
{
    m_progress->setRange(0, static_cast<int>(std::max<std::int64_t>(event.totalSteps, 1)));
    m_progress->setValue(0);
    m_title->setText(
        tr("<b>Training</b> — %n step(s) planned.", nullptr, static_cast<int>(event.totalSteps)));
    if (!event.message.empty())
        appendLog(QString::fromStdString(event.message));
}

void DashboardPage::showStep(const TrainingEvent& event)
{
    const auto x = static_cast<double>(event.step);
    LivePlot* loss = chart(Chart::TrainingLoss);
    loss->append(0, x, event.loss);
    if (std::isfinite(event.loss)) {
        const double past = m_smoothing->value() / 100.0;
        m_ema = past * m_ema + (1 - past) * event.loss;
        m_emaWeight = past * m_emaWeight + (1 - past);
        loss->append(1, x, m_ema / m_emaWeight); // Bias-corrected, as TensorBoard does.
    }
    chart(Chart::LearningRate)->append(0, x, event.learningRate);
    chart(Chart::Throughput)->append(0, x, event.samplesPerSecond);
    showProgress(event);
}

void DashboardPage::showProgress(const TrainingEvent& event)
{
    if (event.totalSteps > 0)
        m_progress->setRange(0, static_cast<int>(event.totalSteps));
    m_progress->setValue(static_cast<int>(event.step));
    m_lastStep = event.step;
    m_lastElapsed = event.elapsedSeconds;
    QString eta = tr("epoch %1 · %2 elapsed · about %3 left")
                      .arg(event.epoch, 0, 'f', 2)
                      .arg(durationText(event.elapsedSeconds), durationText(event.etaSeconds));
    if (event.processes > 1) // the chart shows their total
        eta +=
            QStringLiteral(" · ") + tr("%1 samples/s on each of %2 processes") // never fewer than 2
                                        .arg(event.samplesPerSecond / event.processes, 0, 'f', 1)
                                        .arg(event.processes);
    m_eta->setText(eta);
    if (m_controller && m_controller->state() == TrainingController::State::Running)
        m_title->setText(tr("<b>Training</b> — step %1 of %2, loss %3")
                             .arg(event.step)
                             .arg(event.totalSteps)
                             .arg(event.loss, 0, 'f', 4));
}

void DashboardPage::showEvaluation(const TrainingEvent& event)
{
    const auto x = static_cast<double>(event.step);
    for (const auto& [name, value] : event.metrics) {
        const QString metric = QString::fromStdString(name);
        if (metric == QLatin1String("loss"))
            chart(Chart::EvaluationLoss)->append(0, x, value);
        else
            addMetricPoint(metric, x, value);
    }
    m_confusion->setMatrix(event.labels, event.confusion);
    showPerClass(event.perClass);
    showScore(event);
    QStringList summary;
    for (const auto& [name, value] : event.metrics)
        summary << QStringLiteral("%1 %2").arg(QString::fromStdString(name)).arg(value, 0, 'f', 4);
    appendLog(
        tr("Evaluation at step %1: %2").arg(event.step).arg(summary.join(QStringLiteral(", "))));
}

void DashboardPage::resmooth()
{
    LivePlot* loss = chart(Chart::TrainingLoss);
    const double past = m_smoothing->value() / 100.0;
    QVector<double> xs, ys;
    m_ema = 0;
    m_emaWeight = 0;
    for (auto it = loss->graph(0)->data()->constBegin(); it != loss->graph(0)->data()->constEnd();
         ++it) {
        if (!std::isfinite(it->value))
            continue;
        m_ema = past * m_ema + (1 - past) * it->value;
        m_emaWeight = past * m_emaWeight + (1 - past);
        xs << it->key;
        ys << m_ema / m_emaWeight;
    }
    loss->setCurve(1, xs, ys);
}

void DashboardPage::showScore(const TrainingEvent& event)
{
    // The main metric of the run's task: the first task main metric the evaluation holds.
    if (m_scoreMetric.isEmpty())
        for (const TaskInfo& info : allTasks())
            if (event.metrics.count(info.mainMetric)) {
                m_scoreMetric = QString::fromUtf8(info.mainMetric);
                break;
            }
    const auto found = event.metrics.find(m_scoreMetric.toStdString());
    if (found == event.metrics.end())
        return;
    const double value = found->second;
    const bool higher = higherIsBetter(m_scoreMetric.toStdString());
    if (m_bestStep < 0 || (higher ? value > m_bestScore : value < m_bestScore)) {
        m_bestScore = value;
        m_bestStep = event.step;
    }
    const QString name = metricText(m_scoreMetric);
    QString text = tr("%1: <b>%2</b> now · best %3 at step %4")
                       .arg(name.toHtmlEscaped())
                       .arg(value, 0, 'f', 4)
                       .arg(m_bestScore, 0, 'f', 4)
                       .arg(m_bestStep);
    // A classifier that answers one class for everything has learned nothing useful yet.
    const auto& confusion = event.confusion;
    if (confusion.size() >= 2 && event.labels.size() >= confusion.size()) {
        std::vector<std::int64_t> predicted(confusion.size(), 0);
        std::int64_t total = 0;
        for (const auto& row : confusion)
            for (std::size_t p = 0; p < row.size() && p < predicted.size(); ++p) {
                predicted[p] += row[p];
                total += row[p];
            }
        const auto top = std::max_element(predicted.begin(), predicted.end());
        if (total > 0 && *top == total) {
            const QString label =
                QString::fromStdString(event.labels[std::size_t(top - predicted.begin())]);
            const QString warning =
                tr("⚠ The model predicts \"%1\" for every example: it has not learned to tell "
                   "the classes apart yet. Train longer, raise the learning rate, or train more "
                   "layers; check class weights for imbalanced data.")
                    .arg(label);
            text += QStringLiteral("<br>") + warning.toHtmlEscaped();
            appendLog(warning);
        }
    }
    m_score->setText(text);
}

void DashboardPage::addMetricPoint(const QString& name, double step, double value)
{
    // Every task's main metric (core/train/task.h), and the accuracies beside them.
    static const QStringList shown = [] {
        QStringList names;
        for (const TaskInfo& info : allTasks())
            if (!names.contains(QString::fromUtf8(info.mainMetric)))
                names << QString::fromUtf8(info.mainMetric);
        return names + QStringList{QStringLiteral("accuracy"), QStringLiteral("token_accuracy")};
    }();
    if (!shown.contains(name))
        return;
    LivePlot* plot = chart(Chart::Metrics);
    auto found = m_metricCurves.constFind(name);
    if (found == m_metricCurves.constEnd()) {
        const QList<QColor> colors = {kRed, kGreen, kBlue, kPurple, kOrange};
        const int curve =
            plot->addCurve(metricText(name), colors.value(m_metricCurves.size() % colors.size()),
                           Qt::SolidLine, /*markers=*/true);
        found = m_metricCurves.insert(name, curve);
    }
    plot->append(*found, step, value);
}

void DashboardPage::showPerClass(const std::vector<ClassMetrics>& rows)
{
    m_perClass->setRowCount(static_cast<int>(rows.size()));
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        const ClassMetrics& row = rows[static_cast<std::size_t>(i)];
        m_perClass->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(row.label)));
        m_perClass->setItem(i, 1, numberItem(row.precision, 3));
        m_perClass->setItem(i, 2, numberItem(row.recall, 3));
        m_perClass->setItem(i, 3, numberItem(row.f1, 3));
        m_perClass->setItem(i, 4, numberItem(static_cast<double>(row.support), 0));
    }
}

void DashboardPage::showFinished(const TrainResult& result)
{
    if (result.status == "completed") {
        m_title->setText(
            tr("<b>Run completed</b> after %n step(s).", nullptr, static_cast<int>(result.steps)));
        m_progress->setValue(m_progress->maximum());
        if (!result.modelDir.empty())
            appendLog(tr("Model saved to %1").arg(QString::fromStdString(result.modelDir)));
    } else if (result.status == "cancelled") {
        m_title->setText(
            tr("<b>Run cancelled</b> after %n step(s).", nullptr, static_cast<int>(result.steps)));
    }
    m_eta->setText(tr("%1 elapsed").arg(durationText(m_lastElapsed))); // nothing is left
}

void DashboardPage::showFailure(const QString& message)
{
    m_title->setText(tr("<b>The run failed.</b> See the log for details."));
    appendLog(tr("Error: %1").arg(message));
}

void DashboardPage::appendLog(const QString& message)
{
    m_log->appendPlainText(QStringLiteral("[%1] %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), message));
}

int DashboardPage::exportCharts(const QString& folder, const QString& format)
{
    int written = 0;
    for (LivePlot* plot : std::as_const(m_charts))
        if (plot->exportTo(QDir(folder).filePath(plot->objectName() + QLatin1Char('.') + format)))
            ++written;
    return written;
}

void DashboardPage::exportWithDialog(const QString& format)
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export charts to folder"));
    if (folder.isEmpty())
        return;
    const int written = exportCharts(folder, format);
    if (written < m_charts.size())
        QMessageBox::warning(this, tr("Export charts"),
                             tr("Only %1 of %2 charts could be written to %3.")
                                 .arg(written)
                                 .arg(m_charts.size())
                                 .arg(QDir::toNativeSeparators(folder)));
}

} // namespace domaintune::ui
