// Crash safety with a real process: a forked child logs metrics as fast as it can into the same
// history file and is killed with SIGKILL mid-write. Reopening must find an intact database,
// the run reported interrupted, every committed batch present and contiguous, and the last
// checkpoint offered for resume.
#include "core/store/metricwriter.h"
#include "core/store/runstore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace domaintune;

namespace {

constexpr int kBatch = 64;

// The child: owns the run, logs two metrics per step, records a checkpoint every 512 steps (a whole
// number of batches).
[[noreturn]] void trainUntilKilled(const std::string& path, std::int64_t runId)
{
    try {
        MetricWriter::Options options;
        options.maxPoints = kBatch;
        options.maxDelay = std::chrono::hours(1);
        MetricWriter writer(path, runId, options);
        writer.store().updateStatus(runId, RunStatus::Running);
        for (std::int64_t step = 0;; ++step) {
            writer.append(step, step / 1000.0, "loss", 1.0 / double(step + 1));
            writer.append(step, step / 1000.0, "lr", 1e-4);
            if (step % 512 == 511) {
                writer.flush();
                writer.store().addArtifact(
                    {0, runId, "/ckpt/" + std::to_string(step), "checkpoint", "", 0, step});
            }
        }
    } catch (...) {
        _exit(3);
    }
}

} // namespace

class TestRunCrash : public QObject
{
    Q_OBJECT

private slots:
    void killNineDuringHeavyWrites_data()
    {
        QTest::addColumn<int>("minimumPoints");
        QTest::newRow("early") << 200;
        QTest::newRow("mid") << 5000;
        QTest::newRow("late") << 20000;
    }

    void killNineDuringHeavyWrites()
    {
        QFETCH(int, minimumPoints);
        QTemporaryDir dir;
        const std::string path = dir.filePath("crash.sqlite").toStdString();
        std::int64_t runId = 0;
        {
            RunStore store(path);
            RunRecord run;
            run.name = "doomed";
            runId = store.createRun(run);
        }
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0)
            trainUntilKilled(path, runId);

        RunStore observer(path);
        QElapsedTimer timer;
        timer.start();
        std::int64_t seen = 0;
        while (seen < minimumPoints && timer.elapsed() < 15000) {
            seen = observer.database().queryInteger("SELECT count(*) FROM metrics");
            QTest::qSleep(5);
        }
        {
            RunStore::Options eager;
            eager.staleAfterMs = 0;
            RunStore whileAlive(path, eager); // the pid is alive: never marked interrupted
            QCOMPARE(whileAlive.requireRun(runId).status, RunStatus::Running);
        }
        QCOMPARE(kill(child, SIGKILL), 0);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child ended by itself");
        QVERIFY2(seen >= minimumPoints, "the child wrote too slowly");

        // Default options: the dead pid on this host decides at once, the fresh heartbeat
        // (seconds old at most) does not keep the run "running".
        RunStore reopened(path);
        QCOMPARE(reopened.database().queryText("PRAGMA integrity_check"), std::string("ok"));
        const RunRecord run = reopened.requireRun(runId);
        QCOMPARE(run.status, RunStatus::Interrupted);
        QVERIFY(run.endedAt.has_value());

        const auto loss = reopened.metrics(runId, "loss");
        const auto lr = reopened.metrics(runId, "lr");
        QCOMPARE(loss.size(), lr.size()); // both points of a step land in the same batch
        QCOMPARE((loss.size() * 2) % kBatch, std::size_t(0));
        QVERIFY(loss.size() * 2 >= std::size_t(minimumPoints));
        for (std::size_t i = 0; i < loss.size(); ++i)
            QCOMPARE(loss[i].step, std::int64_t(i));

        const auto checkpoint = reopened.lastCheckpoint(runId);
        if (loss.size() >= 512) {
            QVERIFY(checkpoint.has_value());
            QVERIFY(*checkpoint->step < std::int64_t(loss.size()));
            QVERIFY(*checkpoint->step + 512 >= std::int64_t(loss.size()) - 1);
        }
    }
};

QTEST_APPLESS_MAIN(TestRunCrash)
#include "testruncrash.moc"
