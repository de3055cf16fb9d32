#include "ui/mainwindow.h"

#include "domaintune/version.h"
#include "ui/dashboardpage.h"
#include "ui/historypage.h"
#include "ui/quickrundialog.h"
#include "ui/systempage.h"
#include "ui/trainingcontroller.h"
#include "ui/tryitpage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace domaintune::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("DomainTune"));

    auto* splitter = new QSplitter(this);
    m_navigation = new QListWidget(splitter);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Sections"));
    m_navigation->setMaximumWidth(220);
    m_pages = new QStackedWidget(splitter);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(1, false);
    splitter->setSizes({200, 900}); // The navigation keeps its width; pages take the rest.
    setCentralWidget(splitter);

    m_controller = new TrainingController(this);
    m_dashboard = new DashboardPage(m_pages);
    m_dashboard->setController(m_controller);
    m_history = new HistoryPage(m_pages);
    addPage(new SystemPage(m_pages), tr("Overview"), QStringLiteral("Ctrl+1"));
    addPage(m_dashboard, tr("Dashboard"), QStringLiteral("Ctrl+2"));
    addPage(m_history, tr("History"), QStringLiteral("Ctrl+3"));
    addPage(new TryItPage(m_pages), tr("Try it"), QStringLiteral("Ctrl+4"));
    // The history follows the runs: a new run appears at once, its final status at the end.
    connect(m_controller, &TrainingController::runRecorded, m_history, &HistoryPage::refresh);
    connect(m_controller, &TrainingController::finished, m_history, &HistoryPage::refresh);
    connect(m_controller, &TrainingController::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);
    createMenus();
    statusBar()->showMessage(tr("Ready"));
    restoreState();
}

MainWindow::~MainWindow() = default;

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}

void MainWindow::showPage(int index)
{
    m_navigation->setCurrentRow(index);
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

void MainWindow::addPage(QWidget* page, const QString& title, const QString& shortcut)
{
    const int index = m_pages->addWidget(page);
    auto* item = new QListWidgetItem(title, m_navigation);
    item->setToolTip(
        tr("%1 (%2)").arg(title, QKeySequence(shortcut).toString(QKeySequence::NativeText)));
    auto* jump = new QShortcut(QKeySequence(shortcut), this);
    connect(jump, &QShortcut::activated, this, [this, index] { showPage(index); });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    QAction* quick = run->addAction(tr("&Quick run…"), this, &MainWindow::startQuickRun);
    quick->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
    quick->setStatusTip(tr("Fine-tune a model on one file with default settings"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About DomainTune"), this, [this] {
        QMessageBox::about(this, tr("About DomainTune"),
                           tr("<b>DomainTune %1</b><p>Adapts pretrained language models to "
                              "finance, medicine, law and other domains, offline.</p>")
                               .arg(QStringLiteral(DOMAINTUNE_VERSION)));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::startQuickRun()
{
    if (m_controller->isBusy()) {
        QMessageBox::information(this, tr("Quick run"),
                                 tr("A run is already in progress. Cancel it on the dashboard "
                                    "or wait until it ends."));
        return;
    }
    QuickRunDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_controller->start(dialog.spec()))
        showPage(m_pages->indexOf(m_dashboard));
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1100, 720);
    const int page = settings.value(QStringLiteral("mainWindow/page"), 0).toInt();
    showPage(page >= 0 && page < pageCount() ? page : 0);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/page"), currentPage());
    QMainWindow::closeEvent(event);
}

} // namespace domaintune::ui
