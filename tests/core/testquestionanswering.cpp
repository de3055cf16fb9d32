// Extractive question answering: SQuAD's official answer normalisation, exact match and F1;
// run_qa.py's windows (overlapping, labels on the answer's tokens only where a window holds it
// whole, else the first token); training and evaluation on the tiny BERT QA reference model
// with contexts held out whole.
#include "core/text/tokenizerfactory.h"
#include "core/train/featurizer.h"
#include "core/train/squadmetric.h"
#include "core/train/trainer.h"
#include "trainingfixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune;

namespace {

// A context of the tiny vocabulary's words, long enough for several windows, with the answer
// "profit rose up" at @p position (in words).
Example qaExample(int position, int contextWords, const std::string& id)
{
    const std::vector<std::string> filler = {"the",  "bank", "cut",  "rates", "shares",
                                             "fell", "down", "good", "bad",   "loss"};
    std::string context;
    std::int64_t start = -1;
    for (int i = 0; i < contextWords; ++i) {
        if (!context.empty())
            context += ' ';
        if (i == position) {
            start = static_cast<std::int64_t>(context.size());
            context += "profit rose up";
            continue;
        }
        context += filler[static_cast<std::size_t>(i * 7 + contextWords) % filler.size()];
    }
    Example example;
    example.id = id;
    example.text = "what rose";
    example.textPair = context;
    example.answers = {{"profit rose up", start}};
    return example;
}

} // namespace

class TestQuestionAnswering : public QObject
{
    Q_OBJECT

private slots:
    void officialNormalisation_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("case, punctuation, article") << "The Cat!"
                                                    << "cat";
        QTest::newRow("articles only as words") << "an antelope and a theme"
                                                << "antelope and theme";
        QTest::newRow("white space") << "  two\t\nwords  "
                                     << "two words";
        QTest::newRow("punctuation inside words") << "U.S.-based"
                                                  << "usbased";
        QTest::newRow("unicode lower case") << "ÉCOLE Straße"
                                            << "école straße";
        QTest::newRow("empty") << ""
                               << "";
    }

    void officialNormalisation()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalized);
        QCOMPARE(QString::fromStdString(normalizeSquadAnswer(text.toStdString())), normalized);
    }

    void exactMatchAndF1()
    {
        QCOMPARE(squadExactMatch("the Cat.", {"dog", "cat"}), 1.0);
        QCOMPARE(squadExactMatch("black cat", {"cat"}), 0.0);
        // "cat sat" against "cat sat on mat": precision 1, recall 1/2.
        QVERIFY(std::abs(squadF1("the cat sat", {"cat sat on mat"}) - 2.0 / 3.0) < 1e-12);
        QCOMPARE(squadF1("cat", {"dog", "the cat"}), 1.0); // the best answer counts
        QCOMPARE(squadF1("dog", {"cat"}), 0.0);
        // Repeated tokens count once each per occurrence (Counter intersection).
        QVERIFY(std::abs(squadF1("up up up", {"up down"}) - 0.4) < 1e-12);
    }

    void windowsFollowRunQa()
    {
        QTemporaryDir dir;
        const std::string model =
            test::makeTinyClassifier(dir.filePath("qa").toStdString(), "bert-qa");
        const auto tokenizer = loadTokenizer(model);
        const Featurizer featurizer(*tokenizer, Task::QuestionAnswering, 32, {});
        const auto features = featurizer.build({qaExample(30, 40, "q1")});
        QVERIFY2(features.features.size() >= 3, "a 42-word context in 32-token windows");
        int holding = 0;
        for (const Feature& feature : features.features) {
            QCOMPARE(feature.example, std::int64_t(0));
            QVERIFY(feature.ids.size() <= 32);
            QCOMPARE(feature.labels.size(), std::size_t(2));
            const auto start = feature.labels[0], end = feature.labels[1];
            if (start == 0) {
                QCOMPARE(end, std::int64_t(0)); // the answer is not wholly in this window
                continue;
            }
            ++holding;
            const std::string& context = features.spanExamples.at(0).context;
            const auto from = std::size_t(feature.spanBegin[std::size_t(start)]);
            const auto to = std::size_t(feature.spanEnd[std::size_t(end)]);
            QCOMPARE(context.substr(from, to - from), std::string("profit rose up"));
        }
        QVERIFY(holding >= 1);
        QVERIFY(holding < int(features.features.size()));
        // Consecutive windows overlap: the second starts before the first ends.
        const auto& first = features.features[0];
        const auto& second = features.features[1];
        std::int32_t firstEnd = -1, secondStart = -1;
        for (std::size_t t = 0; t < first.spanEnd.size(); ++t)
            firstEnd = std::max(firstEnd, first.spanEnd[t]);
        for (std::size_t t = 0; t < second.spanBegin.size() && secondStart < 0; ++t)
            secondStart = second.spanBegin[t];
        QVERIFY(secondStart >= 0 && secondStart < firstEnd);
    }

    void trainsAndScores()
    {
        QTemporaryDir dir;
        TrainSpec spec;
        spec.modelDir = test::makeTinyClassifier(dir.filePath("qa").toStdString(), "bert-qa");
        spec.task = "qa";
        spec.trainFile = "memory";
        spec.outputDir = dir.filePath("run").toStdString();
        spec.epochs = 3;
        spec.batchSize = 8;
        spec.maxLength = 32;
        spec.learningRate = 5e-3;
        spec.threads = 1;
        spec.validationFraction = 0.25;
        std::vector<Example> examples;
        for (int context = 0; context < 8; ++context)
            for (int question = 0; question < 4; ++question)
                examples.push_back(
                    qaExample(2 + context, 12 + context, std::to_string(context * 4 + question)));
        class Evaluations : public EventSink
        {
        public:
            void onEvent(const TrainingEvent& event) override
            {
                if (event.kind == TrainingEventKind::Evaluation)
                    last = event.metrics;
            }
            std::map<std::string, double> last;
        } sink;
        TrainingControl control;
        const auto result = Trainer::run(spec, {examples, {}}, sink, control);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QVERIFY(sink.last.count("exact_match") && sink.last.count("f1"));
        QVERIFY(sink.last.at("f1") >= 0 && sink.last.at("f1") <= 100);
        QVERIFY(sink.last.at("exact_match") <= sink.last.at("f1"));
    }
};

QTEST_APPLESS_MAIN(TestQuestionAnswering)
#include "testquestionanswering.moc"
