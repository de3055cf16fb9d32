// Few-shot classification (TrainSpec::method "setfit"): SetFit's contrastive pairs, the
// logistic-regression head against scikit-learn's (tests/reference/logreg/sklearn.json, written
// by tests/reference/make_logreg.py), the sentence-cls head and its model folder, and the
// refusals a user meets.
#include "core/common/error.h"
#include "core/export/modelexport.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/sentencepooling.h"
#include "core/train/contrastivepairs.h"
#include "core/train/logisticregression.h"
#include "core/train/predictor.h"
#include "core/train/trainer.h"
#include "testpaths.h"
#include "trainingfixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using namespace domaintune;
namespace fs = std::filesystem;

namespace {

class Events : public EventSink
{
public:
    void onEvent(const TrainingEvent& event) override { events.push_back(event); }
    std::vector<TrainingEvent> events;
    std::int64_t count(TrainingEventKind kind) const
    {
        return std::count_if(events.begin(), events.end(),
                             [kind](const TrainingEvent& e) { return e.kind == kind; });
    }
};

torch::Tensor matrix(const nlohmann::json& rows)
{
    std::vector<double> values;
    for (const auto& row : rows)
        for (const auto& value : row)
            values.push_back(value.get<double>());
    return torch::tensor(values, torch::kDouble)
        .reshape({static_cast<std::int64_t>(rows.size()), -1});
}

nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

} // namespace

class TestFewShot : public QObject
{
    Q_OBJECT

private slots:
    void pairsFollowTheSamplingStrategy()
    {
        // 3 + 2 + 1 examples: positive pairs (self included) 6 + 3 + 1 = 10 of 21.
        const std::vector<std::int64_t> labels = {0, 0, 0, 1, 1, 2};
        const auto unique = contrastivePairs(labels, PairSampling::Unique, 0, 1);
        QCOMPARE(unique.size(), std::size_t(21));
        std::set<std::pair<std::int64_t, std::int64_t>> seen;
        for (const auto& pair : unique) {
            QVERIFY(pair.first <= pair.second);
            QVERIFY(seen.insert({pair.first, pair.second}).second); // each pair once
            const bool same = labels[std::size_t(pair.first)] == labels[std::size_t(pair.second)];
            QCOMPARE(pair.target, same ? 1.0f : 0.0f);
        }
        const auto over = contrastivePairs(labels, PairSampling::Oversampling, 0, 1);
        QCOMPARE(over.size(), std::size_t(22));       // 11 of each kind
        for (std::size_t k = 0; k < over.size(); ++k) // interleaved: positive, negative, ...
            QCOMPARE(over[k].target, k % 2 == 0 ? 1.0f : 0.0f);
        QCOMPARE(contrastivePairs(labels, PairSampling::Undersampling, 0, 1).size(),
                 std::size_t(20));
        QCOMPARE(contrastivePairs(labels, PairSampling::Oversampling, 5, 1).size(),
                 std::size_t(2 * 5 * 6)); // num_iterations: 5 of each kind per example
        QCOMPARE(contrastivePairCount(labels, PairSampling::Oversampling, 5), std::int64_t(60));
        QCOMPARE(contrastivePairCount(labels, PairSampling::Oversampling, 0), std::int64_t(22));

        // A seed fixes the order; another seed shuffles differently.
        const auto again = contrastivePairs(labels, PairSampling::Oversampling, 0, 1);
        const auto other = contrastivePairs(labels, PairSampling::Oversampling, 0, 2);
        bool sameOrder = true, otherOrder = true;
        for (std::size_t k = 0; k < over.size(); ++k) {
            sameOrder =
                sameOrder && over[k].first == again[k].first && over[k].second == again[k].second;
            otherOrder =
                otherOrder && over[k].first == other[k].first && over[k].second == other[k].second;
        }
        QVERIFY(sameOrder);
        QVERIFY(!otherOrder);
        // One class: no negative pair exists, and none is invented.
        for (const auto& pair : contrastivePairs({4, 4, 4}, PairSampling::Oversampling, 0, 1))
            QCOMPARE(pair.target, 1.0f);
        QVERIFY_THROWS_EXCEPTION(Error, parsePairSampling("random"));
    }

