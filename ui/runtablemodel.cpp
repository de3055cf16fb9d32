#include "ui/runtablemodel.h"

#include "core/hub/modelprovenance.h"
#include "core/train/bestevaluation.h"
#include "ui/durationtext.h"
#include "ui/metrictext.h"
#include "ui/tasktext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFileInfo>

#include <limits>
#include <nlohmann/json.hpp>

namespace domaintune::ui {
namespace {

std::optional<double> durationSeconds(const RunRecord& run)
{
    if (!run.startedAt)
        return std::nullopt;
    const std::int64_t end =
        run.endedAt ? *run.endedAt : (isTerminal(run.status) ? *run.startedAt : nowMs());
    return static_cast<double>(end - *run.startedAt) / 1000.0;
}

QColor statusColor(RunStatus status)
{
    switch (status) {
    case RunStatus::Completed:
        return QColor(25, 135, 84);
    case RunStatus::Failed:
    case RunStatus::Interrupted:
        return QColor(176, 42, 55);
    case RunStatus::Running:
        return QColor(13, 110, 253);
    default:
        return {};
    }
}

} // namespace

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunTableModel::setRuns(std::vector<RunRecord> runs, std::map<qint64, Score> scores)
{
    beginResetModel();
    m_runs = std::move(runs);
    m_scores = std::move(scores);
    endResetModel();
}

std::optional<RunTableModel::Score>
RunTableModel::bestScore(const RunRecord& run, const std::vector<EvaluationRecord>& evaluations)
{
    const BestEvaluation best = bestEvaluation(evaluations, run.task);
    if (!best.evaluation)
        return std::nullopt;
    return Score{QString::fromStdString(best.metric), best.value, best.evaluation->step};
}

int RunTableModel::rowOf(qint64 runId) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == runId)
            return static_cast<int>(i);
    return -1;
}

int RunTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRecord& run = m_runs[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(run, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ModelColumn)
            return modelToolTip(run);
        if (index.column() == ScoreColumn) {
            const auto found = m_scores.find(run.id);
            return found == m_scores.end() ? QVariant()
                                           : QVariant(tr("best %1, at step %2")
                                                          .arg(metricText(found->second.metric))
                                                          .arg(found->second.step));
        }
        return index.column() == NameColumn && !run.notes.empty()
                   ? QVariant(QString::fromStdString(run.notes))
                   : QVariant();
    case Qt::ForegroundRole: {
        const QColor color = statusColor(run.status);
        return index.column() == StatusColumn && color.isValid() ? QVariant(QBrush(color))
                                                                 : QVariant();
    }
    case Qt::TextAlignmentRole:
        return index.column() == IdColumn || index.column() == DurationColumn ||
                       index.column() == ScoreColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case SortRole:
        return sortValue(run, index.column());
    case SearchRole:
        if (index.column() == TaskColumn)
            return displayValue(run, index.column()).toString() + QLatin1Char(' ') +
                   QString::fromStdString(run.task);
        if (index.column() == DomainColumn)
            return displayValue(run, index.column()).toString() + QLatin1Char(' ') +
                   QString::fromStdString(run.domain);
        return displayValue(run, index.column());
    case RunIdRole:
        return QVariant::fromValue<qint64>(run.id);
    default:
        return {};
    }
}

namespace {

nlohmann::json modelSourceOf(const RunRecord& run)
{
    try {
        return nlohmann::json::parse(run.modelSourceJson);
    } catch (const nlohmann::json::exception&) {
        return nlohmann::json::object();
    }
}

} // namespace

QString RunTableModel::modelName(const RunRecord& run)
{
    const nlohmann::json source = modelSourceOf(run);
    if (source.is_object() && source.value("kind", "") == "hub-cache" && source.contains("id") &&
        source["id"].is_string())
        return QString::fromStdString(source["id"].get<std::string>());
    return QFileInfo(QString::fromStdString(run.modelPath)).fileName();
}

QVariant RunTableModel::modelToolTip(const RunRecord& run)
{
    const nlohmann::json source = modelSourceOf(run);
    const QString summary = QString::fromStdString(provenanceSummary(source));
    const QString path = QString::fromStdString(run.modelPath);
    if (summary.isEmpty())
        return path.isEmpty() ? QVariant() : QVariant(path);
    return summary == path || path.isEmpty() ? summary : tr("%1\nfrom %2").arg(summary, path);
}

QVariant RunTableModel::displayValue(const RunRecord& run, int column) const
{
    switch (column) {
    case IdColumn:
        return QVariant::fromValue<qint64>(run.id);
    case NameColumn: {
        const QString name = QString::fromStdString(run.name);
        // A study's trials are its children: shown with the study's id.
        if (run.parentId && hasTag(run, "trial"))
            return tr("%1 (search %2)").arg(name).arg(*run.parentId);
        return name;
    }
    case TaskColumn:
        if (hasTag(run, "few-shot"))
            return tr("%1 (few-shot)").arg(taskTitle(QString::fromStdString(run.task)));
        return taskTitle(QString::fromStdString(run.task));
    case DomainColumn:
        return domainTitle(QString::fromStdString(run.domain));
    case StatusColumn:
        if (hasTag(run, "pruned") && run.status == RunStatus::Cancelled)
            return tr("stopped early (ASHA)");
        if (hasTag(run, "study"))
            return tr("search: %1").arg(statusText(run.status));
        return statusText(run.status);
    case ScoreColumn: {
        const auto found = m_scores.find(run.id);
        return found == m_scores.end()
                   ? QString()
                   : QStringLiteral("%1 %2").arg(metricText(found->second.metric),
                                                 QLocale().toString(found->second.value, 'f', 3));
    }
    case CreatedColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(run.createdAt),
                                  QLocale::ShortFormat);
    case DurationColumn: {
        const auto seconds = durationSeconds(run);
        return seconds ? durationText(*seconds) : QString();
    }
    case ModelColumn:
        return modelName(run);
    default:
        return {};
    }
}

QVariant RunTableModel::sortValue(const RunRecord& run, int column) const
{
    switch (column) {
    case IdColumn:
        return QVariant::fromValue<qint64>(run.id);
    case CreatedColumn:
        return QVariant::fromValue<qint64>(run.createdAt);
    case DurationColumn:
        return durationSeconds(run).value_or(-1.0);
    case ScoreColumn: {
        const auto found = m_scores.find(run.id);
        // Runs without a score sort below every score.
        return found == m_scores.end() ? std::numeric_limits<double>::lowest()
                                       : found->second.value;
    }
    default:
        return displayValue(run, column);
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case NameColumn:
        return tr("Name");
    case TaskColumn:
        return tr("Task");
    case DomainColumn:
        return tr("Domain");
    case StatusColumn:
        return tr("Status");
    case ScoreColumn:
        return tr("Best score");
    case CreatedColumn:
        return tr("Created");
    case DurationColumn:
        return tr("Duration");
    case ModelColumn:
        return tr("Model");
    default:
        return {};
    }
}

QString RunTableModel::statusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued:
        return tr("queued");
    case RunStatus::Running:
        return tr("running");
    case RunStatus::Paused:
        return tr("paused");
    case RunStatus::Completed:
        return tr("completed");
    case RunStatus::Failed:
        return tr("failed");
    case RunStatus::Cancelled:
        return tr("cancelled");
    case RunStatus::Interrupted:
        return tr("interrupted");
    }
    return {};
}

} // namespace domaintune::ui
