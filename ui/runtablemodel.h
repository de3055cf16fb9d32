#pragma once

#include "core/store/evaluationrecord.h"
#include "core/store/runrecord.h"

#include <QAbstractTableModel>

#include <map>
#include <optional>
#include <vector>

namespace domaintune::ui {

/**
 * The runs of the history as a table: id, name, task, domain, status, best score (the task's
 * main metric, translated, with its step in the tooltip), created, duration and the base model (its
 * Hub id, or the folder's name; where it came from in the tooltip). Qt::DisplayRole gives text,
 * SortRole the raw value to sort by (numbers and timestamps), and RunIdRole the run's id. setRuns()
 * replaces the rows (one model reset). GUI thread only.
 */
class RunTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        NameColumn,
        TaskColumn,
        DomainColumn,
        StatusColumn,
        ScoreColumn,
        CreatedColumn,
        DurationColumn,
        ModelColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        RunIdRole,
        SearchRole ///< The text a search matches: what is shown, and the raw task/domain key.
    };

    explicit RunTableModel(QObject* parent = nullptr);

    /** A run's best evaluation by its task's main metric. */
    struct Score
    {
        QString metric;
        double value = 0;
        qint64 step = 0;
    };
    /** The best validation evaluation of @p run among @p evaluations, by the main metric of
     *  its task (higher or lower is better as the metric says); nullopt without one. */
    static std::optional<Score> bestScore(const RunRecord& run,
                                          const std::vector<EvaluationRecord>& evaluations);

    void setRuns(std::vector<RunRecord> runs, std::map<qint64, Score> scores = {});
    const std::vector<RunRecord>& runs() const { return m_runs; }
    /** Returns the row of run @p runId, or -1. */
    int rowOf(qint64 runId) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /** Returns the translated name of @p status for display. */
    static QString statusText(RunStatus status);

    /** The base model's short name: its Hub id, else the folder's name. */
    static QString modelName(const RunRecord& run);

private:
    static QVariant modelToolTip(const RunRecord& run);
    QVariant displayValue(const RunRecord& run, int column) const;
    QVariant sortValue(const RunRecord& run, int column) const;

    std::vector<RunRecord> m_runs;
    std::map<qint64, Score> m_scores;
};

} // namespace domaintune::ui
