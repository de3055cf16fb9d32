// The wizard's hyper-parameter search (SearchDialog): a real study of a tiny BERT on a worker
// thread, its trials in the table and the History, a space typed wrong, Stop and Continue.
#include "core/store/runstore.h"
#include "core/trainingfixtures.h"
#include "ui/historypage.h"
#include "ui/mainwindow.h"
#include "ui/searchdialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <qcustomplot.h>

#include <fstream>

using namespace domaintune;
using ui::SearchDialog;

namespace {

/** Sets the From and To of the space row titled @p title. */
void setRange(QTableWidget* space, const QString& title, const QString& from, const QString& to)
{
    for (int row = 0; row < space->rowCount(); ++row)
        if (space->item(row, 0)->text() == title) {
            space->item(row, 2)->setText(from);
            space->item(row, 3)->setText(to);
            return;
        }
    QFAIL(qPrintable("no row " + title));
}

} // namespace

class TestSearchDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_model;
    std::string m_data;
    std::string m_history;

    TrainSpec spec(const char* output) const
    {
        TrainSpec spec = test::tinyTrainSpec(m_model, m_dir.filePath(output).toStdString());
        spec.trainFile = m_data;
        spec.epochs = 4;
        spec.learningRate = 0.01;
        return spec;
    }

private slots:
    void initTestCase()
    {
        m_model = test::makeTinyClassifier(m_dir.filePath("model").toStdString());
        m_data = m_dir.filePath("data.csv").toStdString();
        std::ofstream csv(m_data);
        csv << "text,label\n";
        for (const auto& example : test::tinySentimentExamples(10))
            csv << example.text << ',' << example.labels.front() << '\n';
        m_history = m_dir.filePath("history.sqlite").toStdString();
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DomainTuneTest"));
        QCoreApplication::setApplicationName(QStringLiteral("testsearchdialog"));
        QSettings().setValue(QStringLiteral("history/path"), QString::fromStdString(m_history));
    }

    void runsAStudyAndShowsItsTrials()
    {
        SearchDialog dialog(spec("study"), QString::fromStdString(m_history));
        dialog.show();
        auto* space = dialog.findChild<QTableWidget*>("space");
        QVERIFY(space->rowCount() >= 4);
        dialog.findChild<QSpinBox*>("trials")->setValue(4);

        // A range typed wrong is refused with the row's name; nothing starts.
        setRange(space, SearchDialog::tr("Learning rate"), "abc", "0.3");
        QString message;
        QTimer::singleShot(0, [&message] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                message = box->text();
                box->accept();
            }
        });
        dialog.start();
        QVERIFY2(message.contains(SearchDialog::tr("Learning rate")), qPrintable(message));
        QVERIFY(!dialog.isRunning());

        setRange(space, SearchDialog::tr("Learning rate"), "1e-4", "0.3");
        QSignalSpy finished(&dialog, &SearchDialog::studyFinished);
        dialog.start();
        QVERIFY(dialog.isRunning());
        QVERIFY(!dialog.findChild<QPushButton*>("start")->isEnabled());
        QVERIFY(finished.wait(120000));
        QCOMPARE(dialog.result().status, std::string("completed"));
        auto* table = dialog.findChild<QTableWidget*>("trialTable");
        QCOMPARE(table->rowCount(), 4);
        QVERIFY(dialog.findChild<QLabel*>("best")->text().startsWith(
            SearchDialog::tr("Best: trial %1").arg(dialog.result().best).left(12)));
        QCOMPARE(dialog.findChild<QCustomPlot*>("timeline")->graph(0)->dataCount(), 4);

        // The History holds the study and its four trials, as the table says.
        RunStore store(m_history);
        const auto runs = store.listRuns();
        std::int64_t study = 0;
        for (const auto& run : runs)
            if (std::find(run.tags.begin(), run.tags.end(), "study") != run.tags.end())
                study = run.id;
        QVERIFY(study > 0);
        for (int row = 0; row < 4; ++row) {
            const auto run = store.requireRun(table->item(row, 4)->text().toLongLong());
            QCOMPARE(run.parentId.value_or(0), study);
        }
        if (qEnvironmentVariableIsSet("DOMAINTUNE_TEST_SCREENSHOTS")) {
            QTest::qWait(200);
            dialog.grab().save(qEnvironmentVariable("DOMAINTUNE_TEST_SCREENSHOTS") +
                               QStringLiteral("/search.png"));
        }
    }

    // A finished search opened again (from the History, on a trial of it) shows its trials and
    // offers to continue it; a run that is no search says so.
    void reopensASearchFromTheHistory()
    {
        ui::HistoryPage page;
        RunStore store(m_history);
        std::int64_t trial = 0, plain = 0;
        for (const auto& run : store.listRuns()) {
            if (std::find(run.tags.begin(), run.tags.end(), "trial") != run.tags.end())
                trial = run.id;
        }
        QVERIFY(trial > 0);
        page.selectRuns({trial});
        SearchDialog* dialog = page.openSearch();
        QVERIFY(dialog != nullptr);
        QCOMPARE(dialog->findChild<QTableWidget*>("trialTable")->rowCount(), 4);
        QVERIFY(dialog->findChild<QCheckBox*>("resume")->isVisibleTo(dialog));
        dialog->close();

        RunRecord run;
        run.name = "no search";
        plain = store.createRun(run);
        page.refresh();
        page.selectRuns({plain});
        QVERIFY(page.openSearch() == nullptr);
        QVERIFY(page.findChild<QLabel*>("historyStatus")->text().contains(QString::number(plain)));
    }

    // Quitting the main window while a search runs asks first: Keep searching leaves it
    // running, Stop and quit stops it (resumable) and closes.
    void quittingAsksAboutARunningSearch()
    {
        ui::MainWindow window;
        auto* dialog = new SearchDialog(spec("quit"), QString::fromStdString(m_history), &window);
        dialog->findChild<QSpinBox*>("trials")->setValue(200);
        dialog->start();
        QVERIFY(dialog->isRunning());
        QString question;
        const auto answer = [&](const QString& button) {
            QTimer::singleShot(0, [&question, &window, button] {
                auto* box = qobject_cast<QMessageBox*>(window.quitQuestion());
                if (box == nullptr)
                    return;
                question = box->text();
                for (QAbstractButton* candidate : box->buttons())
                    if (candidate->text() == button)
                        candidate->click();
            });
        };
        answer(ui::MainWindow::tr("&Keep searching"));
        QVERIFY(!window.close());
        QVERIFY2(question.contains("search"), qPrintable(question));
        QVERIFY(dialog->isRunning());
        QSignalSpy finished(dialog, &SearchDialog::studyFinished);
        answer(ui::MainWindow::tr("&Stop and quit"));
        QVERIFY(window.close());
        QVERIFY(finished.wait(60000));
        QCOMPARE(dialog->result().status, std::string("cancelled"));
    }

    // Stop ends the study after the current step; the dialog then offers to continue it, and
    // continuing finishes the remaining trials.
    void stopsAndContinues()
    {
        SearchDialog dialog(spec("stopped"), QString::fromStdString(m_history));
        dialog.show();
        dialog.findChild<QSpinBox*>("trials")->setValue(5);
        QSignalSpy finished(&dialog, &SearchDialog::studyFinished);
        auto* table = dialog.findChild<QTableWidget*>("trialTable");
        connect(table->model(), &QAbstractItemModel::rowsInserted, &dialog, [&dialog] {
            dialog.stop(); // after the first trial
        });
        dialog.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(dialog.result().status, std::string("cancelled"));
        QVERIFY(dialog.result().trials.size() < 5);
        auto* resume = dialog.findChild<QCheckBox*>("resume");
        QVERIFY(resume->isVisible() && resume->isChecked());
        disconnect(table->model(), nullptr, &dialog, nullptr);
        dialog.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(dialog.result().status, std::string("completed"));
        QCOMPARE(dialog.result().trials.size(), std::size_t(5));
        QCOMPARE(table->rowCount(), 5);
    }
};

QTEST_MAIN(TestSearchDialog)
#include "testsearchdialog.moc"
