// The pieces a training run is made of, each on its own: the validation hold-out (stratified,
// or whole contexts for question answering), the best-model tracker (higher or lower is
// better, patience, a metric the task lacks) and the recovery from non-finite steps (halved
// rate, rollback after three in a row, failure when nothing helps).
#include "core/common/error.h"
#include "core/data/leakagechecker.h"
#include "core/train/bestmodeltracker.h"
#include "core/train/nonfiniterecovery.h"
#include "core/train/trainer.h"
#include "core/train/validationsplit.h"
#include "trainingfixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace domaintune;

class TestRunPieces : public QObject
{
    Q_OBJECT

private slots:
    void stratifiedHoldOutKeepsEveryLabel()
    {
        const auto examples = [] {
            std::vector<Example> all;
            for (int i = 0; i < 90; ++i) {
                Example example;
                example.text = "t" + std::to_string(i);
                example.labels = {i < 80 ? "common" : (i < 89 ? "rare" : "single")};
                all.push_back(example);
            }
            return all;
        };
        std::vector<Example> train = examples(), validation;
        holdOutValidation(TaskData::LabelledText, train, validation, 0.1, 7);
        QCOMPARE(train.size() + validation.size(), std::size_t(90));
        std::map<std::string, int> held;
        for (const auto& example : validation)
            ++held[example.labels.front()];
        QCOMPARE(held["common"], 8);
        QCOMPARE(held["rare"], 1);
        QCOMPARE(held.count("single"), std::size_t(0)); // its only example stays in training
        // Deterministic: the same seed holds out the same examples.
        std::vector<Example> second = examples(), secondValidation;
        holdOutValidation(TaskData::LabelledText, second, secondValidation, 0.1, 7);
        QCOMPARE(secondValidation.size(), validation.size());
        for (std::size_t i = 0; i < validation.size(); ++i)
            QCOMPARE(secondValidation[i].text, validation[i].text);
    }

    // Duplicates in another spelling (case, punctuation, a changed word) stay on one side of
    // the split, so validation does not score texts the model trained on.
    void duplicatesStayOnOneSide()
    {
        const char* subjects[] = {"The licensee", "The borrower", "Each party",
                                  "The supplier", "The customer", "The tenant"};
        const char* verbs[] = {"shall pay all fees within thirty days of the invoice date",
                               "may terminate this agreement upon written notice to the other",
                               "must keep every confidential document in a locked cabinet",
                               "will indemnify the lender against losses arising from default",
                               "agrees to deliver the goods to the warehouse named above",
                               "is responsible for insurance of the premises during the term"};
        std::vector<Example> train, validation;
        int index = 0;
        for (const char* subject : subjects)
            for (const char* verb : verbs) {
                const std::string text = std::string(subject) + " " + verb + ".";
                const std::string label = "clause " + std::to_string(index % 3);
                // 0 to 3 copies in other spellings besides the original.
                const std::vector<std::string> spellings = {
                    text, QString::fromStdString(text).toUpper().toStdString(), text + "!!",
                    text.substr(0, text.size() - 1) + " promptly."};
                for (int copy = 0; copy <= index % 4; ++copy) {
                    Example example;
                    example.text = spellings[std::size_t(copy)];
                    example.labels = {label};
                    train.push_back(example);
                }
                ++index;
            }
        const std::size_t total = train.size();
        holdOutValidation(TaskData::LabelledText, train, validation, 0.2, 11);
        QCOMPARE(train.size() + validation.size(), total);
        // Near the share (whole clusters make it approximate), every label still in training.
        QVERIFY2(validation.size() >= total * 15 / 100 && validation.size() <= total * 25 / 100,
                 qPrintable(QString::number(validation.size())));
        std::set<std::string> trainKeys;
        for (const auto& example : train)
            trainKeys.insert(duplicateKey(example.text.substr(0, 40)));
        for (const auto& example : validation)
            QVERIFY2(!trainKeys.count(duplicateKey(example.text.substr(0, 40))),
                     example.text.c_str());

        // A few texts repeated many times: no cluster fits the share, so examples are held out
        // one by one rather than leaving no validation at all.
        std::vector<Example> repeated, repeatedValidation;
        for (int copy = 0; copy < 10; ++copy)
            for (const char* label : {"a", "b"}) {
                Example example;
                example.text = std::string("the same sentence for label ") + label;
                example.labels = {label};
                repeated.push_back(example);
            }
        holdOutValidation(TaskData::LabelledText, repeated, repeatedValidation, 0.2, 3);
        QCOMPARE(repeatedValidation.size(), std::size_t(4));
    }

    void questionAnsweringHoldsOutWholeContexts()
    {
        std::vector<Example> train, validation;
        for (int context = 0; context < 20; ++context)
            for (int question = 0; question < 1 + context % 4; ++question) {
                Example example;
                example.text = "q" + std::to_string(question);
                example.textPair = "context " + std::to_string(context);
                train.push_back(example);
            }
        const std::size_t total = train.size();
        holdOutValidation(TaskData::QuestionContext, train, validation, 0.2, 3);
        QCOMPARE(train.size() + validation.size(), total);
        QVERIFY(!validation.empty() && !train.empty());
        std::set<std::string> trainContexts;
        for (const auto& example : train)
            trainContexts.insert(example.textPair);
        for (const auto& example : validation)
            QVERIFY2(trainContexts.count(example.textPair) == 0, example.textPair.c_str());
    }