    void logisticRegressionMatchesScikitLearn()
    {
        const auto reference =
            readJson(domaintune::test::sourceFile("/tests/reference/logreg/sklearn.json"));
        QCOMPARE(reference["cases"].size(), std::size_t(4));
        for (const auto& c : reference["cases"]) {
            const auto x = matrix(c["x"]);
            std::vector<std::int64_t> y = c["y"];
            LogisticRegressionOptions options;
            options.c = c["c"];
            const auto fit = fitLogisticRegression(x.to(torch::kFloat), torch::tensor(y),
                                                   c["classes"].get<std::int64_t>(), options);
            QVERIFY2(fit.converged, c["name"].get<std::string>().c_str());
            for (const auto& [inputs, expected] :
                 {std::pair{x, matrix(c["probabilities"])},
                  std::pair{matrix(c["held_out"]), matrix(c["held_out_probabilities"])}}) {
                const auto ours = torch::softmax(torch::addmm(fit.bias.to(torch::kDouble), inputs,
                                                              fit.weight.to(torch::kDouble).t()),
                                                 1);
                const double worst = (ours - expected).abs().max().item<double>();
                QVERIFY2(worst < 2e-3, qPrintable(QStringLiteral("%1: probabilities differ by %2")
                                                      .arg(QString::fromStdString(c["name"]))
                                                      .arg(worst)));
            }
        }
    }

