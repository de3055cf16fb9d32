#include "ui/comparedialog.h"

#include "core/store/runstore.h"
#include "core/train/bestevaluation.h"
#include "core/train/task.h"
#include "ui/confusionmatrixview.h"
#include "ui/liveplot.h"
#include "ui/metrictext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace domaintune::ui {
namespace {

const QList<QColor> kColors = {QColor(31, 119, 180), QColor(255, 127, 14),  QColor(44, 160, 44),
                               QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75)};

QTableWidget* readOnlyTable(QWidget* parent)
{
    auto* table = new QTableWidget(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

CompareDialog::CompareDialog(const QString& historyPath, const QList<qint64>& runIds,
                             QWidget* parent)
    : QDialog(parent), m_runIds(runIds)
{
    setObjectName(QStringLiteral("CompareDialog"));
    setWindowTitle(tr("Compare runs"));
    m_store = std::make_unique<RunStore>(historyPath.toStdString());
    for (qint64 id : runIds) {
        const auto run = m_store->run(id);
        m_runNames << (run ? QString::fromStdString(run->name) : QString());
    }

    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    m_metric = new QComboBox(this);
    m_metric->setMinimumContentsLength(18);
    m_axis = new QComboBox(this);
    m_axis->addItem(tr("Step"));
    m_axis->addItem(tr("Wall time (s)"));
    auto* metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(m_metric);
    controls->addWidget(metricLabel);
    controls->addWidget(m_metric);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("X axis:"), this));
    controls->addWidget(m_axis);
    controls->addStretch(1);
    layout->addLayout(controls);

    layout->addWidget(createViews(), 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(900, 680);

    loadMetricNames();
    showCurves();
    showParameters();
    showBest();
    connect(m_metric, &QComboBox::currentTextChanged, this, [this] {
        showCurves();
        showBest();
    });
    connect(m_axis, &QComboBox::currentIndexChanged, this, &CompareDialog::showCurves);
    connect(m_differencesOnly, &QCheckBox::toggled, this, &CompareDialog::showParameters);
}

CompareDialog::~CompareDialog() = default;

QWidget* CompareDialog::createViews()
{
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_plot = new LivePlot(tr("Curves"), tr("Step"), tr("Value"), splitter);
    m_plot->setMinimumHeight(260);
    splitter->addWidget(m_plot);
    auto* tabs = new QTabWidget(splitter);
    m_tabs = tabs;
    auto* parameterPage = new QWidget(tabs);
    auto* parameterLayout = new QVBoxLayout(parameterPage);
    m_differencesOnly = new QCheckBox(tr("Show &differences only"), parameterPage);
    m_differencesOnly->setChecked(true);
    m_parameters = readOnlyTable(parameterPage);
    m_parameters->setObjectName(QStringLiteral("parameterTable"));
    parameterLayout->addWidget(m_differencesOnly);
    parameterLayout->addWidget(m_parameters);
    m_best = readOnlyTable(tabs);
    m_best->setObjectName(QStringLiteral("bestTable"));
    tabs->addTab(parameterPage, tr("Parameters"));
    tabs->addTab(m_best, tr("Best values"));
    tabs->addTab(createFinalEvaluation(tabs), tr("Final evaluation"));
    splitter->addWidget(tabs);
    return splitter;
}

QWidget* CompareDialog::createFinalEvaluation(QWidget* parent)
{
    auto* page = new QWidget(parent);
    auto* layout = new QVBoxLayout(page);
    // Each run's last validation evaluation (an export's verification is not one), its summary
    // read once.
    std::vector<std::optional<EvaluationRecord>> last;
    std::vector<nlohmann::json> summaries;
    std::set<std::string> names;
    for (qint64 id : std::as_const(m_runIds)) {
        const auto evaluations = m_store->evaluations(id);
        const EvaluationRecord* found = lastValidationEvaluation(evaluations);
        last.push_back(found ? std::optional<EvaluationRecord>(*found) : std::nullopt);
        summaries.push_back(found ? nlohmann::json::parse(found->summaryJson)
                                  : nlohmann::json::object());
        for (const auto& [name, value] : summaries.back().items())
            if (value.is_number())
                names.insert(name);
    }
    m_final = readOnlyTable(page);
    m_final->setObjectName(QStringLiteral("finalTable"));
    m_final->setColumnCount(int(m_runIds.size()) + 1);
    QStringList headers = {tr("Metric")};
    for (int run = 0; run < m_runIds.size(); ++run)
        headers << (last[std::size_t(run)]
                        ? tr("%1 (step %2)").arg(runLabel(run)).arg(last[std::size_t(run)]->step)
                        : runLabel(run));
    m_final->setHorizontalHeaderLabels(headers);
    m_final->setRowCount(int(names.size()));
    int row = 0;
    for (const std::string& name : names) {
        m_final->setItem(row, 0, new QTableWidgetItem(metricText(QString::fromStdString(name))));
        for (int run = 0; run < m_runIds.size(); ++run) {
            const auto& summary = summaries[std::size_t(run)];
            if (summary.contains(name) && summary[name].is_number())
                m_final->setItem(
                    row, run + 1,
                    new QTableWidgetItem(QLocale().toString(summary[name].get<double>(), 'f', 4)));
        }
        ++row;
    }
    m_final->resizeColumnsToContents();
    layout->addWidget(m_final, 1);

    m_normalized = new QCheckBox(tr("Show each &row as shares of its true class"), page);
    m_normalized->setToolTip(tr("Makes runs evaluated on different numbers of examples "
                                "comparable: each cell is the share of the true class."));
    layout->addWidget(m_normalized);
    auto* matrices = new QHBoxLayout;
    for (int run = 0; run < m_runIds.size(); ++run) {
        auto* column = new QVBoxLayout;
        auto* title = new QLabel(runLabel(run), page);
        title->setAlignment(Qt::AlignHCenter);
        column->addWidget(title);
        auto* view = new ConfusionMatrixView(page);
        view->setObjectName(QStringLiteral("confusion%1").arg(run));
        view->setMinimumSize(220, 220);
        const auto& evaluation = last[std::size_t(run)];
        const auto confusion = evaluation ? nlohmann::json::parse(evaluation->confusionJson)
                                          : nlohmann::json::object();
        if (confusion.contains("labels") && confusion.contains("matrix"))
            view->setMatrix(confusion["labels"].get<std::vector<std::string>>(),
                            confusion["matrix"].get<std::vector<std::vector<std::int64_t>>>());
        else
            view->setToolTip(tr("No confusion matrix: not a classification run, or not "
                                "evaluated yet."));
        column->addWidget(view, 1);
        matrices->addLayout(column, 1);
        m_matrices << view;
    }
    layout->addLayout(matrices, 2);
    connect(m_normalized, &QCheckBox::toggled, this, &CompareDialog::setMatricesNormalized);
    return page;
}

void CompareDialog::showFinalEvaluation()
{
    m_tabs->setCurrentIndex(m_tabs->count() - 1);
}

void CompareDialog::setMatricesNormalized(bool normalized)
{
    m_normalized->setChecked(normalized);
    for (ConfusionMatrixView* view : std::as_const(m_matrices))
        view->setNormalized(normalized);
}

void CompareDialog::loadMetricNames()
{
    std::set<std::string> names;
    for (qint64 id : std::as_const(m_runIds))
        for (const std::string& name : m_store->metricNames(id))
            names.insert(name);
    for (const std::string& name : names)
        m_metric->addItem(QString::fromStdString(name));
    // Prefer the metric a user compares first: a task's main score, else the loss.
    QStringList preferences;
    for (const TaskInfo& info : allTasks())
        preferences << QStringLiteral("eval/") + QString::fromUtf8(info.mainMetric);
    preferences << QStringLiteral("train/loss");
    for (const QString& preferred : std::as_const(preferences))
        if (m_metric->findText(preferred) >= 0) {
            m_metric->setCurrentText(preferred);
            break;
        }
}

void CompareDialog::setMetric(const QString& name)
{
    m_metric->setCurrentText(name);
}

QString CompareDialog::metric() const
{
    return m_metric->currentText();
}

void CompareDialog::setDifferencesOnly(bool only)
{
    m_differencesOnly->setChecked(only);
}

QString CompareDialog::runLabel(int index) const
{
    const QString name = m_runNames.value(index);
    return name.isEmpty() ? tr("run %1").arg(m_runIds[index])
                          : tr("#%1 %2").arg(m_runIds[index]).arg(name);
}

void CompareDialog::showCurves()
{
    m_plot->clearData(true);
    const bool byTime = m_axis->currentIndex() == 1;
    m_plot->xAxis->setLabel(byTime ? tr("Seconds since start") : tr("Step"));
    m_plot->yAxis->setLabel(metric());
    const std::vector<std::int64_t> ids(m_runIds.cbegin(), m_runIds.cend());
    const auto curves = m_store->curves(ids, metric().toStdString(),
                                        byTime ? CurveAxis::WallTime : CurveAxis::Step);
    for (int i = 0; i < static_cast<int>(curves.size()); ++i) {
        const int curve = m_plot->addCurve(runLabel(i), kColors.value(i % kColors.size()),
                                           Qt::SolidLine, /*markers=*/true);
        for (const CurvePoint& point : curves[static_cast<std::size_t>(i)].points)
            m_plot->append(curve, point.x, point.y);
    }
    m_plot->legend->setVisible(true);
    m_plot->fitToData();
}

void CompareDialog::showParameters()
{
    const std::vector<std::int64_t> ids(m_runIds.cbegin(), m_runIds.cend());
    const ParameterDiff diff = m_store->parameterDiff(ids, m_differencesOnly->isChecked());
    QStringList headers{tr("Parameter")};
    for (int i = 0; i < m_runIds.size(); ++i)
        headers << runLabel(i);
    m_parameters->clear();
    m_parameters->setColumnCount(static_cast<int>(headers.size()));
    m_parameters->setHorizontalHeaderLabels(headers);
    m_parameters->setRowCount(static_cast<int>(diff.values.size()));
    int row = 0;
    for (const auto& [key, values] : diff.values) {
        m_parameters->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(key)));
        for (int i = 0; i < static_cast<int>(values.size()); ++i) {
            const auto& value = values[static_cast<std::size_t>(i)];
            m_parameters->setItem(
                row, i + 1, new QTableWidgetItem(value ? QString::fromStdString(*value) : tr("—")));
        }
        ++row;
    }
    m_parameters->resizeColumnsToContents();
}

