// The training job the CLI and the GUI both start: data read with skipped records reported
// (never dropped in silence), splits kept, the run created in the history before training
// starts and its outcome recorded.
#include "core/store/runstore.h"
#include "core/train/trainingjob.h"
#include "trainingfixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace domaintune;

class TestTrainingJob : public QObject
{
    Q_OBJECT

private slots:
    void skippedRecordsAreReported()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("data.csv").toStdString();
        std::ofstream(file) << "text,label\nprofit rose,positive\nbad,loss,negative,extra\n"
                               "shares fell,negative\n";
        TrainSpec spec;
        spec.trainFile = file;
        std::vector<std::string> warnings;
        const TrainingData data = loadTrainingData(
            spec, nullptr, [&](const std::string& warning) { warnings.push_back(warning); });
        QCOMPARE(data.train.size(), std::size_t(2));
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY2(warnings.front().find(file) != std::string::npos, warnings.front().c_str());
        QVERIFY2(warnings.front().find("skipped 1") != std::string::npos, warnings.front().c_str());
    }

    void splitsAreKeptAndTheTestSplitLeftOut()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("data.jsonl").toStdString();
        std::ofstream(file) << R"({"text": "a", "label": "x", "split": "train"})" << '\n'
                            << R"({"text": "b", "label": "y", "split": "validation"})" << '\n'
                            << R"({"text": "c", "label": "x", "split": "test"})" << '\n'
                            << R"({"text": "d", "label": "y"})" << '\n';
        TrainSpec spec;
        spec.trainFile = file;
        const TrainingData data = loadTrainingData(spec, nullptr, {});
        QCOMPARE(data.train.size(), std::size_t(2));
        QCOMPARE(data.validation.size(), std::size_t(1));
        QCOMPARE(data.validation.front().text, std::string("b"));
    }

    void duplicatesAreDroppedOnRequest()
    {
        QTemporaryDir dir;
        const std::string train = dir.filePath("train.csv").toStdString();
        const std::string validation = dir.filePath("validation.csv").toStdString();
        std::ofstream(train) << "text,label\n"
                                "The licensee shall pay all fees within thirty days.,fees\n"
                                "THE LICENSEE SHALL PAY ALL FEES WITHIN THIRTY DAYS!,fees\n"
                                "Either party may terminate on written notice.,termination\n"
                                "The supplier keeps the goods insured at all times.,insurance\n";
        std::ofstream(validation) << "text,label\n"
                                     "Either party may terminate on written notice.,termination\n"
                                     "The tenant pays the rent monthly in advance.,fees\n";
        TrainSpec spec;
        spec.trainFile = train;
        spec.validationFile = validation;
        TrainingData kept = loadTrainingData(spec, nullptr, {});
        QCOMPARE(kept.train.size(), std::size_t(4)); // off by default: everything read
        QCOMPARE(kept.validation.size(), std::size_t(2));
        spec.dropDuplicates = true;
        std::vector<std::string> warnings;
        const TrainingData data = loadTrainingData(
            spec, nullptr, [&](const std::string& warning) { warnings.push_back(warning); });
        QCOMPARE(data.train.size(), std::size_t(3));      // the shouted repeat goes
        QCOMPARE(data.validation.size(), std::size_t(1)); // the repeated training text goes
        QCOMPARE(data.validation.front().text,
                 std::string("The tenant pays the rent monthly in advance."));
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY2(warnings.front().find("Dropped 2 duplicate") != std::string::npos &&
                     warnings.front().find("1 of them were validation") != std::string::npos,
                 warnings.front().c_str());
    }

    void runIsCreatedBeforeTrainingAndRecorded()
    {
        QTemporaryDir dir;
        TrainSpec spec =
            test::tinyTrainSpec(test::makeTinyClassifier(dir.filePath("model").toStdString()),
                                dir.filePath("run").toStdString());
        spec.epochs = 1;
        class Events : public EventSink
        {
        public:
            void onEvent(const TrainingEvent& event) override
            {
                if (event.kind == TrainingEventKind::Started)
                    startedAfterCreation = created;
            }
            bool created = false, startedAfterCreation = false;
        } sink;
        TrainingJobOptions options;
        options.historyPath = dir.filePath("history.sqlite").toStdString();
        std::int64_t announced = 0;
        options.onRunCreated = [&](std::int64_t id) {
            announced = id;
            sink.created = true;
        };
        TrainingControl control;
        const auto job =
            runTrainingJob(spec, {test::tinySentimentExamples(), {}}, sink, control, options);
        QCOMPARE(job.result.status, std::string("completed"));
        QVERIFY(job.runId > 0);
        QCOMPARE(announced, job.runId);
        QVERIFY(sink.startedAfterCreation);
        QVERIFY(job.historyAgrees);
        QVERIFY(job.historyError.empty());
        RunStore store(options.historyPath);
        QCOMPARE(store.requireRun(job.runId).status, RunStatus::Completed);

        // Without a history: no run id, nothing recorded.
        options.historyPath.clear();
        spec.outputDir = dir.filePath("run-2").toStdString();
        const auto unrecorded =
            runTrainingJob(spec, {test::tinySentimentExamples(), {}}, sink, control, options);
        QCOMPARE(unrecorded.result.status, std::string("completed"));
        QCOMPARE(unrecorded.runId, std::int64_t(0));
    }
};

QTEST_APPLESS_MAIN(TestTrainingJob)
#include "testtrainingjob.moc"
