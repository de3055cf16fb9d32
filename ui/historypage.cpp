#include "ui/historypage.h"

#include "core/store/runstore.h"
#include "ui/comparedialog.h"
#include "ui/lineagedialog.h"
#include "ui/runtablemodel.h"
#include "ui/searchdialog.h"
#include "ui/trainingcontroller.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>

namespace domaintune::ui {

HistoryPage::HistoryPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("HistoryPage"));
    m_model = new RunTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterRole(RunTableModel::SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search runs by name, task, domain or status"));
    m_search->setClearButtonEnabled(true);
    auto* reload = new QPushButton(tr("R&efresh"), this);
    m_compare = new QPushButton(tr("C&ompare"), this);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_compare->setToolTip(tr("Select two or more runs to compare their curves and parameters"));
    m_delete = new QPushButton(tr("&Delete…"), this);
    m_rerun = new QPushButton(tr("Re-r&un"), this);
    m_rerun->setObjectName(QStringLiteral("rerun"));
    m_rerun->setToolTip(tr("Start the selected run again with the same settings"));
    m_resume = new QPushButton(tr("Re&sume"), this);
    m_resume->setObjectName(QStringLiteral("resume"));
    m_resume->setToolTip(tr("Continue a cancelled, failed or interrupted run from its last "
                            "checkpoint"));
    m_lineage = new QPushButton(tr("&Lineage"), this);
    m_lineage->setObjectName(QStringLiteral("lineage"));
    m_lineage->setToolTip(tr("Show the runs this one came from and led to: models trained on "
                             "models, resumed runs, the trials of a search"));
    m_more = new QPushButton(tr("&More"), this);
    m_more->setObjectName(QStringLiteral("more"));
    auto* more = new QMenu(m_more);
    more->addAction(tr("&Edit in the wizard…"), this, &HistoryPage::editSelected);
    more->addAction(tr("Open &search…"), this, &HistoryPage::openSearch);
    more->addAction(tr("E&xport model…"), this, [this] {
        if (selectedRunIds().size() == 1)
            emit exportRequested(selectedRunIds().front());
    });
    more->addAction(tr("Export table as &CSV…"), this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export the run table"), QStringLiteral("runs.csv"), tr("CSV files (*.csv)"));
        if (!file.isEmpty())
            exportCsv(file);
    });
    m_more->setMenu(more);
    bar->addWidget(m_search, 1);
    bar->addWidget(reload);
    bar->addWidget(m_compare);
    bar->addWidget(m_rerun);
    bar->addWidget(m_resume);
    bar->addWidget(m_lineage);
    bar->addWidget(m_more);
    bar->addWidget(m_delete);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("runTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunTableModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(RunTableModel::NameColumn,
                                                     QHeaderView::Stretch);
    layout->addWidget(m_view, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_search, &QLineEdit::textChanged, this, &HistoryPage::updateActions);
    connect(reload, &QPushButton::clicked, this, &HistoryPage::refresh);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPage::compareSelected);
    connect(m_delete, &QPushButton::clicked, this, &HistoryPage::confirmDelete);
    connect(m_rerun, &QPushButton::clicked, this, &HistoryPage::rerunSelected);
    connect(m_resume, &QPushButton::clicked, this, &HistoryPage::resumeSelected);
    connect(m_lineage, &QPushButton::clicked, this, &HistoryPage::showLineage);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPage::updateActions);
    connect(m_view, &QTableView::doubleClicked, this, [this] { compareSelected(); });
    refresh();
}

HistoryPage::~HistoryPage() = default;

RunStore* HistoryPage::store()
{
    const QString path = TrainingController::historyPath();
    if (!m_store || path != m_storePath) {
        m_store.reset();
        m_store = std::make_unique<RunStore>(path.toStdString());
        m_storePath = path;
    }
    return m_store.get();
}

void HistoryPage::refresh()
{
    const QList<qint64> selected = selectedRunIds();
    try {
        RunFilter filter;
        filter.limit = 10000;
        std::vector<RunRecord> runs = store()->listRuns(filter);
        std::map<qint64, RunTableModel::Score> scores;
        for (const RunRecord& run : runs)
            if (auto best = RunTableModel::bestScore(run, store()->evaluations(run.id)))
                scores[run.id] = *best;
        m_model->setRuns(std::move(runs), std::move(scores));
    } catch (const std::exception& e) {
        m_store.reset();
        m_model->setRuns({});
        showError(tr("The run history could not be read: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    selectRuns(selected);
    updateActions();
}

QList<qint64> HistoryPage::selectedRunIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex& row : std::as_const(rows))
        ids << row.data(RunTableModel::RunIdRole).toLongLong();
    return ids;
}

void HistoryPage::selectRuns(const QList<qint64>& runIds)
{
    QItemSelection selection;
    for (qint64 id : runIds) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (index.isValid())
            selection.select(index, index);
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
}

void HistoryPage::setSearchText(const QString& text)
{
    m_search->setText(text);
}

int HistoryPage::visibleRunCount() const
{
    return m_proxy->rowCount();
}

CompareDialog* HistoryPage::compareSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() < 2)
        return nullptr;
    try {
        auto* dialog = new CompareDialog(m_storePath, ids, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        return dialog;
    } catch (const std::exception& e) {
        showError(tr("The runs could not be compared: %1").arg(QString::fromUtf8(e.what())));
        return nullptr;
    }
}

void HistoryPage::confirmDelete()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete runs"),
        tr("Delete %n run(s) from the history? Their metrics and evaluations are removed; model "
           "files on disk are kept.",
           nullptr, static_cast<int>(ids.size())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteRuns(ids);
}

