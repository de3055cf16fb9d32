#include "core/model/lorasettings.h"
#include "core/model/loratargets.h"
#include "core/train/memoryestimate.h"

#include <QtTest>

using namespace domaintune;

namespace {

/** A bert-base-shaped input: embeddings, 12 layers, pooler, head. */
MemoryEstimateInput bertBase(std::vector<bool> trains)
{
    MemoryEstimateInput input;
    input.groupParameters = {23837184};
    for (int i = 0; i < 12; ++i)
        input.groupParameters.push_back(7087872);
    input.groupParameters.push_back(590592);
    input.groupParameters.push_back(1538);
    input.groupTrains = std::move(trains);
    input.layers = 12;
    input.hiddenSize = 768;
    input.heads = 12;
    input.batchSize = 32;
    input.sequenceLength = 128;
    return input;
}

} // namespace

class TestMemoryEstimate : public QObject
{
    Q_OBJECT

private slots:
    void allLayersTrain()
    {
        const MemoryEstimate estimate =
            estimateTrainingMemory(bertBase(std::vector<bool>(15, true)));
        QCOMPARE(estimate.totalParameters, std::int64_t(109483778));
        QCOMPARE(estimate.trainableParameters, estimate.totalParameters);
        QCOMPARE(estimate.weights, estimate.totalParameters * 4);
        QCOMPARE(estimate.optimizer, estimate.totalParameters * 8);
        // 128·32·768·(34 + 5·12·128/768) bytes per layer at 16 bit, doubled for fp32, 12 layers.
        QCOMPARE(estimate.activations, std::int64_t(138412032) * 2 * 12);
        QCOMPARE(estimate.total(),
                 estimate.weights + estimate.gradients + estimate.optimizer + estimate.activations);
    }

    // LoRA: the layers' weights stay fixed, the adapters and the head train, and every layer
    // keeps its activations (the adapters in layer 0 need gradients from above).
    void loraTrainsAdaptersAndTheHead()
    {
        MemoryEstimateInput input = bertBase(std::vector<bool>(15, true));
        // query and value of bert-base's 12 layers (and key, which the default leaves out).
        std::vector<ProjectionShape> projections;
        for (int layer = 0; layer < 12; ++layer)
            for (const char* name : {"query", "key", "value"})
                projections.push_back(
                    {"bert.encoder.layer." + std::to_string(layer) + ".attention.self." + name, 768,
                     768});
        input.adapterParameters =
            loraParameterCount(projections, defaultLoraTargets(ModelFamily::Bert), 8);
        QCOMPARE(input.adapterParameters, std::int64_t(12 * 2 * 8 * (768 + 768)));
        const MemoryEstimate estimate = estimateTrainingMemory(input);
        QCOMPARE(estimate.trainableParameters, input.adapterParameters + 1538);
        QCOMPARE(estimate.totalParameters, std::int64_t(109483778) + input.adapterParameters);
        QCOMPARE(estimate.activations, std::int64_t(138412032) * 2 * 12);
        QVERIFY(estimate.total() <
                estimateTrainingMemory(bertBase(std::vector<bool>(15, true))).total());
        const std::vector<ProjectionShape> gpt2 = {{"transformer.h.0.attn.c_attn", 768, 2304},
                                                   {"transformer.h.0.attn.c_proj", 768, 768},
                                                   {"transformer.h.0.mlp.c_proj", 3072, 768}};
        QCOMPARE(loraParameterCount(gpt2, defaultLoraTargets(ModelFamily::Gpt2), 8),
                 std::int64_t(8 * (768 + 3 * 768)));
        // "c_proj" names two projections (attention and MLP), as PEFT matches them.
        QCOMPARE(loraParameterCount(gpt2, {"c_proj"}, 4),
                 std::int64_t(4 * (768 + 768) + 4 * (3072 + 768)));
    }

    void frozenBottomKeepsNoActivations()
    {
        std::vector<bool> topTwo(15, false);
        topTwo[11] = topTwo[12] = topTwo[13] = topTwo[14] = true; // layers 10, 11, pooler, head
        const MemoryEstimate estimate = estimateTrainingMemory(bertBase(topTwo));
        QCOMPARE(estimate.activations, std::int64_t(138412032) * 2 * 2);
        QCOMPARE(estimate.trainableParameters, std::int64_t(2 * 7087872 + 590592 + 1538));

        std::vector<bool> headOnly(15, false);
        headOnly[14] = true;
        const MemoryEstimate head = estimateTrainingMemory(bertBase(headOnly));
        QCOMPARE(head.activations, std::int64_t(0));
        QCOMPARE(head.gradients, std::int64_t(1538 * 4));
        QVERIFY(head.total() < estimate.total());
    }

    void sixteenBitHalvesActivations()
    {
        MemoryEstimateInput input = bertBase(std::vector<bool>(15, true));
        const std::int64_t fp32 = estimateTrainingMemory(input).activations;
        input.bytesPerValue = 2;
        QCOMPARE(estimateTrainingMemory(input).activations * 2, fp32);
    }

    void longerSequencesGrowFasterThanLinearly()
    {
        MemoryEstimateInput input = bertBase(std::vector<bool>(15, true));
        const std::int64_t at128 = estimateTrainingMemory(input).activations;
        input.sequenceLength = 512;
        QVERIFY(estimateTrainingMemory(input).activations > 4 * at128);
    }
};

QTEST_APPLESS_MAIN(TestMemoryEstimate)
#include "testmemoryestimate.moc"
