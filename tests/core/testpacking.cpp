// Sequence packing (core/train/packing.h): several examples in one row must give the same
// loss and the same gradients as one example per row, for BERT and RoBERTa (whose positions
// start after padding_idx), classification (one and several labels) and masked-LM; the layout
// keeps each example contiguous, counts its positions from 0 and attends only within it; what
// cannot be packed is refused with a sentence. And a whole training run with packing ends where
// the unpacked run ends.
#include "core/model/pretrainedmodel.h"
#include "core/model/taskmodel.h"
#include "core/train/packing.h"
#include "core/train/trainer.h"
#include "testpaths.h"
#include "testsupport.h"
#include "trainingfixtures.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QtTest>

#include <numeric>
#include <random>

using namespace domaintune;

namespace {

/** @p count features of 3 to 14 tokens ([CLS]=2 ... [SEP]=3, words 5..47), labels for @p task. */
FeatureSet randomFeatures(Task task, int count, std::uint32_t seed)
{
    std::mt19937 random(seed);
    FeatureSet set;
    set.labels = {"negative", "neutral", "positive"};
    for (int i = 0; i < count; ++i) {
        Feature feature;
        const int words = 1 + int(random() % 12);
        feature.ids.push_back(2);
        for (int w = 0; w < words; ++w)
            feature.ids.push_back(5 + std::int64_t(random() % 43));
        feature.ids.push_back(3);
        feature.typeIds.assign(feature.ids.size(), 0);
        feature.wordIds.push_back(-1);
        for (int w = 0; w < words; ++w)
            feature.wordIds.push_back(w);
        feature.wordIds.push_back(-1);
        if (task == Task::SequenceClassification)
            feature.labels = {std::int64_t(random() % 3)};
        if (task == Task::MultiLabel)
            feature.targets = {float(random() % 2), float(random() % 2), float(random() % 2)};
        feature.example = i;
        set.features.push_back(feature);
    }
    return set;
}

/** A model config of @p family and @p type: all packingSupported() reads. */
ModelConfig configOf(ModelFamily family, const std::string& type)
{
    ModelConfig config;
    config.family = family;
    config.modelType = type;
    return config;
}

class Quiet : public EventSink
{
public:
    void onEvent(const TrainingEvent&) override {}
};

std::map<std::string, torch::Tensor> gradients(torch::nn::Module& module)
{
    std::map<std::string, torch::Tensor> grads;
    for (const auto& item : module.named_parameters())
        if (item.value().grad().defined())
            grads[item.key()] = item.value().grad().clone();
    module.zero_grad();
    return grads;
}

} // namespace

