#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace domaintune::ui {

class DashboardPage;
class HistoryPage;
class TrainingController;

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
    DashboardPage* dashboardPage() const { return m_dashboard; }
    HistoryPage* historyPage() const { return m_history; }
    /** Opens the quick-run dialog; on OK starts the run and shows the dashboard. */
    void startQuickRun();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addPage(QWidget* page, const QString& title, const QString& shortcut);
    void createMenus();
    void restoreState();

    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
    TrainingController* m_controller = nullptr;
    DashboardPage* m_dashboard = nullptr;
    HistoryPage* m_history = nullptr;
};

} // namespace domaintune::ui
