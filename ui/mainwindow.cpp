#include "ui/mainwindow.h"

#include "domaintune/version.h"
#include "ui/dashboardpage.h"
#include "ui/exportdialog.h"
#include "ui/historypage.h"
#include "ui/modelspage.h"
#include "ui/newrunpage.h"
#include "ui/proceedquestion.h"
#include "ui/quickrundialog.h"
#include "ui/searchdialog.h"
#include "ui/settingspage.h"
#include "ui/systempage.h"
#include "ui/trainingcontroller.h"
#include "ui/tryitpage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
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
    m_newRun = new NewRunPage(m_pages);
    m_dashboard = new DashboardPage(m_pages);
    m_dashboard->setController(m_controller);
    m_history = new HistoryPage(m_pages);
    m_models = new ModelsPage(m_pages);
    m_tryIt = new TryItPage(m_pages);
    m_settings = new SettingsPage(m_pages);
    addPage(m_newRun, tr("New run"), QStringLiteral("Ctrl+1"));
    addPage(m_dashboard, tr("Dashboard"), QStringLiteral("Ctrl+2"));
    addPage(m_history, tr("History"), QStringLiteral("Ctrl+3"));
    addPage(m_models, tr("Models"), QStringLiteral("Ctrl+4"));
    addPage(m_tryIt, tr("Try it"), QStringLiteral("Ctrl+5"));
    addPage(m_settings, tr("Settings"), QStringLiteral("Ctrl+6"));
    addPage(new SystemPage(m_pages), tr("System"), QStringLiteral("Ctrl+7"));
    connectPages();

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

void MainWindow::connectPages()
{
    // The history follows the runs: a new run appears at once, its final status at the end.
    connect(m_controller, &TrainingController::runRecorded, m_history, &HistoryPage::refresh);
    connect(m_controller, &TrainingController::finished, m_history, &HistoryPage::refresh);
    connect(m_controller, &TrainingController::finished, m_models, &ModelsPage::refresh);
    connect(m_controller, &TrainingController::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_controller, &TrainingController::stateChanged, this,
            [this](TrainingController::State state) {
                if (state == TrainingController::State::Idle && m_quitWhenStopped) {
                    m_quitWhenStopped = false;
                    QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
                }
            });
    connect(m_newRun, &NewRunPage::runRequested, this,
            [this](const TrainSpec& spec) { startRun(spec); });
    connect(m_history, &HistoryPage::rerunRequested, this,
            [this](const TrainSpec& spec, qint64 parent) { startRun(spec, false, parent); });
    connect(m_history, &HistoryPage::resumeRequested, this,
            [this](const TrainSpec& spec, qint64 run) { startRun(spec, true, run); });
    connect(m_history, &HistoryPage::editRequested, this, [this](const TrainSpec& spec) {
        m_newRun->edit(spec);
        showPage(NewRunSection);
    });
    connect(m_history, &HistoryPage::exportRequested, this, [this](qint64 runId) {
        auto* dialog = new ExportDialog(TrainingController::historyPath(), runId, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(m_models, &ModelsPage::fineTuneRequested, this, [this](const QString& folder) {
        m_newRun->useModel(folder);
        showPage(NewRunSection);
    });
    connect(m_models, &ModelsPage::tryRequested, this, [this](const QString& folder) {
        m_tryIt->loadModel(folder);
        showPage(TryItSection);
    });
    connect(m_settings, &SettingsPage::historyPathChanged, m_history, &HistoryPage::refresh);
    connect(m_settings, &SettingsPage::historyPathChanged, m_models, &ModelsPage::refresh);
}

bool MainWindow::startRun(const TrainSpec& spec, bool resume, qint64 parentRunId)
{
    if (m_controller->isBusy()) {
        QMessageBox::information(this, tr("New run"),
                                 tr("A run is already in progress. Cancel it on the dashboard "
                                    "or wait until it ends."));
        return false;
    }
    if (!m_controller->start(spec, resume, parentRunId))
        return false;
    showPage(DashboardSection);
    return true;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open run template…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a run template"),
                                                          SettingsPage::dataLocation() +
                                                              QStringLiteral("/templates"),
                                                          tr("Run templates (*.json)"));
        if (!path.isEmpty() && m_newRun->openTemplate(path))
            showPage(NewRunSection);
    });
    file->addSeparator();
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
    if (dialog.exec() == QDialog::Accepted)
        startRun(dialog.spec());
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1100, 720);
    // A first start opens the wizard, ready on the starter model when set-up built it.
    const int page = settings.value(QStringLiteral("mainWindow/page"), int(NewRunSection)).toInt();
    showPage(page >= 0 && page < pageCount() ? page : 0);
}

bool MainWindow::confirmQuit()
{
    if (!m_controller->isBusy())
        return true;
    if (m_quitWhenStopped)
        return false; // already stopping; the window closes when the checkpoint is saved
    if (!askToProceed(this, tr("A run is in progress"),
                      tr("A training run is in progress. Quitting stops it."),
                      tr("<b>Stop and quit</b> saves a checkpoint first: resume the run "
                         "later from History. <b>Keep training</b> leaves the window open."),
                      tr("&Stop and quit"), tr("&Keep training"), m_quitQuestion))
        return false;
    if (!m_controller->isBusy())
        return true; // the run ended while the question was open
    m_quitWhenStopped = true;
    statusBar()->showMessage(tr("Stopping the run and saving a checkpoint; the window closes "
                                "when that is done…"));
    showPage(DashboardSection);
    m_controller->cancel();
    return false;
}

bool MainWindow::confirmQuitSearches()
{
    QList<SearchDialog*> running;
    for (SearchDialog* search : findChildren<SearchDialog*>())
        if (search->isRunning())
            running << search;
    if (running.isEmpty())
        return true;
    if (!askToProceed(this, tr("A search is running"),
                      tr("A hyper-parameter search is running. Quitting stops it after the "
                         "current step."),
                      tr("Continue it later: History ▸ More ▸ Open search…, then tick "
                         "“Continue the search”."),
                      tr("&Stop and quit"), tr("&Keep searching"), m_quitQuestion))
        return false;
    for (SearchDialog* search : running)
        search->stop();
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmQuitSearches() || !confirmQuit()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/page"), currentPage());
    QMainWindow::closeEvent(event);
}

} // namespace domaintune::ui
