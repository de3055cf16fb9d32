// The training engine on real data: a small BERT built from scratch with the real
// bert-base-uncased vocabulary learns Financial PhraseBank sentiment beyond the majority
// baseline; resuming reproduces the uninterrupted loss curve bit for bit; a non-finite loss
// and a cancel request end the run cleanly.
#include "core/common/error.h"
#include "core/common/systeminfo.h"
#include "core/model/pretrainedmodel.h"
#include "core/train/trainer.h"
#include "testsupport.h"
#include "trainingfixtures.h"

#include <QtTest>

#include <fstream>
#include <thread>

using namespace domaintune;

namespace {

/** Records every event; optionally cancels after the first optimiser step. */
class RecordingSink : public EventSink
{
public:
    explicit RecordingSink(TrainingControl* cancelAfterFirstStep = nullptr)
        : m_cancel(cancelAfterFirstStep)
    {}
    void onEvent(const TrainingEvent& event) override
    {
        events.push_back(event);
        if (event.kind == TrainingEventKind::Step) {
            losses.push_back(event.loss);
            if (m_cancel)
                m_cancel->requestCancel();
        }
    }
    /** The last event of @p kind (a default event when there is none). */
    TrainingEvent last(TrainingEventKind kind) const
    {
        const auto it = std::find_if(events.rbegin(), events.rend(),
                                     [&](const TrainingEvent& e) { return e.kind == kind; });
        return it == events.rend() ? TrainingEvent{} : *it;
    }
    int count(TrainingEventKind kind) const
    {
        return int(std::count_if(events.begin(), events.end(),
                                 [&](const TrainingEvent& e) { return e.kind == kind; }));
    }
    std::vector<TrainingEvent> events;
    std::vector<double> losses;

private:
    TrainingControl* m_cancel;
};

/** Latin-1 bytes to UTF-8 (the PhraseBank file is latin-1). */
std::string latin1ToUtf8(const std::string& bytes)
{
    std::string out;
    for (unsigned char c : bytes) {
        if (c < 0x80) {
            out += char(c);
        } else {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

/** Reads `label,"sentence"` rows of the PhraseBank CSV (every sentence is quoted). */
std::vector<Example> readPhraseBank(const QString& path)
{
    std::ifstream in(path.toStdString());
    std::string line;
    std::getline(in, line); // header
    std::vector<Example> examples;
    std::int64_t number = 1;
    while (std::getline(in, line)) {
        ++number;
        const auto comma = line.find(',');
        if (comma == std::string::npos || line.size() < comma + 3)
            continue;
        Example example;
        example.labels = {line.substr(0, comma)};
        example.text = latin1ToUtf8(line.substr(comma + 2, line.size() - comma - 3));
        example.source = path.toStdString();
        example.line = number;
        examples.push_back(std::move(example));
    }
    return examples;
}

TrainSpec baseSpec(const QString& model, const QString& output)
{
    TrainSpec spec;
    spec.modelDir = model.toStdString();
    spec.trainFile = "financial-phrasebank.csv";
    spec.outputDir = output.toStdString();
    spec.task = "seq-cls";
    spec.maxLength = 64;
    spec.batchSize = 32;
    spec.learningRate = 1e-3;
    spec.warmupRatio = 0.1;
    spec.threads = 1;
    spec.seed = 11;
    return spec;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

    /** Runs @p spec on 200 examples into @p folder with NaN losses from step @p at on. */
    TrainResult runWithNaN(TrainSpec spec, const char* folder, std::int64_t at, std::int64_t count,
                           RecordingSink& sink)
    {
        spec.outputDir = m_dir.filePath(QString::fromLatin1(folder)).toStdString();
        const std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 200);
        TrainingControl control;
        TrainOptions options;
        options.injectNonFiniteLossAtStep = at;
        options.injectNonFiniteLossCount = count;
        return Trainer::run(spec, {subset, {}}, sink, control, options);
    }

private slots:
    void initTestCase()
    {
        DOMAINTUNE_SHARED_OR_SKIP(data, QStringLiteral("data/finance/financial-phrasebank.csv"));
        DOMAINTUNE_SHARED_OR_SKIP(vocab, QStringLiteral("tokenizers/bert-base-uncased/vocab.txt"));
        QVERIFY(m_dir.isValid());
        m_examples = readPhraseBank(data);
        QCOMPARE(m_examples.size(), std::size_t(4846));
        m_model = test::makeModelFolder(m_dir.filePath(QStringLiteral("small-bert")),
                                        test::smallBertConfig(), {QStringLiteral("vocab.txt")},
                                        QFileInfo(vocab).path(), R"({"do_lower_case": true})");
    }

    void learnsSentimentBeyondTheMajorityBaseline()
    {
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-full")));
        spec.epochs = 6;
        TrainingData data{m_examples, {}};
        RecordingSink sink;
        TrainingControl control;
        const TrainResult result = Trainer::run(spec, data, sink, control);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QCOMPARE(sink.count(TrainingEventKind::Started), 1);
        QCOMPARE(sink.count(TrainingEventKind::Finished), 1);
        QCOMPARE(sink.count(TrainingEventKind::Evaluation), 6);
        // Majority class (neutral) in the data: 2,879 of 4,846 = 59.4 %.
        const double majority = 2879.0 / 4846.0;
        const double accuracy = result.bestMetrics.at("accuracy");
        qInfo("validation accuracy %.4f, macro F1 %.4f (majority baseline %.4f)", accuracy,
              result.bestMetrics.at("f1_macro"), majority);
        QVERIFY2(
            accuracy >= majority + 0.08,
            qPrintable(QStringLiteral("accuracy %1 vs majority %2").arg(accuracy).arg(majority)));
        QVERIFY(result.bestMetrics.at("f1_macro") > 0.45);
        QVERIFY(QFileInfo::exists(QString::fromStdString(result.modelDir + "/model.safetensors")));
        const auto reloaded = PretrainedModel::load(result.modelDir);
        QCOMPARE(reloaded->config().labels,
                 (std::vector<std::string>{"negative", "neutral", "positive"}));
        QCOMPARE(reloaded->head(), HeadKind::SequenceClassification);
    }

    void resumeReproducesTheUninterruptedRun()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 600);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-a")));
        spec.epochs = 2;
        TrainingControl control;
        RecordingSink uninterrupted;
        QCOMPARE(Trainer::run(spec, {subset, {}}, uninterrupted, control).status,
                 std::string("completed"));

        spec.outputDir = m_dir.filePath(QStringLiteral("run-b")).toStdString();
        RecordingSink first, second;
        TrainOptions stop;
        stop.stopAfterSteps = 13; // mid-epoch (17 steps per epoch)
        const auto interrupted = Trainer::run(spec, {subset, {}}, first, control, stop);
        QCOMPARE(interrupted.status, std::string("cancelled"));
        QCOMPARE(interrupted.steps, std::int64_t(13));
        TrainOptions resume;
        resume.resume = true;
        QCOMPARE(Trainer::run(spec, {subset, {}}, second, control, resume).status,
                 std::string("completed"));
        std::vector<double> stitched = first.losses;
        stitched.insert(stitched.end(), second.losses.begin(), second.losses.end());
        QCOMPARE(stitched.size(), uninterrupted.losses.size());
        for (std::size_t i = 0; i < stitched.size(); ++i)
            QVERIFY2(stitched[i] == uninterrupted.losses[i],
                     qPrintable(QStringLiteral("step %1: %2 vs %3")
                                    .arg(i + 1)
                                    .arg(stitched[i], 0, 'g', 17)
                                    .arg(uninterrupted.losses[i], 0, 'g', 17)));
    }

    void resumingWithOtherSettingsIsRefused()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 200);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-c")));
        spec.epochs = 1;
        TrainingControl control;
        RecordingSink sink;
        TrainOptions stop;
        stop.stopAfterSteps = 2;
        QCOMPARE(Trainer::run(spec, {subset, {}}, sink, control, stop).status,
                 std::string("cancelled"));
        spec.learningRate = 5e-4;
        TrainOptions resume;
        resume.resume = true;
        const auto result = Trainer::run(spec, {subset, {}}, sink, control, resume);
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY2(result.message.find("learning_rate") != std::string::npos, result.message.c_str());
    }

    void nonFiniteLossIsSkippedNotTrainedOn()
    {
        // 200 examples, batch 32: 6 steps an epoch, 3 epochs. A clean run gives the schedule.
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 200);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-nan-clean")));
        TrainingControl control;
        RecordingSink clean;
        QCOMPARE(Trainer::run(spec, {subset, {}}, clean, control).status, std::string("completed"));

        RecordingSink sink;
        const auto result = runWithNaN(spec, "run-nan", 3, 1, sink);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QCOMPARE(sink.count(TrainingEventKind::Recovery), 1);
        const auto recovery = sink.last(TrainingEventKind::Recovery);
        QVERIFY2(recovery.message.find("NaN") != std::string::npos, recovery.message.c_str());
        QVERIFY(recovery.message.find("skipped") != std::string::npos);
        QCOMPARE(recovery.metrics.at("lr_scale"), 0.5);
        QCOMPARE(recovery.metrics.at("skipped_steps"), 1.0);
        for (double loss : sink.losses)
            QVERIFY(std::isfinite(loss));
        // Same number of steps (one batch fewer), the rate halved from step 3 on.
        QCOMPARE(result.steps, std::int64_t(clean.losses.size()));
        const auto rateAt = [](const RecordingSink& s, std::int64_t step) {
            for (const auto& e : s.events)
                if (e.kind == TrainingEventKind::Step && e.step == step)
                    return e.learningRate;
            return -1.0;
        };
        QCOMPARE(rateAt(sink, 2), rateAt(clean, 2));
        QVERIFY(rateAt(clean, 5) > 0);
        QVERIFY(std::abs(rateAt(sink, 5) - 0.5 * rateAt(clean, 5)) < 1e-12);
    }

    void repeatedNonFiniteLossesRollBack()
    {
        TrainSpec spec = baseSpec(m_model, {});
        spec.checkpointSteps = 2;
        RecordingSink sink;
        const auto result = runWithNaN(spec, "run-rollback", 4, 3, sink);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QCOMPARE(sink.count(TrainingEventKind::Recovery), 3);
        const auto last = sink.last(TrainingEventKind::Recovery);
        QVERIFY2(last.message.find("rolled back to the checkpoint of step 2") != std::string::npos,
                 last.message.c_str());
        QCOMPARE(last.metrics.at("rollbacks"), 1.0);
        QCOMPARE(last.metrics.at("lr_scale"), 0.125);
        for (double loss : sink.losses)
            QVERIFY(std::isfinite(loss));
    }

    void endlessNonFiniteLossesStopTheRunClearly()
    {
        TrainSpec spec = baseSpec(m_model, {});
        spec.checkpointSteps = 1;
        RecordingSink sink;
        const auto result = runWithNaN(spec, "run-nan-endless", 2, 1000, sink);
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY2(result.message.find("NaN") != std::string::npos, result.message.c_str());
        QVERIFY(result.message.find("3 rollbacks") != std::string::npos);
        QVERIFY(result.message.find("learning rate") != std::string::npos);
        QCOMPARE(sink.count(TrainingEventKind::Failed), 1);
        QCOMPARE(sink.count(TrainingEventKind::Recovery), 11); // 3 rollbacks x 3, then 2 more
        QCOMPARE(sink.losses.size(), std::size_t(1));          // step 1 only
    }

    void fp16IsRefusedOnTheCpu()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 64);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-fp16")));
        spec.fp16 = true;
        spec.device = "cpu";
        QVERIFY_THROWS_EXCEPTION(Error, spec.validate());
        spec.device = "auto";
        spec.validate();
        TrainingControl control;
        RecordingSink sink;
        const auto result = Trainer::run(spec, {subset, {}}, sink, control);
        if (collectSystemInfo().cudaAvailable)
            QSKIP("a CUDA GPU is present: fp16 is allowed here");
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY2(result.message.find("CUDA GPU") != std::string::npos, result.message.c_str());
        QVERIFY(result.message.find("bf16") != std::string::npos);
    }

    void cancelTakesEffectWithinOneStep()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 400);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-cancel")));
        TrainingControl control;
        RecordingSink sink(&control); // cancels as soon as the first step is reported
        const auto result = Trainer::run(spec, {subset, {}}, sink, control);
        QCOMPARE(result.status, std::string("cancelled"));
        QCOMPARE(result.steps, std::int64_t(1));
        QCOMPARE(sink.count(TrainingEventKind::Cancelled), 1);
        QVERIFY(QFileInfo::exists(QString::fromStdString(result.checkpointDir + "/state.json")));
    }

    void earlyStoppingEndsARunThatStopsImproving()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 320);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-early")));
        spec.learningRate = 1e-9; // nothing improves after the first evaluation
        spec.evalSteps = 2;
        spec.earlyStoppingPatience = 1;
        spec.metricForBest = "accuracy";
        TrainingControl control;
        RecordingSink sink;
        const auto result = Trainer::run(spec, {subset, {}}, sink, control);
        QCOMPARE(result.status, std::string("completed"));
        QCOMPARE(result.steps, std::int64_t(4)); // evaluations at 2 (best) and 4 (no gain)
        QVERIFY(QFileInfo::exists(QString::fromStdString(result.bestModelDir + "/config.json")));
    }

    void accumulatesGradientsOverBatches()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 320);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-accumulate")));
        spec.epochs = 1;
        spec.batchSize = 8;
        spec.gradientAccumulation = 4;
        spec.classWeights = true;
        TrainingControl control;
        RecordingSink sink;
        const auto result = Trainer::run(spec, {subset, {}}, sink, control);
        QCOMPARE(result.status, std::string("completed"));
        // 288 training examples (10 % held out) = 36 batches of 8 = 9 steps of 4 batches.
        QCOMPARE(result.steps, std::int64_t(9));
        QCOMPARE(sink.losses.size(), std::size_t(9));
    }

    void pauseHoldsTheRunUntilResumed()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 200);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-pause")));
        spec.maxSteps = 3;
        TrainingControl control;
        struct PausingSink : EventSink
        {
            TrainingControl* control = nullptr;
            std::vector<qint64> stepTimes;
            int paused = 0, resumed = 0;
            QElapsedTimer clock;
            std::thread resumer;
            void onEvent(const TrainingEvent& event) override
            {
                paused += event.kind == TrainingEventKind::Paused;
                resumed += event.kind == TrainingEventKind::Resumed;
                if (event.kind != TrainingEventKind::Step)
                    return;
                stepTimes.push_back(clock.elapsed());
                if (stepTimes.size() == 1) {
                    control->setPaused(true);
                    resumer = std::thread([this] {
                        std::this_thread::sleep_for(std::chrono::milliseconds(400));
                        control->setPaused(false);
                    });
                }
            }
        } sink;
        sink.control = &control;
        sink.clock.start();
        const auto result = Trainer::run(spec, {subset, {}}, sink, control);
        sink.resumer.join();
        QCOMPARE(result.status, std::string("completed"));
        QCOMPARE(sink.stepTimes.size(), std::size_t(3));
        QCOMPARE(sink.paused, 1);
        QCOMPARE(sink.resumed, 1);
        QVERIFY2(sink.stepTimes[1] - sink.stepTimes[0] >= 380,
                 qPrintable(QString::number(sink.stepTimes[1] - sink.stepTimes[0])));
    }

    void headOnlyLeavesTheEncoderUntouched()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 200);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("run-head")));
        spec.epochs = 1;
        spec.freeze.preset = "head-only";
        TrainingControl control;
        RecordingSink sink;
        const auto result = Trainer::run(spec, {subset, {}}, sink, control);
        QCOMPARE(result.status, std::string("completed"));
        ForwardInputs inputs;
        inputs.inputIds = {{101, 2194, 3123, 102}};
        const auto before = PretrainedModel::load(m_model.toStdString())->forward(inputs, true);
        const auto after = PretrainedModel::load(result.modelDir)->forward(inputs, true);
        QVERIFY(before.at("last_hidden_state").values == after.at("last_hidden_state").values);
    }

    void headOnlyCachesTheBackboneFeatures()
    {
        // Without dropout the backbone computes the same features in training and evaluation
        // mode, so a cached run must follow the uncached one (up to float rounding from
        // different batch shapes).
        DOMAINTUNE_SHARED_OR_SKIP(vocab, QStringLiteral("tokenizers/bert-base-uncased/vocab.txt"));
        auto config = test::smallBertConfig();
        config["hidden_dropout_prob"] = 0.0;
        config["attention_probs_dropout_prob"] = 0.0;
        const QString model = test::makeModelFolder(
            m_dir.filePath(QStringLiteral("no-dropout")), config, {QStringLiteral("vocab.txt")},
            QFileInfo(vocab).path(), R"({"do_lower_case": true})");
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 400);
        TrainSpec spec = baseSpec(model, m_dir.filePath(QStringLiteral("cached")));
        spec.epochs = 3;
        spec.freeze.preset = "head-only";
        TrainingControl control;
        RecordingSink cached, uncached;
        QCOMPARE(Trainer::run(spec, {subset, {}}, cached, control).status,
                 std::string("completed"));
        spec.cacheFrozenFeatures = false;
        spec.outputDir = m_dir.filePath(QStringLiteral("uncached")).toStdString();
        QCOMPARE(Trainer::run(spec, {subset, {}}, uncached, control).status,
                 std::string("completed"));
        const auto said = [](const RecordingSink& sink) {
            return std::count_if(sink.events.begin(), sink.events.end(),
                                 [](const TrainingEvent& e) {
                                     return e.kind == TrainingEventKind::Log &&
                                            e.message.find("features once") != std::string::npos;
                                 });
        };
        QCOMPARE(said(cached), std::ptrdiff_t(1));
        QCOMPARE(said(uncached), std::ptrdiff_t(0));
        QCOMPARE(cached.losses.size(), uncached.losses.size());
        for (std::size_t i = 0; i < cached.losses.size(); ++i)
            QVERIFY2(std::abs(cached.losses[i] - uncached.losses[i]) <=
                         1e-4 * std::max(1.0, std::abs(uncached.losses[i])),
                     qPrintable(QStringLiteral("step %1: %2 vs %3")
                                    .arg(i + 1)
                                    .arg(cached.losses[i], 0, 'g', 10)
                                    .arg(uncached.losses[i], 0, 'g', 10)));

        // A single epoch gains nothing from a cache: none is built.
        spec.cacheFrozenFeatures = true;
        spec.epochs = 1;
        spec.outputDir = m_dir.filePath(QStringLiteral("one-epoch")).toStdString();
        RecordingSink once;
        QCOMPARE(Trainer::run(spec, {subset, {}}, once, control).status, std::string("completed"));
        QCOMPARE(said(once), std::ptrdiff_t(0));
    }

    void resumeWithCachedFeaturesReproducesTheRun()
    {
        std::vector<Example> subset(m_examples.begin(), m_examples.begin() + 600);
        TrainSpec spec = baseSpec(m_model, m_dir.filePath(QStringLiteral("cache-a")));
        spec.epochs = 2;
        spec.freeze.preset = "head-only";
        TrainingControl control;
        RecordingSink uninterrupted;
        QCOMPARE(Trainer::run(spec, {subset, {}}, uninterrupted, control).status,
                 std::string("completed"));
        spec.outputDir = m_dir.filePath(QStringLiteral("cache-b")).toStdString();
        RecordingSink first, second;
        TrainOptions stop;
        stop.stopAfterSteps = 22; // in the second epoch (17 steps per epoch)
        QCOMPARE(Trainer::run(spec, {subset, {}}, first, control, stop).status,
                 std::string("cancelled"));
        TrainOptions resume;
        resume.resume = true;
        QCOMPARE(Trainer::run(spec, {subset, {}}, second, control, resume).status,
                 std::string("completed"));
        std::vector<double> stitched = first.losses;
        stitched.insert(stitched.end(), second.losses.begin(), second.losses.end());
        QCOMPARE(stitched.size(), uninterrupted.losses.size());
        for (std::size_t i = 0; i < stitched.size(); ++i)
            QVERIFY2(stitched[i] == uninterrupted.losses[i], qPrintable(QString::number(i + 1)));
    }

private:
    QTemporaryDir m_dir;
    std::vector<Example> m_examples;
    QString m_model;
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "testtrainer.moc"
