#pragma once

#include "core/train/trainspec.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace domaintune::ui {

class DashboardPage;
class HistoryPage;
class ModelsPage;
class NewRunPage;
class SettingsPage;
class TrainingController;
class TryItPage;

/**
 * The application shell: a navigation list on the left, one page per section on the right.
 * Owns no work of its own; pages do. Lives on the GUI thread.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /** Returns the navigation index of the page being shown. */
    int currentPage() const;
    /** Shows the page at @p index of the navigation list. */
    void showPage(int index);
    /** Returns how many pages the navigation offers. */
    int pageCount() const;

    /** Returns the controller that runs trainings for this window. */
    TrainingController* trainingController() const { return m_controller; }
    /** The sections, in navigation order (Ctrl+1 … Ctrl+7). */
    enum Section
    {
        NewRunSection,
        DashboardSection,
        HistorySection,
        ModelsSection,
        TryItSection,
        SettingsSection,
        SystemSection
    };

    NewRunPage* newRunPage() const { return m_newRun; }
    DashboardPage* dashboardPage() const { return m_dashboard; }
    HistoryPage* historyPage() const { return m_history; }
    ModelsPage* modelsPage() const { return m_models; }
    TryItPage* tryItPage() const { return m_tryIt; }
    SettingsPage* settingsPage() const { return m_settings; }
    /** Starts @p spec (resuming or re-running @p parentRunId when > 0) and shows the
     * dashboard; returns false with the reason in the status bar. */
    bool startRun(const TrainSpec& spec, bool resume = false, qint64 parentRunId = 0);
    /** Opens the quick-run dialog; on OK starts the run and shows the dashboard. */
    void startQuickRun();
    /** The question asked when the window closes during a run (null when none is open). */
    QWidget* quitQuestion() const { return m_quitQuestion; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addPage(QWidget* page, const QString& title, const QString& shortcut);
    void createMenus();
    void connectPages();
    void restoreState();
    /** Asks what to do with the run in progress; returns true when the window may close. */
    bool confirmQuit();
    /** Asks before quitting stops a running search; returns true when the window may close
     * (the searches then stop at their next step, resumable). */
    bool confirmQuitSearches();

    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
    TrainingController* m_controller = nullptr;
    QWidget* m_quitQuestion = nullptr;
    bool m_quitWhenStopped = false; ///< Stop was chosen on quit: close once the run has ended.
    NewRunPage* m_newRun = nullptr;
    DashboardPage* m_dashboard = nullptr;
    HistoryPage* m_history = nullptr;
    ModelsPage* m_models = nullptr;
    TryItPage* m_tryIt = nullptr;
    SettingsPage* m_settings = nullptr;
};

} // namespace domaintune::ui
