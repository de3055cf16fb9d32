#pragma once

#include <QDialog>
#include <QList>

#include <memory>

class QCheckBox;
class QComboBox;
class QTabWidget;
class QTableWidget;

namespace domaintune {
class RunStore;
}

namespace domaintune::ui {

class ConfusionMatrixView;
class LivePlot;

/**
 * Compares two or more runs of the history: one metric's curves overlaid (by step or by wall
 * time), the runs' parameters side by side (optionally only those that differ), each run's
 * best value of the metric, and each run's last validation evaluation: its metrics in one table
 * and its confusion matrix beside the others' (counts, or shares of each true class for runs
 * of different sizes). Opens its own read connection to the history. GUI thread only.
 */
class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    CompareDialog(const QString& historyPath, const QList<qint64>& runIds,
                  QWidget* parent = nullptr);
    ~CompareDialog() override;

    /** Shows metric @p name ("eval/f1_macro", "train/loss", ...) when the runs have it. */
    void setMetric(const QString& name);
    QString metric() const;
    void setDifferencesOnly(bool only);

    LivePlot* plot() const { return m_plot; }
    QTableWidget* parameterTable() const { return m_parameters; }
    QTableWidget* bestTable() const { return m_best; }
    /** Metrics (rows) of each run's last validation evaluation (columns). */
    QTableWidget* finalTable() const { return m_final; }
    /** One confusion matrix per run, in the runs' order (empty for a run without one). */
    const QList<ConfusionMatrixView*>& confusionViews() const { return m_matrices; }
    /** Brings the Final evaluation tab to the front. */
    void showFinalEvaluation();
    /** Shows every matrix as shares of its true class (or as counts). */
    void setMatricesNormalized(bool normalized);

private:
    QWidget* createViews();
    void loadMetricNames();
    void showCurves();
    void showParameters();
    void showBest();
    QWidget* createFinalEvaluation(QWidget* parent);
    QString runLabel(int index) const;

    std::unique_ptr<RunStore> m_store;
    QList<qint64> m_runIds;
    QStringList m_runNames;
    QComboBox* m_metric = nullptr;
    QComboBox* m_axis = nullptr;
    QCheckBox* m_differencesOnly = nullptr;
    LivePlot* m_plot = nullptr;
    QTableWidget* m_parameters = nullptr;
    QTableWidget* m_best = nullptr;
    QTableWidget* m_final = nullptr;
    QCheckBox* m_normalized = nullptr;
    QTabWidget* m_tabs = nullptr;
    QList<ConfusionMatrixView*> m_matrices;
};

} // namespace domaintune::ui
