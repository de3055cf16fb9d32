#include "ui/mainwindow.h"

#include "domaintune/version.h"
#include "ui/systempage.h"

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
    setCentralWidget(splitter);

    addPage(new SystemPage(m_pages), tr("Overview"), QStringLiteral("Ctrl+1"));

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

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About DomainTune"), this, [this] {
        QMessageBox::about(this, tr("About DomainTune"),
                           tr("<b>DomainTune %1</b><p>Adapts pretrained language models to "
                              "finance, medicine, law and other domains, offline.</p>")
                               .arg(QStringLiteral(DOMAINTUNE_VERSION)));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
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
