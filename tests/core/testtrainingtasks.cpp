// The other training tasks end to end on real data: NER on NCBI-disease (CoNLL), masked-LM
// continued pretraining on finance sentences, causal-LM fine-tuning of a GPT-2 with the real
// GPT-2 vocabulary. Small models from scratch, a few dozen steps each: what is checked is
// that every task learns (its validation loss falls) and reports its metrics.
#include "core/data/corpusimporter.h"
#include "core/model/pretrainedmodel.h"
#include "core/train/trainer.h"
#include "testsupport.h"
#include "trainingfixtures.h"

#include <QtTest>

#include <fstream>

using namespace domaintune;

namespace {

class Evaluations : public EventSink
{
public:
    void onEvent(const TrainingEvent& event) override
    {
        if (event.kind == TrainingEventKind::Evaluation)
            metrics.push_back(event.metrics);
        if (event.kind == TrainingEventKind::Evaluation && !event.perClass.empty())
            lastPerClass = event.perClass;
    }
    std::vector<std::map<std::string, double>> metrics;
    std::vector<ClassMetrics> lastPerClass;
};

TrainSpec specFor(const std::string& task, const QString& model, const QString& output)
{
    TrainSpec spec;
    spec.task = task;
    spec.modelDir = model.toStdString();
    spec.trainFile = "data";
    spec.outputDir = output.toStdString();
    spec.maxLength = 64;
    spec.batchSize = 16;
    spec.learningRate = 1e-3;
    spec.threads = 1;
    spec.epochs = 1;
    spec.evalSteps = 10;
    return spec;
}

} // namespace

class TestTrainingTasks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DOMAINTUNE_SHARED_OR_SKIP(bert, QStringLiteral("tokenizers/bert-base-uncased"));
        DOMAINTUNE_SHARED_OR_SKIP(gpt2, QStringLiteral("tokenizers/gpt2"));
        m_bert = test::makeModelFolder(m_dir.filePath(QStringLiteral("bert")),
                                       test::smallBertConfig(), {QStringLiteral("vocab.txt")}, bert,
                                       R"({"do_lower_case": true})", 3);
        m_gpt2 = test::makeModelFolder(m_dir.filePath(QStringLiteral("gpt2")),
                                       {{"model_type", "gpt2"},
                                        {"vocab_size", 50257},
                                        {"n_embd", 64},
                                        {"n_layer", 2},
                                        {"n_head", 2},
                                        {"n_positions", 128}},
                                       {QStringLiteral("vocab.json"), QStringLiteral("merges.txt")},
                                       gpt2);
    }

    void tagsDiseasesInNcbi()
    {
        DOMAINTUNE_SHARED_OR_SKIP(train, QStringLiteral("data/medical/ncbi-disease/train.tsv"));
        DOMAINTUNE_SHARED_OR_SKIP(devel, QStringLiteral("data/medical/ncbi-disease/devel.tsv"));
        auto trainExamples = importCorpus(train.toStdString()).examples();
        auto develExamples = importCorpus(devel.toStdString()).examples();
        trainExamples.resize(800);
        develExamples.resize(200);
        TrainSpec spec = specFor("token-cls", m_bert, m_dir.filePath(QStringLiteral("ner")));
        spec.epochs = 2;
        Evaluations sink;
        TrainingControl control;
        const auto result = Trainer::run(spec, {trainExamples, develExamples}, sink, control);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QVERIFY(sink.metrics.size() >= 3);
        QVERIFY(sink.metrics.back().at("loss") < sink.metrics.front().at("loss"));
        QVERIFY(sink.metrics.back().at("token_accuracy") > 0.85); // mostly O, but learned
        QVERIFY(result.metrics.count("f1"));
        QCOMPARE(sink.lastPerClass.size(), std::size_t(1));
        QCOMPARE(sink.lastPerClass.front().label, std::string("Disease"));
        const auto model = PretrainedModel::load(result.modelDir);
        QCOMPARE(model->config().labels, (std::vector<std::string>{"B-Disease", "I-Disease", "O"}));
    }

    void continuesPretrainingOnDomainText()
    {
        DOMAINTUNE_SHARED_OR_SKIP(csv, QStringLiteral("data/finance/financial-phrasebank.csv"));
        auto examples = importCorpus(csv.toStdString()).examples();
        examples.resize(1200);
        for (auto& example : examples)
            example.labels.clear();
        TrainSpec spec = specFor("mlm", m_bert, m_dir.filePath(QStringLiteral("mlm")));
        spec.wholeWordMasking = true;
        Evaluations sink;
        TrainingControl control;
        const auto result = Trainer::run(spec, {examples, {}}, sink, control);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QVERIFY(sink.metrics.size() >= 2);
        QVERIFY(std::isfinite(sink.metrics.back().at("perplexity")));
        QVERIFY(sink.metrics.back().at("perplexity") < sink.metrics.front().at("perplexity"));
        QCOMPARE(PretrainedModel::load(result.modelDir)->head(), HeadKind::MaskedLm);
    }

    void fineTunesACausalLanguageModel()
    {
        DOMAINTUNE_SHARED_OR_SKIP(csv, QStringLiteral("data/finance/financial-phrasebank.csv"));
        auto examples = importCorpus(csv.toStdString()).examples();
        examples.resize(1200);
        TrainSpec spec = specFor("clm", m_gpt2, m_dir.filePath(QStringLiteral("clm")));
        Evaluations sink;
        TrainingControl control;
        const auto result = Trainer::run(spec, {examples, {}}, sink, control);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QVERIFY(sink.metrics.size() >= 2);
        QVERIFY(sink.metrics.back().at("perplexity") < sink.metrics.front().at("perplexity"));
        QCOMPARE(PretrainedModel::load(result.modelDir)->head(), HeadKind::CausalLm);
    }

    void refusesTasksTheModelCannotDo()
    {
        DOMAINTUNE_SHARED_OR_SKIP(csv, QStringLiteral("data/finance/financial-phrasebank.csv"));
        auto examples = importCorpus(csv.toStdString()).examples();
        examples.resize(50);
        Evaluations sink;
        TrainingControl control;
        const auto result =
            Trainer::run(specFor("mlm", m_gpt2, m_dir.filePath(QStringLiteral("bad"))),
                         {examples, {}}, sink, control);
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY2(result.message.find("causal") != std::string::npos ||
                     result.message.find("mask") != std::string::npos,
                 result.message.c_str());
    }

private:
    QTemporaryDir m_dir;
    QString m_bert, m_gpt2;
};

QTEST_APPLESS_MAIN(TestTrainingTasks)
#include "testtrainingtasks.moc"
