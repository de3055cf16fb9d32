#pragma once

#include "core/train/trainer.h"
#include "core/train/trainingevents.h"
#include "ui/trainingcontroller.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QSlider;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QToolButton;

namespace domaintune::ui {

class ConfusionMatrixView;
class LivePlot;

/**
 * The training dashboard: progress with ETA, pause/resume/cancel, live charts (training loss raw
 * and smoothed, evaluation loss, learning rate, evaluation metrics, throughput), the latest
 * confusion matrix and per-class table, and a log. Fed by a TrainingController's signals; the
 * charts redraw from their own timers, never per event. GUI thread only.
 */
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    enum class Chart
    {
        TrainingLoss,
        EvaluationLoss,
        LearningRate,
        Metrics,
        Throughput
    };

    explicit DashboardPage(QWidget* parent = nullptr);

    /** Follows @p controller's runs (signals and buttons); the controller outlives the page. */
    void setController(TrainingController* controller);

    LivePlot* chart(Chart which) const;
    ConfusionMatrixView* confusionMatrix() const { return m_confusion; }
    QTableWidget* perClassTable() const { return m_perClass; }
    /** Saves every chart as @p format ("png" or "pdf") into @p folder; returns files written. */
    int exportCharts(const QString& folder, const QString& format);

public slots:
    void reset();
    void showStarted(const domaintune::TrainingEvent& event);
    void showStep(const domaintune::TrainingEvent& event);
    void showEvaluation(const domaintune::TrainingEvent& event);
    void showFinished(const domaintune::TrainResult& result);
    void showFailure(const QString& message);
    void appendLog(const QString& message);

private:
    QWidget* createHeader();
    void connectButtons();
    QWidget* createCharts();
    QWidget* createDetails();
    void showState(TrainingController::State state);
    void showProgress(const TrainingEvent& event);
    void showScore(const TrainingEvent& event);
    /** Recomputes the smoothed loss from the raw one with the slider's weight. */
    void resmooth();
    void showPerClass(const std::vector<ClassMetrics>& rows);
    void addMetricPoint(const QString& name, double step, double value);
    void exportWithDialog(const QString& format);

    QPointer<TrainingController> m_controller;
    QLabel* m_title = nullptr;
    QLabel* m_eta = nullptr;
    QLabel* m_score = nullptr;      ///< The main metric: latest and best evaluation, large.
    QSlider* m_smoothing = nullptr; ///< Weight of the past in the smoothed loss (0 .. 0.99).
    QString m_scoreMetric;          ///< The metric m_score shows.
    double m_bestScore = 0;
    qint64 m_bestStep = -1;
    qint64 m_lastStep = 0;
    double m_lastElapsed = 0;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_cancel = nullptr;
    QToolButton* m_export = nullptr;
    QList<LivePlot*> m_charts;
    ConfusionMatrixView* m_confusion = nullptr;
    QTableWidget* m_perClass = nullptr;
    QPlainTextEdit* m_log = nullptr;
    TrainingController::State m_state = TrainingController::State::Idle;
    QHash<QString, int> m_metricCurves;
    double m_ema = 0;
    double m_emaWeight = 0;
};

} // namespace domaintune::ui
