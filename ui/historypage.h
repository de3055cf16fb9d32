#pragma once

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
class RunTableModel;

/**
 * The run history: a searchable, sortable table of the runs in the history file
 * (TrainingController::historyPath()), with refresh, compare (two or more selected runs) and
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
    QLabel* m_status = nullptr;
};

} // namespace domaintune::ui
