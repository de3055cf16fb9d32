#pragma once

#include "core/train/trainspec.h"
#include "core/tune/study.h"

#include <QDialog>
#include <QPointer>
#include <QThread>

#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace domaintune {
class TrainingControl;
struct TrainingEvent;
} // namespace domaintune

namespace domaintune::ui {

/**
 * The hyper-parameter search of the New run wizard: the study's settings (trials, time
 * budget, sampler, early stopping of weak trials by ASHA) and its search space (a row per
 * setting with its range, sensible defaults for the task and what trains), then the study
 * itself: the running trial's progress, a table of the trials, a scatter plot of one setting
 * against the score, the scores over the trials with the best so far, and the best trial
 * against the user's own settings (trial 0). The study runs on a worker thread; Stop ends it
 * resumably, and a folder that holds a stopped study offers to resume it. Every trial is a run
 * in the History. Object names for tests: "trials", "budget", "sampler", "pruning", "space",
 * "start", "stop", "trialTable", "best", "status", "scatter", "timeline", "scatterParameter".
 */
class SearchDialog : public QDialog
{
    Q_OBJECT

public:
    /** @p base: the run the wizard describes (validated); the study writes into its output
     * folder and records into @p historyPath. */
    SearchDialog(TrainSpec base, QString historyPath, QWidget* parent = nullptr);
    ~SearchDialog() override;

    bool isRunning() const { return m_thread != nullptr; }
    /** The study's result once it ended (status empty before). */
    const StudyResult& result() const { return m_result; }

public slots:
    void start();
    void stop();

signals:
    /** The study ended (completed, out of time, stopped or failed). */
    void studyFinished();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    /** The default space for the run, with epochs (and top layers) offered. */
    void fillDefaultSpace();
    void fillSpace(const SearchSpace& space, const std::vector<bool>& checked);
    /** Shows the search already in the output folder: its settings and trials. */
    void showExisting();
    /** The space the table describes; throws domaintune::Error naming the row at fault. */
    SearchSpace spaceFromTable() const;
    void onEvent(const domaintune::TrainingEvent& event);
    void onTrial(const TrialOutcome& trial);
    void onDone(const StudyResult& result);
    void setRunning(bool running);
    void replot();
    void showBest();

    TrainSpec m_base;
    QString m_historyPath;
    std::string m_metric;
    bool m_maximize = true;
    std::vector<TrialOutcome> m_trials;
    /** The settings of the search already in the folder (continuing uses them). */
    std::unique_ptr<StudyOptions> m_saved;
    StudyResult m_result;
    QPointer<QThread> m_thread;
    std::shared_ptr<TrainingControl> m_control;

    QSpinBox* m_trialCount = nullptr;
    QSpinBox* m_budget = nullptr;
    QComboBox* m_sampler = nullptr;
    QCheckBox* m_pruning = nullptr;
    QCheckBox* m_resume = nullptr;
    QTableWidget* m_space = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_best = nullptr;
    QComboBox* m_scatterParameter = nullptr;
    QCustomPlot* m_scatter = nullptr;
    QCustomPlot* m_timeline = nullptr;
};

/** The translated title of a searched run-spec key ("learning_rate" -> "Learning rate"). */
QString searchParameterTitle(const std::string& key);
/** The translated title of a trial's state ("pruned" -> "Stopped early (ASHA)"). */
QString trialStateTitle(const std::string& state);

} // namespace domaintune::ui
