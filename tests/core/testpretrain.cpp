// A base model from nothing: a SentencePiece vocabulary trained on real bilingual text, then
// masked-LM pretraining; the result is a normal model folder whose tokenizer and weights load
// again and whose masked-LM perplexity is lower than the untrained model's.
#include "core/data/corpusimporter.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/modelevaluation.h"
#include "core/train/pretrainer.h"
#include "testsupport.h"

#include <QtTest>

using namespace domaintune;

namespace {

class Quiet : public EventSink
{
public:
    void onEvent(const TrainingEvent& event) override
    {
        if (event.kind == TrainingEventKind::Failed)
            failure = event.message;
        messages.push_back(event.message);
    }
    std::string failure;
    std::vector<std::string> messages;
};

} // namespace

class TestPretrain : public QObject
{
    Q_OBJECT

private slots:
    void buildsABilingualBaseModel()
    {
        // English licence texts every Debian machine has, plus Chinese statutes when ../shared
        // is present (the vocabulary then covers both scripts).
        std::vector<std::string> corpus = {"/usr/share/common-licenses/GPL-3",
                                           "/usr/share/common-licenses/Apache-2.0"};
        const QString laws = test::sharedDir() + QStringLiteral("/data/zh/laws/刑法");
        const bool chinese = QFileInfo::exists(laws);
        if (chinese)
            corpus.push_back(laws.toStdString());
        QTemporaryDir dir;
        PretrainSpec spec;
        spec.corpus = corpus;
        spec.outputDir = dir.filePath(QStringLiteral("base")).toStdString();
        spec.vocabSize = 3000;
        spec.layers = 2;
        spec.hidden = 64;
        spec.heads = 2;
        spec.maxLength = 64;
        spec.maxSteps = 60;
        spec.batchSize = 16;
        spec.learningRate = 1e-3;
        spec.threads = 1;
        Quiet sink;
        TrainingControl control;
        const TrainResult result = pretrainFromScratch(spec, sink, control);
        QVERIFY2(result.status == "completed", (result.message + sink.failure).c_str());
        QCOMPARE(result.steps, std::int64_t(60));

        const auto tokenizer = loadTokenizer(result.modelDir);
        QCOMPARE(tokenizer->kind(), std::string("sentencepiece"));
        const auto encoding = tokenizer->encode("The licensee shall comply.");
        QCOMPARE(encoding.tokens.front(), std::string("[CLS]"));
        QCOMPARE(encoding.tokens.back(), std::string("[SEP]"));
        QVERIFY(tokenizer->tokenToId("[MASK]") >= 0);
        if (chinese) {
            const auto zh = tokenizer->encode("犯罪的刑事责任");
            const auto unk = tokenizer->tokenToId("<unk>");
            QVERIFY(std::count(zh.ids.begin(), zh.ids.end(), unk) == 0);
        }

        // The pretrained model predicts masked tokens better than the untrained one.
        std::vector<Example> heldOut;
        for (const char* text : {"This License applies to any program or other work.",
                                 "You may convey a work based on the Program."}) {
            Example example;
            example.text = text;
            heldOut.push_back(example);
        }
        const auto before = evaluateModel(spec.outputDir + "/init", heldOut, "mlm", 64);
        const auto after = evaluateModel(result.modelDir, heldOut, "mlm", 64);
        QVERIFY2(after.metrics.at("perplexity") < before.metrics.at("perplexity"),
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(after.metrics.at("perplexity"))
                                .arg(before.metrics.at("perplexity"))));
    }

    void smallCorpusGetsTheLargestVocabularyItSupports()
    {
        // One licence text cannot support 20,000 pieces: sentencepiece alone refuses with
        // "Vocabulary size too high"; pretraining takes what the text supports and says so.
        QTemporaryDir dir;
        PretrainSpec spec;
        spec.corpus = {"/usr/share/common-licenses/Apache-2.0"};
        spec.outputDir = dir.filePath(QStringLiteral("small")).toStdString();
        spec.vocabSize = 20000;
        spec.layers = 1;
        spec.hidden = 32;
        spec.heads = 2;
        spec.maxLength = 32;
        spec.maxSteps = 2;
        spec.batchSize = 4;
        spec.threads = 1;
        Quiet sink;
        TrainingControl control;
        const TrainResult result = pretrainFromScratch(spec, sink, control);
        QVERIFY2(result.status == "completed", (result.message + sink.failure).c_str());
        const auto tokenizer = loadTokenizer(result.modelDir);
        QVERIFY(tokenizer->vocabSize() > 100);
        QVERIFY(tokenizer->vocabSize() < 20000);
        const std::string said = "The corpus supports " + std::to_string(tokenizer->vocabSize()) +
                                 " vocabulary pieces, fewer than the 20000 asked for";
        QVERIFY2(std::any_of(sink.messages.begin(), sink.messages.end(),
                             [&](const std::string& m) { return m.rfind(said, 0) == 0; }),
                 said.c_str());
    }

    void refusesAnEmptyCorpus()
    {
        QTemporaryDir dir;
        QFile empty(dir.filePath(QStringLiteral("empty.txt")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        PretrainSpec spec;
        spec.corpus = {empty.fileName().toStdString()};
        spec.outputDir = dir.filePath(QStringLiteral("out")).toStdString();
        Quiet sink;
        TrainingControl control;
        const auto result = pretrainFromScratch(spec, sink, control);
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY(!result.message.empty());
    }
};

QTEST_APPLESS_MAIN(TestPretrain)
#include "testpretrain.moc"
