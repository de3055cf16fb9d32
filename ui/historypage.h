#pragma once

#include "core/train/trainspec.h"

#include <QList>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace domaintune {
class RunStore;
}

namespace domaintune::ui {

class CompareDialog;
class LineageDialog;
class SearchDialog;
class RunTableModel;

/**
 * The run history: a searchable, sortable table of the runs in the history file
 * (TrainingController::historyPath()), with refresh, compare (two or more selected runs),
 * re-run, edit in the wizard, resume from the last checkpoint, model export, CSV export and
 * delete. Reads through its own connection on the GUI thread; listing is one query. GUI thread
 * only.
 */
class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPage(QWidget* parent = nullptr);
    ~HistoryPage() override;

    RunTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    /** Returns the ids of the selected runs, in table order. */
    QList<qint64> selectedRunIds() const;
    /** Selects the runs @p runIds (those shown). */
    void selectRuns(const QList<qint64>& runIds);
    /** Shows the search text @p text (filters every column). */
    void setSearchText(const QString& text);
    /** Returns how many runs the filtered table shows. */
    int visibleRunCount() const;
    /** Opens the compare view for the selected runs; returns it, or nullptr when < 2. */
    CompareDialog* compareSelected();
    /** Deletes @p runIds from the history without asking; returns false with a message shown. */
    bool deleteRuns(const QList<qint64>& runIds);
    /** Writes the runs the table shows (after filtering) to @p file as CSV; false with a
     * message shown. */
    bool exportCsv(const QString& file);
    /** Returns the spec stored with run @p runId; false with a message shown when unreadable. */
    bool specOf(qint64 runId, TrainSpec& spec);
    /** Returns whether run @p runId can be resumed (it did not complete and left a
     * checkpoint). */
    bool canResume(qint64 runId);
    /** Emits rerunRequested() for the selected run with a new name and output folder. */
    void rerunSelected();
    /** Emits resumeRequested() for the selected run. */
    void resumeSelected();
    /** Emits editRequested() for the selected run. */
    void editSelected();
    /** Opens the search window (SearchDialog) of the selected study run, showing its trials;
     * returns it, or nullptr (with a message) when the run is no search. */
    SearchDialog* openSearch();
    /** Opens the lineage graph of the selected run; returns it, or nullptr. */
    LineageDialog* showLineage();

signals:
    /** Start @p spec now as a new run that re-runs @p parentRunId. */
    void rerunRequested(const domaintune::TrainSpec& spec, qint64 parentRunId);
    /** Show @p spec in the new-run wizard. */
    void editRequested(const domaintune::TrainSpec& spec);
    /** Continue @p runId from its last checkpoint. */
    void resumeRequested(const domaintune::TrainSpec& spec, qint64 runId);
    /** Export the model of @p runId. */
    void exportRequested(qint64 runId);

public slots:
    /** Reloads the list from the history file. */
    void refresh();

private:
    RunStore* store();
    void confirmDelete();
    void updateActions();
    void showError(const QString& message);

    std::unique_ptr<RunStore> m_store;
    QString m_storePath;
    RunTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_compare = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_rerun = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_more = nullptr;
    QPushButton* m_lineage = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace domaintune::ui