bool HistoryPage::deleteRuns(const QList<qint64>& runIds)
{
    try {
        for (qint64 id : runIds)
            store()->deleteRun(id);
    } catch (const std::exception& e) {
        refresh();
        showError(tr("The runs could not be deleted: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    refresh();
    return true;
}

void HistoryPage::updateActions()
{
    const int selected = static_cast<int>(selectedRunIds().size());
    m_compare->setEnabled(selected >= 2);
    m_delete->setEnabled(selected >= 1);
    m_rerun->setEnabled(selected == 1);
    m_lineage->setEnabled(selected == 1);
    m_more->setEnabled(selected == 1 || visibleRunCount() > 0);
    m_resume->setEnabled(selected == 1 && canResume(selectedRunIds().front()));
    m_status->setStyleSheet(QString());
    m_status->setText(tr("%n run(s) shown", nullptr, visibleRunCount()) +
                      (selected > 0 ? tr(", %n selected", nullptr, selected) : QString()));
}

SearchDialog* HistoryPage::openSearch()
{
    const QList<qint64> selected = selectedRunIds();
    if (selected.size() != 1)
        return nullptr;
    const qint64 runId = selected.front();
    try {
        RunRecord run = store()->requireRun(runId);
        // A trial opens the search it belongs to.
        if (run.parentId && hasTag(run, "trial"))
            run = store()->requireRun(*run.parentId);
        if (!hasTag(run, "study")) {
            showError(tr("Run %1 is not a search or a trial of one.").arg(runId));
            return nullptr;
        }
        const TrainSpec spec = TrainSpec::fromJson(nlohmann::json::parse(run.specJson));
        auto* dialog = new SearchDialog(spec, TrainingController::historyPath(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &SearchDialog::studyFinished, this, &HistoryPage::refresh);
        dialog->show();
        return dialog;
    } catch (const std::exception& e) {
        showError(tr("The search of run %1 cannot be opened: %2")
                      .arg(runId)
                      .arg(QString::fromUtf8(e.what())));
        return nullptr;
    }
}

LineageDialog* HistoryPage::showLineage()
{
    const QList<qint64> selected = selectedRunIds();
    if (selected.size() != 1)
        return nullptr;
    try {
        auto* dialog = new LineageDialog(*store(), selected.front(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &LineageDialog::runActivated, this,
                [this](qint64 runId) { selectRuns({runId}); });
        connect(dialog, &LineageDialog::compareRequested, this, [this](const QList<qint64>& ids) {
            m_search->clear(); // both runs must be shown to be selected
            selectRuns(ids);
            compareSelected();
        });
        dialog->show();
        return dialog;
    } catch (const std::exception& e) {
        showError(tr("The lineage of run %1 cannot be read: %2")
                      .arg(selected.front())
                      .arg(QString::fromUtf8(e.what())));
        return nullptr;
    }
}

bool HistoryPage::specOf(qint64 runId, TrainSpec& spec)
{
    try {
        spec = TrainSpec::fromJson(nlohmann::json::parse(store()->requireRun(runId).specJson));
        return true;
    } catch (const std::exception& e) {
        showError(tr("The settings of run %1 cannot be read: %2")
                      .arg(runId)
                      .arg(QString::fromUtf8(e.what())));
        return false;
    }
}

bool HistoryPage::canResume(qint64 runId)
{
    try {
        const auto run = store()->run(runId);
        return run &&
               (run->status == RunStatus::Cancelled || run->status == RunStatus::Failed ||
                run->status == RunStatus::Interrupted) &&
               store()->lastCheckpoint(runId).has_value();
    } catch (const std::exception&) {
        return false;
    }
}

void HistoryPage::rerunSelected()
{
    const QList<qint64> ids = selectedRunIds();
    TrainSpec spec;
    if (ids.size() != 1 || !specOf(ids.front(), spec))
        return;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    spec.name += "-rerun-" + stamp.toStdString();
    const QFileInfo output(QString::fromStdString(spec.outputDir));
    spec.outputDir =
        (output.path() + QLatin1Char('/') + output.fileName() + QStringLiteral("-rerun-") + stamp)
            .toStdString();
    emit rerunRequested(spec, ids.front());
}

void HistoryPage::resumeSelected()
{
    const QList<qint64> ids = selectedRunIds();
    TrainSpec spec;
    if (ids.size() == 1 && canResume(ids.front()) && specOf(ids.front(), spec))
        emit resumeRequested(spec, ids.front());
}

void HistoryPage::editSelected()
{
    const QList<qint64> ids = selectedRunIds();
    TrainSpec spec;
    if (ids.size() == 1 && specOf(ids.front(), spec))
        emit editRequested(spec);
}

bool HistoryPage::exportCsv(const QString& file)
{
    const auto quote = [](QString value) {
        if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
            value.contains(QLatin1Char('\n')))
            value = QLatin1Char('"') + value.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
                    QLatin1Char('"');
        return value;
    };
    QString csv;
    QStringList cells;
    for (int column = 0; column < m_proxy->columnCount(); ++column)
        cells << quote(m_proxy->headerData(column, Qt::Horizontal).toString());
    csv += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        cells.clear();
        for (int column = 0; column < m_proxy->columnCount(); ++column)
            cells << quote(m_proxy->index(row, column).data().toString());
        csv += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    QSaveFile out(file);
    const QByteArray bytes = csv.toUtf8();
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        showError(tr("Cannot write %1: %2").arg(file, out.errorString()));
        return false;
    }
    m_status->setText(tr("%n run(s) written to %1", nullptr, m_proxy->rowCount()).arg(file));
    return true;
}

void HistoryPage::showError(const QString& message)
{
    m_status->setStyleSheet(QStringLiteral("QLabel { color: #b02a37; }"));
    m_status->setText(message);
}

} // namespace domaintune::ui