    void bestModelTracker()
    {
        TrainSpec spec;
        spec.task = "clm"; // perplexity: lower is better
        spec.earlyStoppingPatience = 2;
        const BestModelTracker tracker(spec);
        QCOMPARE(QString::fromStdString(tracker.metric()), QString("perplexity"));
        TrainerState state;
        state.step = 10;
        QVERIFY(tracker.offer({{"perplexity", 50.0}}, state));
        state.step = 20;
        QVERIFY(tracker.offer({{"perplexity", 40.0}}, state));
        QCOMPARE(state.bestStep, std::int64_t(20));
        state.step = 30;
        QVERIFY(!tracker.offer({{"perplexity", 45.0}}, state));
        QVERIFY(!tracker.patienceRunOut(state));
        QVERIFY(!tracker.offer({{"perplexity", 40.0}}, state)); // equal is no gain
        QVERIFY(tracker.patienceRunOut(state));
        QCOMPARE(state.best, 40.0);

        spec.task = "seq-cls";
        spec.metricForBest = "accuracy";
        const BestModelTracker accuracy(spec);
        TrainerState other;
        QVERIFY(accuracy.offer({{"accuracy", 0.5}}, other));
        QVERIFY(accuracy.offer({{"accuracy", 0.6}}, other));
        QVERIFY_THROWS_EXCEPTION(Error, accuracy.offer({{"f1_macro", 0.9}}, other));
    }

    // checkpoint_minutes: a checkpoint once that much time passed since the last one, between
    // the per-epoch ones (here 6 µs: after every step of a 2-epoch run of about 12 steps).
    void checkpointsByTime()
    {
        QTemporaryDir dir;
        const std::string model = test::makeTinyClassifier(dir.filePath("tiny").toStdString());
        const auto count = [&](double minutes) -> int {
            TrainSpec spec = test::tinyTrainSpec(model, dir.filePath("run").toStdString() +
                                                            std::to_string(minutes));
            spec.checkpointMinutes = minutes;
            class Count : public EventSink
            {
            public:
                void onEvent(const TrainingEvent& event) override
                {
                    checkpoints += event.kind == TrainingEventKind::Checkpoint;
                }
                int checkpoints = 0;
            } sink;
            TrainingControl control;
            const auto result =
                Trainer::run(spec, {test::tinySentimentExamples(), {}}, sink, control);
            return result.status == "completed" ? sink.checkpoints : -1; // -1: the run failed
        };
        const int perEpoch = count(0);
        QCOMPARE(perEpoch, 2);
        QVERIFY(count(1e-7) > perEpoch + 4); // 6 µs: after every step
        TrainSpec invalid;
        invalid.checkpointMinutes = -1;
        QVERIFY_THROWS_EXCEPTION(Error, invalid.validate());
    }

    void nonFiniteRecovery()
    {
        NonFiniteRecovery recovery;
        TrainerState state;
        state.step = 41;
        int rollbacks = 0;
        const auto rollback = [&] {
            ++rollbacks;
            return std::int64_t(40);
        };
        QString message =
            QString::fromStdString(recovery.onFailure("loss was NaN", state, 1e-3, true, rollback));
        QVERIFY2(message.contains("Step 42") && message.contains("0.0005"), qPrintable(message));
        QCOMPARE(state.lrScale, 0.5);
        recovery.onSuccess(); // no longer in a row
        recovery.onFailure("loss was NaN", state, 1e-3, true, rollback);
        recovery.onFailure("loss was NaN", state, 1e-3, true, rollback);
        QCOMPARE(rollbacks, 0);
        message =
            QString::fromStdString(recovery.onFailure("loss was NaN", state, 1e-3, true, rollback));
        QCOMPARE(rollbacks, 1);
        QVERIFY2(message.contains("rolled back to the checkpoint of step 40"), qPrintable(message));
        QCOMPARE(state.rollbacks, std::int64_t(1));
        QCOMPARE(state.skippedSteps, std::int64_t(4));
        // Without a checkpoint, three in a row end the run with advice.
        NonFiniteRecovery fresh;
        TrainerState early;
        fresh.onFailure("gradients were not finite", early, 1e-3, false, rollback);
        fresh.onFailure("gradients were not finite", early, 1e-3, false, rollback);
        try {
            fresh.onFailure("gradients were not finite", early, 1e-3, false, rollback);
            QFAIL("three failures before the first checkpoint must end the run");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("before the first checkpoint"), error.what());
            QVERIFY(QString(error.what()).contains("Lower the learning rate"));
        }
        QCOMPARE(rollbacks, 1);
    }
};

QTEST_APPLESS_MAIN(TestRunPieces)
#include "testrunpieces.moc"
