#include "core/common/systeminfo.h"
#include "core/trainingfixtures.h"
#include "ui/dashboardpage.h"
#include "ui/historypage.h"
#include "ui/i18n.h"
#include "ui/mainwindow.h"
#include "ui/modelspage.h"
#include "ui/newrunpage.h"
#include "ui/settingspage.h"
#include "ui/systempage.h"
#include "ui/trainingcontroller.h"
#include "ui/tryitpage.h"

#include <QtTest>
#include <QtWidgets>

using namespace domaintune;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DomainTuneTest"));
        QCoreApplication::setApplicationName(QStringLiteral("testmainwindow"));
        QSettings().clear();
        // The history page opens the default history: keep it out of the user's home.
        QVERIFY(m_dir.isValid());
        qputenv("DOMAINTUNE_HISTORY", m_dir.filePath(QStringLiteral("history.sqlite")).toUtf8());
        qputenv("DOMAINTUNE_STARTER_DIR", m_dir.filePath(QStringLiteral("starter")).toUtf8());
    }

    // Closing the window during a run asks: Keep training leaves everything as it was; Stop and
    // quit cancels the run, which saves a checkpoint, and the window closes once it has ended
    // (the history then holds a cancelled, resumable run).
    void quittingMidRunAsks()
    {
        const QString model = QString::fromStdString(
            test::makeTinyClassifier(m_dir.filePath(QStringLiteral("tiny")).toStdString()));
        QFile csv(m_dir.filePath(QStringLiteral("tiny.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("text,label\n");
        for (const Example& example : test::tinySentimentExamples(20))
            csv.write(
                QByteArray::fromStdString(example.text + "," + example.labels.front() + "\n"));
        csv.close();
        TrainSpec spec = test::tinyTrainSpec(
            model.toStdString(), m_dir.filePath(QStringLiteral("quit-run")).toStdString());
        spec.trainFile = csv.fileName().toStdString();
        spec.epochs = 500; // far longer than the test

        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::TrainingController* controller = window.trainingController();
        QVERIFY(window.startRun(spec));
        QSignalSpy steps(controller, &ui::TrainingController::stepLogged);
        QVERIFY(steps.wait(60000));
        // Paused reads as paused, with no time left counted.
        controller->pause();
        const auto* title = window.dashboardPage()->findChild<QLabel*>(QStringLiteral("runTitle"));
        QTRY_VERIFY2(title->text().contains(QStringLiteral("Paused")), qPrintable(title->text()));
        QVERIFY(window.dashboardPage()
                    ->findChild<QLabel*>(QStringLiteral("eta"))
                    ->text()
                    .startsWith(QStringLiteral("paused")));
        controller->resume();

        const auto answer = [&window](const QString& button) {
            QTimer::singleShot(0, &window, [&window, button] {
                QWidget* question = window.quitQuestion();
                QVERIFY(question);
                for (auto* push : question->findChildren<QPushButton*>())
                    if (push->text().remove(QLatin1Char('&')) == button)
                        push->click();
            });
        };
        answer(QStringLiteral("Keep training"));
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QVERIFY(controller->isBusy());

        answer(QStringLiteral("Stop and quit"));
        QVERIFY(!window.close()); // not yet: the run saves its checkpoint first
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 60000);
        QVERIFY(!controller->isBusy());
        QVERIFY(QFile::exists(QString::fromStdString(spec.outputDir) +
                              QStringLiteral("/checkpoint/state.json")));
    }

    void navigatesWithKeyboardShortcuts()
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.pageCount(), 7);
        const QList<QWidget*> pages = {window.newRunPage(),
                                       window.dashboardPage(),
                                       window.historyPage(),
                                       window.modelsPage(),
                                       window.tryItPage(),
                                       window.settingsPage(),
                                       window.findChild<ui::SystemPage*>()};
        for (int index = pages.size() - 1; index >= 0; --index) {
            QVERIFY(pages[index]);
            QTest::keyClick(&window, Qt::Key(Qt::Key_1 + index), Qt::ControlModifier);
            QCOMPARE(window.currentPage(), index);
            QVERIFY(pages[index]->isVisible());
        }
        QVERIFY(window.trainingController());
    }

    void opensWithTheWizardThenRemembersThePage()
    {
        QSettings().clear();
        {
            ui::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(window.windowTitle(), QStringLiteral("DomainTune"));
            QCOMPARE(window.currentPage(), int(ui::MainWindow::NewRunSection));
            QVERIFY(window.newRunPage()->isVisible());
            QVERIFY(!window.menuBar()->actions().isEmpty());
            window.showPage(ui::MainWindow::SystemSection);
            auto* page = window.findChild<ui::SystemPage*>();
            QVERIFY(page->isVisible());
            // The project depends on OpenBLAS, so a correctly set-up machine shows no warning.
            QVERIFY(!page->isBlasWarningShown());
            window.close();
        }
        ui::MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.currentPage(), int(ui::MainWindow::SystemSection));
    }

    void remembersGeometryAcrossRestarts()
    {
        QSettings().clear();
        {
            ui::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(900, 640);
            window.close();
        }
        ui::MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(900, 640));
    }

    void warnsAboutTheReferenceBlas()
    {
        ui::SystemPage page;
        SystemInfo info = collectSystemInfo();
        info.blas.kind = BlasKind::Reference;
        info.blas.library = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0";
        page.setSystemInfo(info);
        QVERIFY(page.isBlasWarningShown());
        auto* banner = page.findChild<QLabel*>(QStringLiteral("blasWarning"));
        QVERIFY(banner);
        QVERIFY(banner->text().contains(QStringLiteral("libopenblas0-pthread")));

        info.blas.kind = BlasKind::OpenBlas;
        page.setSystemInfo(info);
        QVERIFY(!page.isBlasWarningShown());
    }

    void speaksSimplifiedChinese()
    {
        const QString installed = ui::installTranslations(*qApp, QStringLiteral("zh_CN"));
        QCOMPARE(installed, QStringLiteral("zh_CN"));
        ui::MainWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("DomainTune"));
        const auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        const QString first = navigation->item(0)->text();
        QVERIFY2(first != QStringLiteral("New run"),
                 qPrintable(QStringLiteral("not translated: ") + first));
        // Every translated title is Chinese text (CJK Unified Ideographs).
        QVERIFY(std::any_of(first.begin(), first.end(), [](QChar c) {
            return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF;
        }));
        const QString fileMenu = window.menuBar()->actions().first()->text();
        QVERIFY2(!fileMenu.contains(QStringLiteral("File")), qPrintable(fileMenu));
        for (int row = 0; row < navigation->count(); ++row)
            QVERIFY2(navigation->item(row)->text().at(0).unicode() >= 0x4E00,
                     qPrintable(navigation->item(row)->text()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestMainWindow)
#include "testmainwindow.moc"