class TestPacking : public QObject
{
    Q_OBJECT

private slots:
    void lossAndGradientsEqualUnpacked_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<int>("task");
        QTest::addColumn<int>("rowLength"); // 0: the batch's own length
        QTest::newRow("bert seq-cls") << "bert-seq-cls" << int(Task::SequenceClassification) << 0;
        QTest::newRow("bert seq-cls, rows of 40")
            << "bert-seq-cls" << int(Task::SequenceClassification) << 40;
        QTest::newRow("roberta seq-cls")
            << "roberta-seq-cls" << int(Task::SequenceClassification) << 40;
        QTest::newRow("bert multi-label") << "bert-multi-label" << int(Task::MultiLabel) << 40;
        QTest::newRow("bert mlm") << "bert-mlm" << int(Task::MaskedLm) << 40;
        QTest::newRow("roberta mlm") << "roberta-mlm" << int(Task::MaskedLm) << 0;
    }

    void lossAndGradientsEqualUnpacked()
    {
        QFETCH(QString, reference);
        QFETCH(int, task);
        QFETCH(int, rowLength);
        const auto kind = Task(task);
        ModelLoadOptions load;
        load.head = taskInfo(kind).head;
        load.problemType = taskInfo(kind).problemType;
        if (kind != Task::MaskedLm)
            load.labels = {"negative", "neutral", "positive"};
        const auto model = PretrainedModel::load(
            domaintune::test::sourceFile("/tests/reference/models/") + reference.toStdString(),
            load);
        auto& module = model->module();
        module.eval(); // no dropout: both layouts must see the same network
        QVERIFY(packingSupported(kind, model->config()));

        const std::int64_t pad = model->config().modelType == "bert" ? 0 : 1;
        const Objective objective(kind, {pad, 4, model->config().vocabSize}, 0.3, false);
        const FeatureSet features = randomFeatures(kind, 16, 7);
        std::vector<std::size_t> indices(16);
        std::iota(indices.begin(), indices.end(), 0);
        auto generator = at::make_generator<at::CPUGeneratorImpl>(11);
        const TrainBatch plain = objective.makeBatch(features, indices, generator);
        const TrainBatch packed = packBatch(plain, pad, rowLength);
        QVERIFY2(packed.inputs.inputIds.size(0) < plain.inputs.inputIds.size(0),
                 "nothing was packed");
        QCOMPARE(packed.realTokens, plain.realTokens);
        QCOMPARE(packed.inputs.attentionMask.sum().item<std::int64_t>(), plain.realTokens);

        const auto plainLoss = objective.loss(module.forward(plain.inputs), plain);
        plainLoss.backward();
        const auto plainGrads = gradients(module);
        const auto packedLoss = objective.loss(module.forward(packed.inputs), packed);
        packedLoss.backward();
        const auto packedGrads = gradients(module);

        QVERIFY(std::isfinite(plainLoss.item<double>()));
        QVERIFY2(std::abs(plainLoss.item<double>() - packedLoss.item<double>()) < 1e-5,
                 qPrintable(QStringLiteral("loss %1 unpacked, %2 packed")
                                .arg(plainLoss.item<double>(), 0, 'g', 9)
                                .arg(packedLoss.item<double>(), 0, 'g', 9)));
        QCOMPARE(packedGrads.size(), plainGrads.size());
        for (const auto& [name, grad] : plainGrads) {
            const double scale = std::max(1e-3, grad.abs().max().item<double>());
            const double difference = (grad - packedGrads.at(name)).abs().max().item<double>();
            QVERIFY2(difference <= 1e-4 * scale,
                     qPrintable(QString::fromStdString(name) +
                                QStringLiteral(": gradients differ by %1 (largest %2)")
                                    .arg(difference)
                                    .arg(scale)));
        }
    }

    void layoutKeepsEachExampleTogether()
    {
        const Objective objective(Task::SequenceClassification, {0, 4, 48}, 0.15, false);
        const FeatureSet features = randomFeatures(Task::SequenceClassification, 10, 3);
        std::vector<std::size_t> indices(10);
        std::iota(indices.begin(), indices.end(), 0);
        const TrainBatch plain = objective.makeBatch(features, indices);
        const TrainBatch packed = packBatch(plain, 0, 40);
        const auto rows = packed.inputs.inputIds.size(0);
        QVERIFY(rows < 10);
        QCOMPARE(packed.inputs.inputIds.size(1), std::int64_t(40));
        QVERIFY(packed.labels.equal(plain.labels)); // classification labels stay per example
        const auto ids = packed.inputs.inputIds.flatten();
        const auto positions = packed.inputs.positionIds.flatten();
        const auto segments = packed.inputs.segmentIds.flatten();
        const auto first = packed.inputs.firstTokens;
        QCOMPARE(first.size(0), std::int64_t(10));
        for (std::int64_t e = 0; e < 10; ++e) {
            const auto& feature = features.features[std::size_t(e)];
            const auto start = first[e].item<std::int64_t>();
            const auto segment = segments[start].item<std::int64_t>();
            QVERIFY(segment > 0);
            for (std::size_t t = 0; t < feature.ids.size(); ++t) {
                const auto at = start + std::int64_t(t);
                QCOMPARE(ids[at].item<std::int64_t>(), feature.ids[t]);
                QCOMPARE(positions[at].item<std::int64_t>(), std::int64_t(t));
                QCOMPARE(segments[at].item<std::int64_t>(), segment);
                QCOMPARE(at / 40, start / 40); // one row
            }
        }
        // Padding belongs to no example and no query attends to it.
        QCOMPARE(segments.eq(0).sum().item<std::int64_t>(), rows * 40 - plain.realTokens);
        const auto mask = packedMask(packed.inputs.segmentIds, torch::kFloat);
        QCOMPARE(mask.sizes().vec(), (std::vector<std::int64_t>{rows, 1, 40, 40}));
        std::int64_t pairs = 0; // query-key pairs within one example
        for (const auto& feature : features.features)
            pairs += std::int64_t(feature.ids.size() * feature.ids.size());
        QCOMPARE(mask.eq(0).sum().item<std::int64_t>(), pairs);

        // Examples as long as the rows: nothing to pack, the batch comes back as it was.
        const TrainBatch same = packBatch(plain, 0, 0);
        QVERIFY(same.inputs.inputIds.size(0) <= 10);
        const TrainBatch one = packBatch(objective.makeBatch(features, {0}), 0, 40);
        QVERIFY(!one.inputs.segmentIds.defined());
    }

    void refusesWhatItCannotPack()
    {
        std::string why;
        QVERIFY(!packingSupported(Task::TokenClassification, configOf(ModelFamily::Bert, "bert"),
                                  &why));
        QVERIFY2(why.find("classification and masked language modelling") != std::string::npos,
                 why.c_str());
        QVERIFY(!packingSupported(Task::SequenceClassification,
                                  configOf(ModelFamily::DistilBert, "distilbert"), &why));
        QVERIFY2(why.find("BERT-family") != std::string::npos &&
                     why.find("distilbert") != std::string::npos,
                 why.c_str());
        QVERIFY(packingSupported(Task::MultiLabel, configOf(ModelFamily::Bert, "xlm-roberta")));

        // A run asked to pack what it cannot says why before it trains.
        QTemporaryDir dir;
        TrainSpec spec =
            test::tinyTrainSpec(test::makeTinyClassifier(dir.filePath("model").toStdString()),
                                dir.filePath("run").toStdString());
        spec.task = "token-cls";
        spec.packSequences = true;
        std::vector<Example> examples(8);
        for (auto& example : examples) {
            example.tokens = {"profit", "rose"};
            example.tags = {"O", "O"};
        }
        TrainingControl control;
        Quiet sink;
        const auto result = Trainer::run(spec, {examples, examples}, sink, control);
        QCOMPARE(result.status, std::string("failed"));
        QVERIFY2(result.message.find("Turn packing off") != std::string::npos,
                 result.message.c_str());
    }

    void packedRunEndsWhereTheUnpackedRunEnds()
    {
        QTemporaryDir dir;
        const auto model = test::makeTinyClassifier(dir.filePath("model").toStdString());
        const TrainingData data{test::tinySentimentExamples(), test::tinySentimentExamples(1)};
        TrainingControl control;
        Quiet sink;
        std::map<std::string, double> metrics[2];
        for (int packed = 0; packed < 2; ++packed) {
            TrainSpec spec =
                test::tinyTrainSpec(model, dir.filePath(packed ? "packed" : "plain").toStdString());
            spec.dropout = 0; // dropout masks are drawn per layout
            spec.learningRate = 1e-2;
            spec.packSequences = packed == 1;
            const auto result = Trainer::run(spec, data, sink, control);
            QCOMPARE(result.status, std::string("completed"));
            metrics[packed] = result.metrics;
        }
        QVERIFY2(std::abs(metrics[0].at("loss") - metrics[1].at("loss")) < 1e-4,
                 qPrintable(QStringLiteral("validation loss %1 unpacked, %2 packed")
                                .arg(metrics[0].at("loss"))
                                .arg(metrics[1].at("loss"))));
        QCOMPARE(metrics[1].at("accuracy"), metrics[0].at("accuracy"));
    }
};

QTEST_GUILESS_MAIN(TestPacking)
#include "testpacking.moc"
