// Cancelling during an evaluation: the partial numbers are not an evaluation of the validation
// set, so no Evaluation event is sent, best/ is not written from them, and the resumed run
// evaluates that step in full.
#include "core/train/trainer.h"
#include "trainingfixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace domaintune;

class TestTrainingCancel : public QObject
{
    Q_OBJECT

private slots:
    void cancelDuringEvaluationRecordsNothing()
    {
        QTemporaryDir dir;
        TrainSpec spec =
            test::tinyTrainSpec(test::makeTinyClassifier(dir.filePath("model").toStdString()),
                                dir.filePath("run").toStdString());
        spec.evalSteps = 2;
        const TrainingData data{test::tinySentimentExamples(), test::tinySentimentExamples(1)};

        // A user presses Cancel as step 2 ends, just as its evaluation begins.
        TrainingControl control;
        class CancelAtStep : public EventSink
        {
        public:
            explicit CancelAtStep(TrainingControl& control) : m_control(control) {}
            void onEvent(const TrainingEvent& event) override
            {
                if (event.kind == TrainingEventKind::Step && event.step == 2)
                    m_control.requestCancel();
                if (event.kind == TrainingEventKind::Evaluation)
                    ++evaluations;
            }
            int evaluations = 0;

        private:
            TrainingControl& m_control;
        } sink(control);
        const auto stopped = Trainer::run(spec, data, sink, control);
        QCOMPARE(stopped.status, std::string("cancelled"));
        QCOMPARE(sink.evaluations, 0);
        QVERIFY(stopped.metrics.empty());
        QVERIFY(!std::filesystem::exists(spec.outputDir + "/best"));

        TrainingControl fresh;
        class Count : public EventSink
        {
        public:
            void onEvent(const TrainingEvent& event) override
            {
                if (event.kind == TrainingEventKind::Evaluation)
                    steps.push_back(event.step);
            }
            std::vector<std::int64_t> steps;
        } resumed;
        TrainOptions resume;
        resume.resume = true;
        const auto finished = Trainer::run(spec, data, resumed, fresh, resume);
        QCOMPARE(finished.status, std::string("completed"));
        QVERIFY(!resumed.steps.empty());
        QCOMPARE(resumed.steps.front(), std::int64_t(2)); // the interrupted one, in full
        QVERIFY(std::filesystem::exists(spec.outputDir + "/best"));
    }
};

QTEST_APPLESS_MAIN(TestTrainingCancel)
#include "testtrainingcancel.moc"