    void sentenceTransformersPoolingIsRead()
    {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        QVERIFY(!readSentenceTransformersPooling(folder)); // not a sentence-transformers folder
        writeSentenceTransformersModules(folder, {"cls", true}, 64, 128);
        const auto pooling = readSentenceTransformersPooling(folder);
        QVERIFY(pooling);
        QCOMPARE(pooling->mode, std::string("cls"));
        QVERIFY(pooling->normalize);
        QVERIFY(fs::is_directory(folder + "/2_Normalize"));
        // Max pooling would give other embeddings than sentence-transformers: refused.
        std::ofstream(folder + "/1_Pooling/config.json")
            << R"({"word_embedding_dimension": 64, "pooling_mode_max_tokens": true})";
        try {
            readSentenceTransformersPooling(folder);
            QFAIL("max pooling was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("1_Pooling/config.json"), e.what());
            QVERIFY2(QString(e.what()).contains("mean"), e.what());
        }
    }

    void fewShotRunTrainsTheEncoderAndFitsTheHead()
    {
        QTemporaryDir dir;
        const std::string model = test::makeTinyClassifier(dir.path().toStdString() + "/tiny");
        writeSentenceTransformersModules(model, {"mean", true}, 16, 64);
        TrainSpec spec = test::tinyTrainSpec(model, dir.path().toStdString() + "/run");
        spec.useFewShotDefaults();
        spec.epochs = 2;
        spec.learningRate = 1e-3;
        spec.pairIterations = 4;
        spec.validationFraction = 0;
        TrainingData data;
        data.train = test::tinySentimentExamples(2); // 4 per class
        data.validation = test::tinySentimentExamples(1);
        Events events;
        TrainingControl control;
        const TrainResult result = Trainer::run(spec, data, events, control);
        QVERIFY2(result.status == "completed", result.message.c_str());
        // 12 examples × 4 iterations × 2 kinds = 96 pairs, batches of 8, two epochs.
        QCOMPARE(result.steps, std::int64_t(24));
        QCOMPARE(events.count(TrainingEventKind::Step), std::int64_t(24));
        QCOMPARE(events.count(TrainingEventKind::Evaluation), std::int64_t(1));
        double first = 0, last = 0;
        for (const auto& event : events.events)
            if (event.kind == TrainingEventKind::Step) {
                if (event.step <= 3)
                    first += event.loss;
                if (event.step > 21)
                    last += event.loss;
            }
        QVERIFY2(
            last < first,
            qPrintable(QStringLiteral("contrastive loss %1 -> %2").arg(first / 3).arg(last / 3)));
        QCOMPARE(result.metrics.at("accuracy"), 1.0); // three separable phrases per class

        // The folder: a sentence-cls model that sentence-transformers reads as an encoder.
        const auto config = readJson(result.modelDir + "/config.json");
        QCOMPARE(config["architectures"][0].get<std::string>(),
                 std::string("BertForSentenceEmbeddingClassification"));
        QCOMPARE(config[kSentencePoolingKey]["normalize"].get<bool>(), true);
        QCOMPARE(readJson(result.modelDir + "/modules.json").size(), std::size_t(3));
        QCOMPARE(readJson(result.modelDir + "/1_Pooling/config.json")["pooling_mode_mean_tokens"]
                     .get<bool>(),
                 true);
        const auto reloaded = PretrainedModel::load(result.modelDir);
        QCOMPARE(reloaded->head(), HeadKind::SentenceClassification);
        QCOMPARE(reloaded->config().labels,
                 (std::vector<std::string>{"negative", "neutral", "positive"}));

        // It predicts as the evaluation measured, through the normal Predictor.
        Predictor predictor(result.modelDir, 16);
        const auto predictions = predictor.predict({"good profit", "bad loss", "the rates"});
        QCOMPARE(predictions[0].label, std::string("positive"));
        QCOMPARE(predictions[1].label, std::string("negative"));
        QCOMPARE(predictions[2].label, std::string("neutral"));

        // The pretrained encoder moved: the pairs trained it, not only the head.
        const auto before = PretrainedModel::load(model);
        QVERIFY(before->weightsDigest() != reloaded->weightsDigest());

        // Both exports write it and verify what they wrote against the model's own outputs:
        // TorchScript with the pooling and normalisation compiled in.
        ModelExportRequest request;
        request.modelDir = result.modelDir;
        request.output = dir.path().toStdString() + "/export";
        request.torchScript = true;
        const ModelExportResult exported = exportModel(request);
        QVERIFY2(exported.passed(), exported.torchScript
                                        ? exported.torchScript->verification.message.c_str()
                                        : "no TorchScript export");
        QCOMPARE(exported.architecture, std::string("BertForSentenceEmbeddingClassification"));
        QVERIFY(fs::exists(request.output + "/modules.json"));
        QVERIFY(fs::exists(request.output + "/model.pt"));
        // Its model card says how to load it (transformers has no class for the head).
        std::ifstream card(request.output + "/README.md");
        const std::string text((std::istreambuf_iterator<char>(card)),
                               std::istreambuf_iterator<char>());
        QVERIFY2(text.find("SentenceTransformer(folder)") != std::string::npos, text.c_str());
        QVERIFY(text.find("mean pooling, normalised") != std::string::npos);
    }

    void fewShotRefusesWhatItCannotDo()
    {
        QTemporaryDir dir;
        const std::string model = test::makeTinyClassifier(dir.path().toStdString() + "/tiny");
        TrainSpec spec = test::tinyTrainSpec(model, dir.path().toStdString() + "/run");
        spec.useFewShotDefaults();
        spec.task = "token-cls";
        QVERIFY_THROWS_EXCEPTION(Error, spec.validate());
        spec.task = "seq-cls";
        spec.lora.rank = 4;
        QVERIFY_THROWS_EXCEPTION(Error, spec.validate());
        spec.lora.rank = 0;
        spec.freeze.preset = "head-only"; // nothing of the encoder would learn
        QVERIFY_THROWS_EXCEPTION(Error, spec.validate());
        spec.freeze.preset = "all";
        spec.bf16 = true;
        QVERIFY_THROWS_EXCEPTION(Error, spec.validate());
        spec.bf16 = false;
        spec.method = "prompting";
        QVERIFY_THROWS_EXCEPTION(Error, spec.validate());
        spec.method = "setfit";

        // One class in the training data: nothing to contrast, said in words.
        TrainingData data;
        for (const auto& example : test::tinySentimentExamples(2))
            if (example.labels.front() == "positive")
                data.train.push_back(example);
        data.validation = test::tinySentimentExamples(1);
        Events events;
        TrainingControl control;
        auto result = Trainer::run(spec, data, events, control);
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY2(QString::fromStdString(result.message).contains("at least two classes"),
                 result.message.c_str());

        // Resuming is refused with what to do instead.
        data.train = test::tinySentimentExamples(2);
        TrainOptions resume;
        resume.resume = true;
        result = Trainer::run(spec, data, events, control, resume);
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY2(QString::fromStdString(result.message).contains("Re-run"), result.message.c_str());

        // Cancelled before the first step: no model, a message that says it starts again.
        control.requestCancel();
        result = Trainer::run(spec, data, events, control);
        QCOMPARE(result.status, std::string("cancelled"));
        QVERIFY(result.modelDir.empty());
        QVERIFY2(QString::fromStdString(result.message).contains("re-run"), result.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestFewShot)
#include "testfewshot.moc"
