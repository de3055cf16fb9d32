#pragma once

#include <QDialog>
#include <QList>

#include <memory>

class QCheckBox;
class QComboBox;
class QTableWidget;

namespace domaintune {
class RunStore;
}

namespace domaintune::ui {

class LivePlot;

/**
 * Compares two or more runs of the history: one metric's curves overlaid (by step or by wall
 * time), the runs' parameters side by side (optionally only those that differ) and each run's
 * best value of the metric. Opens its own read connection to the history. GUI thread only.
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

private:
    QWidget* createViews();
    void loadMetricNames();
    void showCurves();
    void showParameters();
    void showBest();
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
};

} // namespace domaintune::ui
