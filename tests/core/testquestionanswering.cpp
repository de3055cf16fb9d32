// Extractive question answering: SQuAD's official answer normalisation, exact match and F1;
// run_qa.py's windows (overlapping, labels on the answer's tokens only where a window holds it
// whole, else the first token); training and evaluation on the tiny BERT QA reference model
// with contexts held out whole.
#include "core/common/error.h"
#include "core/data/answerstatistics.h"
#include "core/text/tokenizerfactory.h"
#include "core/text/unicodeutil.h"
#include "core/train/batchprediction.h"
#include "core/train/featurizer.h"
#include "core/train/predictor.h"
#include "core/train/spananswer.h"
#include "core/train/squadmetric.h"
#include "core/train/trainer.h"
#include "testpaths.h"
#include "trainingfixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

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

    // tests/reference/squad/metric_cases.json: transformers' squad_metrics (the official v2
    // script's rules) on hand-written and random predictions; make_squad.py writes it.
    void metricEqualsTheOfficialScript()
    {
        std::ifstream in(domaintune::test::sourceFile() +
                         "/tests/reference/squad/metric_cases.json");
        QVERIFY(in.good());
        const auto reference = nlohmann::json::parse(in);
        double exact = 0, f1 = 0;
        int checked = 0;
        for (const auto& row : reference["cases"]) {
            const auto prediction = row["prediction"].get<std::string>();
            const auto answers = row["answers"].get<std::vector<std::string>>();
            const double oursExact = squadExactMatch(prediction, answers);
            const double oursF1 = squadF1(prediction, answers);
            const std::string what =
                "prediction \"" + prediction + "\" case " + std::to_string(checked);
            QVERIFY2(oursExact == row["exact"].get<double>(), what.c_str());
            QVERIFY2(std::abs(oursF1 - row["f1"].get<double>()) < 1e-12, what.c_str());
            exact += oursExact;
            f1 += oursF1;
            ++checked;
        }
        QVERIFY(checked > 150);
        QVERIFY(std::abs(100.0 * exact / checked - reference["totals"]["exact"].get<double>()) <
                1e-9);
        QVERIFY(std::abs(100.0 * f1 / checked - reference["totals"]["f1"].get<double>()) < 1e-9);
    }

    // run_qa.py's post-processing on hand-made logits: a window of [CLS] q [SEP] c0..c3 [SEP]
    // whose context tokens cover bytes 0-3, 4-7, 8-11, 12-15 of "aaa bbb ccc ddd ".
    void spanAnswerFollowsRunQa()
    {
        const std::string context = "aaa bbb ccc ddd ";
        Feature feature;
        feature.spanBegin = {-1, -1, -1, 0, 4, 8, 12, -1};
        feature.spanEnd = {-1, -1, -1, 3, 7, 11, 15, -1};
        SpanWindowLogits window{&feature, {0, 9, 0, 1, 5, 0, 0, 0}, {0, 0, 9, 0, 0, 4, 0, 0}};
        // The question tokens score highest but lie outside the context; end before start
        // (start c1, end c0) is not allowed either: the answer is c1..c2.
        SpanAnswer answer = pickSpanAnswer(context, {window}, {});
        QCOMPARE(QString::fromStdString(answer.text), QString("bbb ccc"));
        QCOMPARE(answer.begin, std::int64_t(4));
        QCOMPARE(answer.end, std::int64_t(11));
        QCOMPARE(answer.score, 9.0);
        QVERIFY(answer.probability > 0.5 && answer.probability < 1.0);
        QVERIFY(!answer.noAnswer);
        // A longer answer than allowed is skipped.
        SpanAnswerOptions shortOnly;
        shortOnly.maxAnswerTokens = 1;
        answer = pickSpanAnswer(context, {window}, shortOnly);
        QCOMPARE(QString::fromStdString(answer.text), QString("bbb")); // c1..c1: 5 + 0
        // v2: the CLS score (start[0] + end[0]) beats the span by more than the threshold.
        window.start[0] = 8;
        window.end[0] = 3;
        SpanAnswerOptions v2;
        v2.allowNoAnswer = true;
        answer = pickSpanAnswer(context, {window}, v2);
        QVERIFY(answer.noAnswer);
        QCOMPARE(QString::fromStdString(answer.text), QString());
        QCOMPARE(answer.score, 11.0);
        v2.nullThreshold = 2.5; // 11 - 9 = 2 is not more than 2.5
        answer = pickSpanAnswer(context, {window}, v2);
        QCOMPARE(QString::fromStdString(answer.text), QString("bbb ccc"));
        // The null score is the smallest over the windows.
        SpanWindowLogits second{&feature, {1, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0, 0}};
        v2.nullThreshold = 0;
        answer = pickSpanAnswer(context, {window, second}, v2);
        QCOMPARE(QString::fromStdString(answer.text), QString("bbb ccc"));
        QCOMPARE(unicode::countCharacters(std::string_view("剂量 ab").substr(0, 7)),
                 std::size_t(3));
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

    // The data page's counts: with 32-token windows and "what rose" (2 tokens) + 3 specials,
    // 27 context tokens fit a window.
    void answerStatisticsMeasureTheWindows()
    {
        QTemporaryDir dir;
        const auto tokenizer =
            loadTokenizer(test::makeTinyClassifier(dir.filePath("qa").toStdString(), "bert-qa"));
        Example early = qaExample(2, 20, "early");
        Example late = qaExample(40, 45, "late"); // ends at token 43 of the context
        Example none = qaExample(2, 10, "none");
        none.answers.clear();
        Example huge = qaExample(0, 40, "huge");
        huge.answers = {{huge.textPair, 0}}; // the whole 42-token context
        const std::vector<Example> examples = {early, late, none, huge};
        const AnswerStatistics stats = computeAnswerStatistics(examples, tokenizer.get(), 32);
        QVERIFY(stats.tokenized);
        QCOMPARE(stats.questions, std::size_t(4));
        QCOMPARE(stats.unanswerable, std::size_t(1));
        QCOMPARE(stats.beyondFirstWindow, std::size_t(2)); // late and huge
        QCOMPARE(stats.longerThanWindow, std::size_t(1));  // huge
        QCOMPARE(stats.longerThanMaxAnswer, std::size_t(1));
        const AnswerStatistics counted = computeAnswerStatistics(examples, nullptr, 32);
        QVERIFY(!counted.tokenized);
        QCOMPARE(counted.unanswerable, std::size_t(1));
        QCOMPARE(counted.beyondFirstWindow, std::size_t(0));
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

        // The model answers questions from a CSV of question,context rows: one JSON line per
        // question, its text at its character offsets; a classifier's predict() refuses.
        const std::string model = spec.outputDir + "/model";
        const Predictor predictor(model, 32);
        QVERIFY_THROWS_EXCEPTION(Error, predictor.predict({"profit rose up"}));
        const QString input = dir.filePath("questions.csv");
        {
            std::ofstream csv(input.toStdString());
            csv << "id,question,context\n";
            for (int i = 0; i < 3; ++i) {
                const Example example = qaExample(2 + i, 20, "q" + std::to_string(i));
                csv << example.id << ",\"" << example.text << "\",\"" << example.textPair << "\"\n";
            }
            csv << "q-empty,what rose,\n";
        }
        BatchPredictionRequest request;
        request.modelDir = model;
        request.input = input.toStdString();
        request.output = dir.filePath("answers.jsonl").toStdString();
        request.maxLength = 32;
        try {
            predictFile(request);
            QFAIL("a question without a context must be refused");
        } catch (const Error& error) {
            QVERIFY2(error.line() == 5, error.what()); // the empty context's line
            QVERIFY(!QFile::exists(QString::fromStdString(request.output)));
        }
        QFile questions(input);
        QVERIFY(questions.open(QIODevice::ReadOnly));
        QByteArray kept = questions.readAll();
        kept.truncate(kept.lastIndexOf("q-empty"));
        questions.close();
        QVERIFY(questions.open(QIODevice::WriteOnly | QIODevice::Truncate));
        questions.write(kept);
        questions.close();
        const BatchPredictionResult written = predictFile(request);
        QCOMPARE(written.rows, std::size_t(3));
        std::ifstream lines(request.output);
        int row = 0;
        for (std::string line; std::getline(lines, line); ++row) {
            const auto json = nlohmann::json::parse(line);
            QCOMPARE(json["id"].get<std::string>(), "q" + std::to_string(row));
            const Example example = qaExample(2 + row, 20, "");
            const QString context = QString::fromStdString(example.textPair);
            const auto start = json["start"].get<int>(), end = json["end"].get<int>();
            QVERIFY(start >= 0 && end >= start);
            QCOMPARE(context.mid(start, end - start),
                     QString::fromStdString(json["prediction_text"].get<std::string>()));
            QVERIFY(json["score"].get<double>() > 0 && json["score"].get<double>() <= 1);
        }
        QCOMPARE(row, 3);
    }
};

QTEST_APPLESS_MAIN(TestQuestionAnswering)
#include "testquestionanswering.moc"