void CompareDialog::showBest()
{
    const std::string name = metric().toStdString();
    const std::string bare =
        name.substr(name.find('/') == std::string::npos ? 0 : name.find('/') + 1);
    const MetricGoal goal = higherIsBetter(bare) ? MetricGoal::Maximize : MetricGoal::Minimize;
    const std::vector<std::int64_t> ids(m_runIds.cbegin(), m_runIds.cend());
    const auto best = m_store->bestMetric(ids, name, goal);
    m_best->clear();
    m_best->setColumnCount(3);
    m_best->setHorizontalHeaderLabels(
        {tr("Run"), goal == MetricGoal::Maximize ? tr("Highest") : tr("Lowest"), tr("At step")});
    m_best->setRowCount(static_cast<int>(best.size()));
    for (int row = 0; row < static_cast<int>(best.size()); ++row) {
        const BestMetric& entry = best[static_cast<std::size_t>(row)];
        m_best->setItem(
            row, 0,
            new QTableWidgetItem(runLabel(static_cast<int>(m_runIds.indexOf(entry.runId)))));
        m_best->setItem(row, 1, new QTableWidgetItem(QString::number(entry.value, 'g', 6)));
        m_best->setItem(row, 2, new QTableWidgetItem(QString::number(entry.step)));
    }
    // The best of the compared runs stands out (bold, with a star).
    int winner = -1;
    for (int row = 0; row < static_cast<int>(best.size()); ++row) {
        const double value = best[static_cast<std::size_t>(row)].value;
        if (winner < 0 || (goal == MetricGoal::Maximize ? value > best[std::size_t(winner)].value
                                                        : value < best[std::size_t(winner)].value))
            winner = row;
    }
    if (winner >= 0 && best.size() > 1)
        for (int column = 0; column < 3; ++column) {
            QTableWidgetItem* item = m_best->item(winner, column);
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
            if (column == 0)
                item->setText(tr("★ %1").arg(item->text()));
            item->setToolTip(tr("The best of the compared runs"));
        }
    m_best->resizeColumnsToContents();
}

} // namespace domaintune::ui
