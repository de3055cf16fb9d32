// The training objectives' batches and losses, checked against the plain formulation: the
// masked-LM head that scores only the masked tokens must give the same loss, logits and
// gradients as scoring every token with ignore_index.
#include "core/data/corpusimporter.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/taskmodel.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/featurizer.h"
#include "core/train/objective.h"
#include "testsupport.h"
#include "trainingfixtures.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QtTest>

#include <numeric>

using namespace domaintune;

class TestObjective : public QObject
{
    Q_OBJECT

private slots:
    void maskedLmScoresOnlyMaskedTokens()
    {
        DOMAINTUNE_SHARED_OR_SKIP(vocab, QStringLiteral("tokenizers/bert-base-uncased"));
        DOMAINTUNE_SHARED_OR_SKIP(csv, QStringLiteral("data/finance/financial-phrasebank.csv"));
        QTemporaryDir dir;
        const QString folder = test::makeModelFolder(
            dir.filePath(QStringLiteral("bert")), test::smallBertConfig(),
            {QStringLiteral("vocab.txt")}, vocab, R"({"do_lower_case": true})");
        ModelLoadOptions load;
        load.head = HeadKind::MaskedLm;
        const auto model = PretrainedModel::load(folder.toStdString(), load);
        auto& module = model->module();
        module.eval(); // no dropout: the two passes must see the same network
        const auto tokenizer = loadTokenizer(folder.toStdString());

        auto examples = importCorpus(csv.toStdString()).examples();
        examples.resize(200);
        for (auto& example : examples)
            example.labels.clear();
        const FeatureSet features = Featurizer(*tokenizer, Task::MaskedLm, 64, {}).build(examples);
        QVERIFY(features.features.size() >= 16);
        const Objective objective(Task::MaskedLm, ObjectiveIds::of(*tokenizer, 30522), 0.15, false);
        std::vector<std::size_t> indices(16);
        std::iota(indices.begin(), indices.end(), 0);
        auto generator = at::make_generator<at::CPUGeneratorImpl>(3);
        const TrainBatch scored = objective.makeBatch(features, indices, generator);

        const auto positions = scored.inputs.scoredPositions;
        QVERIFY(positions.defined());
        QVERIFY(positions.equal(scored.labels.ne(-100)));
        const auto count = positions.sum().item<std::int64_t>();
        QVERIFY(count > 0 && count < positions.numel() / 4); // about 15 % of the tokens

        const auto weights = module.named_parameters()["bert.embeddings.word_embeddings.weight"];
        const ModelOutput few = module.forward(scored.inputs);
        QCOMPARE(few.logits.sizes().vec(), (std::vector<std::int64_t>{count, 30522}));
        const auto fewLoss = objective.loss(few, scored);
        fewLoss.backward();
        const auto fewGrad = weights.grad().clone();
        weights.mutable_grad().zero_();

        TrainBatch all = scored;
        all.inputs.scoredPositions = torch::Tensor();
        const ModelOutput every = module.forward(all.inputs);
        QCOMPARE(every.logits.dim(), 3);
        const auto allLoss = objective.loss(every, all);
        allLoss.backward();
        const auto allGrad = weights.grad().clone();

        QVERIFY(std::isfinite(fewLoss.item<double>()));
        QVERIFY2(std::abs(fewLoss.item<double>() - allLoss.item<double>()) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(fewLoss.item<double>())
                                .arg(allLoss.item<double>())));
        QVERIFY(torch::allclose(few.logits, every.logits.index({positions}), 1e-5, 1e-5));
        QVERIFY(allGrad.abs().sum().item<double>() > 0);
        QVERIFY(torch::allclose(fewGrad, allGrad, 1e-4, 1e-7));
    }
};

QTEST_GUILESS_MAIN(TestObjective)
#include "testobjective.moc"
