// The history cannot be written during a run (here: another connection holds SQLite's
// exclusive lock, as a stuck program or a full disk would make every write fail). Training goes
// on; the recorder stops writing, says so once, and at the end either records the outcome or
// reports that the history and the result disagree — never a silent success.
#include "core/store/database.h"
#include "core/store/runstore.h"
#include "core/train/runrecorder.h"
#include "core/train/trainer.h"
#include "trainingfixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <memory>

using namespace domaintune;

class TestHistoryFault : public QObject
{
    Q_OBJECT

private slots:
    void outcomeIsRecordedOrTheDisagreementReported()
    {
        QTemporaryDir dir;
        const std::string history = dir.filePath("history.sqlite").toStdString();
        TrainSpec spec =
            test::tinyTrainSpec(test::makeTinyClassifier(dir.filePath("model").toStdString()),
                                dir.filePath("run").toStdString());
        const TrainingData data{test::tinySentimentExamples(), test::tinySentimentExamples(1)};

        // Once training starts, another connection takes the history's write lock and keeps it.
        std::unique_ptr<Database> blocker;
        class LockOnStart : public EventSink
        {
        public:
            LockOnStart(std::unique_ptr<Database>& blocker, std::string history)
                : m_blocker(blocker), m_history(std::move(history))
            {}
            void onEvent(const TrainingEvent& event) override
            {
                if (event.kind == TrainingEventKind::Started && !m_blocker) {
                    m_blocker = std::make_unique<Database>(m_history);
                    m_blocker->execute("BEGIN EXCLUSIVE");
                }
                if (event.message.find("could not be updated") != std::string::npos)
                    ++warnings;
            }
            int warnings = 0;

        private:
            std::unique_ptr<Database>& m_blocker;
            std::string m_history;
        } sink(blocker, history);

        RunRecorder recorder(history, spec, &sink, 0, /*busyTimeoutMs=*/100);
        TrainingControl control;
        const TrainResult result = Trainer::run(spec, data, recorder, control);
        QCOMPARE(result.status, std::string("completed")); // training did not stop for it
        QVERIFY(std::filesystem::exists(result.modelDir + "/model.safetensors"));
        QCOMPARE(sink.warnings, 1); // said once, not at every step
        QVERIFY(!recorder.historyError().empty());

        // Still locked: the outcome cannot be recorded, and the caller learns it.
        QVERIFY(!recorder.finish(result));
        QVERIFY2(QString::fromStdString(recorder.historyError()).contains("lock"),
                 recorder.historyError().c_str());

        // The lock goes away: the outcome is recorded, with a note on what is missing.
        blocker->execute("ROLLBACK");
        blocker.reset();
        QVERIFY(recorder.finish(result));
        RunStore store(history);
        const RunRecord run = store.requireRun(recorder.runId());
        QCOMPARE(run.status, RunStatus::Completed);
        QVERIFY2(run.notes.find("could not be written") != std::string::npos, run.notes.c_str());
        QCOMPARE(QString::fromStdString(store.database().queryText("PRAGMA integrity_check")),
                 QStringLiteral("ok"));
    }
};

QTEST_APPLESS_MAIN(TestHistoryFault)
#include "testhistoryfault.moc"
