#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace domaintune::ui {

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

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addPage(QWidget* page, const QString& title, const QString& shortcut);
    void createMenus();
    void restoreState();

    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
};

} // namespace domaintune::ui
