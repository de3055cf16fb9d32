// TrainingController: a real short training on a worker thread, observed from the GUI thread.
#include "core/store/runstore.h"
#include "core/trainingfixtures.h"
#include "testsupport.h"
#include "ui/confusionmatrixview.h"
#include "ui/dashboardpage.h"
#include "ui/historypage.h"
#include "ui/liveplot.h"
#include "ui/runtablemodel.h"
#include "ui/trainingcontroller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune;
using ui::DashboardPage;
using ui::TrainingController;

namespace {

/** Records the longest gap between ticks of a 5 ms timer on the GUI thread. */
class GapMeter : public QObject
{
public:
    GapMeter()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_clock.restart());
            ++m_ticks;
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 longestMs() const { return m_longest; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
    int m_ticks = 0;
};

TrainResult resultOf(const QSignalSpy& finished)
{
    return finished.last().at(0).value<TrainResult>();
}

} // namespace

class TestTrainingController : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DOMAINTUNE_SHARED_OR_SKIP(data, QStringLiteral("data/finance/financial-phrasebank.csv"));
        DOMAINTUNE_SHARED_OR_SKIP(vocab, QStringLiteral("tokenizers/bert-base-uncased/vocab.txt"));
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DomainTuneTest"));
        QCoreApplication::setApplicationName(QStringLiteral("testtrainingcontroller"));
        m_history = m_dir.filePath(QStringLiteral("history.sqlite"));
        QSettings().setValue(QStringLiteral("history/path"), m_history);
        m_data = data;
        m_model = test::makeModelFolder(m_dir.filePath(QStringLiteral("small-bert")),
                                        test::smallBertConfig(), {QStringLiteral("vocab.txt")},
                                        QFileInfo(vocab).path(), R"({"do_lower_case": true})");
    }

    void trainsAndFeedsTheDashboardWithoutBlockingTheEventLoop()
    {
        TrainingController controller;
        DashboardPage dashboard;
        dashboard.setController(&controller);
        dashboard.resize(1100, 700);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        QSignalSpy started(&controller, &TrainingController::started);
        QSignalSpy steps(&controller, &TrainingController::stepLogged);
        QSignalSpy evaluations(&controller, &TrainingController::evaluated);
        QSignalSpy recorded(&controller, &TrainingController::runRecorded);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QSignalSpy failed(&controller, &TrainingController::failed);

        GapMeter gaps;
        QVERIFY(controller.start(spec(20, QStringLiteral("run-full"))));
        QVERIFY(controller.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        const qint64 longest = gaps.longestMs();
        qInfo("longest gap between 5 ms ticks: %lld ms over %d ticks", longest, gaps.ticks());

        const TrainResult result = resultOf(finished);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(started.count(), 1);
        QCOMPARE(steps.count(), 20);
        QVERIFY(evaluations.count() >= 2); // every 10 steps, and at the end
        QCOMPARE(recorded.count(), 1);
        QCOMPARE(controller.state(), TrainingController::State::Idle);
        QVERIFY(longest < 50);

        // Every step and every evaluation reached the charts and the evaluation views.
        using Chart = DashboardPage::Chart;
        QCOMPARE(dashboard.chart(Chart::TrainingLoss)->pointCount(0), 20);
        QCOMPARE(dashboard.chart(Chart::TrainingLoss)->pointCount(1), 20);
        QCOMPARE(dashboard.chart(Chart::LearningRate)->pointCount(0), 20);
        QCOMPARE(dashboard.chart(Chart::Throughput)->pointCount(0), 20);
        QCOMPARE(dashboard.chart(Chart::EvaluationLoss)->pointCount(0), evaluations.count());
        QVERIFY(dashboard.chart(Chart::Metrics)->graphCount() >= 2); // f1_macro, accuracy
        QCOMPARE(dashboard.chart(Chart::Metrics)->pointCount(0), evaluations.count());
        QCOMPARE(dashboard.confusionMatrix()->classCount(), 3);
        QCOMPARE(dashboard.perClassTable()->rowCount(), 3);

        // The run is in the history, completed.
        const qint64 runId = recorded.first().at(0).toLongLong();
        ui::HistoryPage history;
        const int row = history.model()->rowOf(runId);
        QVERIFY(row >= 0);
        QCOMPARE(history.model()->runs()[static_cast<std::size_t>(row)].status,
                 RunStatus::Completed);
        RunStore store(m_history.toStdString());
        QCOMPARE(store.metrics(runId, "train/loss").size(), std::size_t(20));
    }

    void pausesAndCancelsWithinOneStep()
    {
        TrainingController controller;
        QSignalSpy steps(&controller, &TrainingController::stepLogged);
        QSignalSpy recorded(&controller, &TrainingController::runRecorded);
        QSignalSpy finished(&controller, &TrainingController::finished);
        GapMeter gaps;
        QVERIFY(controller.start(spec(500, QStringLiteral("run-cancel"))));
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 2, 120000);

        controller.pause();
        QCOMPARE(controller.state(), TrainingController::State::Paused);
        QTest::qWait(1500); // let a step (or evaluation) that was under way arrive
        const int paused = static_cast<int>(steps.count());
        QTest::qWait(1000);
        QCOMPARE(steps.count(), paused); // no step while paused

        controller.cancel();
        QCOMPARE(controller.state(), TrainingController::State::Stopping);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const TrainResult result = resultOf(finished);
        QCOMPARE(QString::fromStdString(result.status), QStringLiteral("cancelled"));
        QVERIFY2(result.steps <= paused + 1, qPrintable(QString::number(result.steps)));
        QCOMPARE(controller.state(), TrainingController::State::Idle);
        qInfo("longest gap between 5 ms ticks: %lld ms over %d ticks", gaps.longestMs(),
              gaps.ticks());
        QVERIFY(gaps.longestMs() < 50);

        RunStore store(m_history.toStdString());
        QCOMPARE(store.requireRun(recorded.first().at(0).toLongLong()).status,
                 RunStatus::Cancelled);
    }

    void reportsAMissingTrainingFile()
    {
        TrainingController controller;
        QSignalSpy failed(&controller, &TrainingController::failed);
        TrainSpec broken = spec(5, QStringLiteral("run-missing"));
        broken.trainFile = m_dir.filePath(QStringLiteral("no-such-file.csv")).toStdString();
        controller.start(broken);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("no-such-file.csv")), qPrintable(message));
        QTRY_COMPARE(controller.state(), TrainingController::State::Idle);
    }

    void refusesASecondRunAndCancelsOnDestruction()
    {
        {
            TrainingController controller;
            QSignalSpy steps(&controller, &TrainingController::stepLogged);
            QSignalSpy recorded(&controller, &TrainingController::runRecorded);
            QSignalSpy failed(&controller, &TrainingController::failed);
            QVERIFY(controller.start(spec(500, QStringLiteral("run-destroyed"))));
            QVERIFY(!controller.start(spec(5, QStringLiteral("run-second"))));
            QCOMPARE(failed.count(), 1);
            QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 1, 120000);
            m_lastRun = recorded.first().at(0).toLongLong();
        } // The destructor cancels and waits for the worker.
        RunStore store(m_history.toStdString());
        QCOMPARE(store.requireRun(m_lastRun).status, RunStatus::Cancelled);
    }

private:
    TrainSpec spec(std::int64_t maxSteps, const QString& output) const
    {
        TrainSpec spec;
        spec.name = output.toStdString();
        spec.modelDir = m_model.toStdString();
        spec.trainFile = m_data.toStdString();
        spec.outputDir = m_dir.filePath(output).toStdString();
        spec.task = "seq-cls";
        spec.domain = "finance";
        spec.maxLength = 64;
        spec.batchSize = 16;
        spec.learningRate = 1e-3;
        spec.maxSteps = maxSteps;
        spec.evalSteps = 10;
        spec.threads = 1; // Leaves the other core to the GUI thread.
        spec.seed = 11;
        return spec;
    }

    QTemporaryDir m_dir;
    QString m_history;
    QString m_data;
    QString m_model;
    qint64 m_lastRun = 0;
};

QTEST_MAIN(TestTrainingController)
#include "testtrainingcontroller.moc"
