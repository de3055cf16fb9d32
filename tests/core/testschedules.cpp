// Learning-rate schedules (transformers' formulas), freeze plans and batch planning.
#include "core/train/batchplanner.h"
#include "core/train/freezeschedule.h"
#include "core/train/lossscaler.h"
#include "core/train/lrschedule.h"
#include "core/train/trainspec.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace domaintune;

namespace {

const std::vector<std::string> kGroups = {"embeddings", "layer 0", "layer 1",
                                          "layer 2",    "pooler",  "head"};

QString flags(const std::vector<bool>& trainable)
{
    QString text;
    for (bool on : trainable)
        text += on ? QLatin1Char('1') : QLatin1Char('0');
    return text;
}

} // namespace

class TestSchedules : public QObject
{
    Q_OBJECT

private slots:
    void lossScalerBacksOffAndGrows()
    {
        LossScaler scaler(1024.0, 3);
        QVERIFY(scaler.update(true));
        QVERIFY(scaler.update(true));
        QCOMPARE(scaler.scale(), 1024.0);
        QVERIFY(scaler.update(true)); // third good step in a row: doubles
        QCOMPARE(scaler.scale(), 2048.0);
        QCOMPARE(scaler.goodSteps(), std::int64_t(0));
        QVERIFY(scaler.update(true));
        QVERIFY(!scaler.update(false)); // overflow: skip the step, halve, count afresh
        QCOMPARE(scaler.scale(), 1024.0);
        QCOMPARE(scaler.goodSteps(), std::int64_t(0));
        for (int i = 0; i < 40; ++i)
            scaler.update(false);
        QCOMPARE(scaler.scale(), 1.0); // never below 1
        LossScaler resumed;
        resumed.restore(scaler.scale(), 2);
        QVERIFY(resumed.update(true));
        QCOMPARE(resumed.goodSteps(), std::int64_t(3));
    }

    void linearWarmupThenDecay()
    {
        const LearningRateSchedule schedule(ScheduleKind::Linear, 10, 110);
        QCOMPARE(schedule.multiplier(0), 0.0);
        QCOMPARE(schedule.multiplier(5), 0.5);
        QCOMPARE(schedule.multiplier(10), 1.0);
        QCOMPARE(schedule.multiplier(60), 0.5);
        QCOMPARE(schedule.multiplier(110), 0.0);
        QCOMPARE(schedule.multiplier(200), 0.0);
    }

    void cosineAndConstant()
    {
        const LearningRateSchedule cosine(ScheduleKind::Cosine, 0, 100);
        QCOMPARE(cosine.multiplier(0), 1.0);
        QVERIFY(std::abs(cosine.multiplier(50) - 0.5) < 1e-12);
        QVERIFY(std::abs(cosine.multiplier(100)) < 1e-12);
        const LearningRateSchedule constant(ScheduleKind::Constant, 4, 100);
        QCOMPARE(constant.multiplier(2), 0.5);
        QCOMPARE(constant.multiplier(99), 1.0);
        QVERIFY_THROWS_EXCEPTION(std::exception, parseScheduleKind("exponential"));
    }

    void presets_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("topK");
        QTest::addColumn<QString>("expected");
        QTest::newRow("all") << "all" << 0 << "111111";
        QTest::newRow("head only") << "head-only" << 0 << "000001";
        QTest::newRow("top 1") << "top-k" << 1 << "000111";
        QTest::newRow("top 2") << "top-k" << 2 << "001111";
        QTest::newRow("top 0 keeps head and pooler") << "top-k" << 0 << "000011";
    }

    void presets()
    {
        QFETCH(QString, preset);
        QFETCH(int, topK);
        QFETCH(QString, expected);
        FreezePlan plan;
        plan.preset = preset.toStdString();
        plan.topK = topK;
        QCOMPARE(flags(FreezeSchedule(plan, kGroups).trainable(0)), expected);
    }

    void gradualUnfreezingThawsOneGroupPerEpoch()
    {
        FreezePlan plan;
        plan.preset = "head-only";
        plan.gradualUnfreezing = true;
        const FreezeSchedule schedule(plan, kGroups);
        QCOMPARE(flags(schedule.trainable(0)), QStringLiteral("000001"));
        QCOMPARE(flags(schedule.trainable(1)), QStringLiteral("000011"));
        QCOMPARE(flags(schedule.trainable(2)), QStringLiteral("000111"));
        QCOMPARE(flags(schedule.trainable(9)), QStringLiteral("111111"));
    }

    void explicitGroupsAndLayerDecay()
    {
        FreezePlan plan;
        plan.frozenGroups = {"embeddings", "layer 0"};
        plan.layerDecay = 0.5;
        const FreezeSchedule schedule(plan, kGroups);
        QCOMPARE(flags(schedule.trainable(0)), QStringLiteral("001111"));
        QCOMPARE(schedule.lrMultiplier(5), 1.0);    // head
        QCOMPARE(schedule.lrMultiplier(4), 1.0);    // pooler
        QCOMPARE(schedule.lrMultiplier(3), 0.5);    // top layer
        QCOMPARE(schedule.lrMultiplier(1), 0.125);  // bottom layer
        QCOMPARE(schedule.lrMultiplier(0), 0.0625); // embeddings
        plan.frozenGroups = {"layer 7"};
        QVERIFY_THROWS_EXCEPTION(std::exception, FreezeSchedule(plan, kGroups));
        plan.frozenGroups.clear();
        plan.preset = "bottom-half";
        QVERIFY_THROWS_EXCEPTION(std::exception, FreezeSchedule(plan, kGroups));
    }

    void batchPlansAreDeterministicAndComplete()
    {
        std::vector<std::int64_t> lengths;
        for (int i = 0; i < 1000; ++i)
            lengths.push_back(5 + (i * 37) % 120);
        const BatchPlanner grouped(lengths, 16, true, 9);
        const auto first = grouped.epoch(0);
        QCOMPARE(first, grouped.epoch(0));
        QVERIFY(first != grouped.epoch(1));
        QCOMPARE(std::int64_t(first.size()), grouped.batchesPerEpoch());
        std::set<std::size_t> seen;
        std::int64_t paddedGrouped = 0, paddedRandom = 0;
        const auto random = BatchPlanner(lengths, 16, false, 9).epoch(0);
        auto padding = [&](const std::vector<std::vector<std::size_t>>& batches) {
            std::int64_t total = 0;
            for (const auto& batch : batches) {
                std::int64_t longest = 0;
                for (auto i : batch)
                    longest = std::max(longest, lengths[i]);
                for (auto i : batch)
                    total += longest - lengths[i];
            }
            return total;
        };
        for (const auto& batch : first)
            seen.insert(batch.begin(), batch.end());
        QCOMPARE(seen.size(), lengths.size());
        paddedGrouped = padding(first);
        paddedRandom = padding(random);
        QVERIFY2(paddedGrouped * 4 < paddedRandom,
                 qPrintable(QStringLiteral("%1 vs %2").arg(paddedGrouped).arg(paddedRandom)));
        // The longest batch comes first, so memory problems show at once.
        QCOMPARE(lengths[first.front().front()], *std::max_element(lengths.begin(), lengths.end()));
    }

    void specRoundTripsAndValidates()
    {
        TrainSpec spec;
        spec.modelDir = "m";
        spec.trainFile = "t.csv";
        spec.outputDir = "out";
        spec.freeze.preset = "top-k";
        spec.freeze.topK = 3;
        spec.learningRate = 3e-5;
        const TrainSpec copy = TrainSpec::fromJson(spec.toJson());
        QCOMPARE(copy.toJson(), spec.toJson());
        spec.validate();
        // Explicit frozen groups (the wizard's custom plan) are valid before the model loads.
        spec.freeze.frozenGroups = {"embeddings", "layer 0"};
        spec.validate();
        spec.labelSeparator = "|";
        spec.format = "csv";
        QCOMPARE(TrainSpec::fromJson(spec.toJson()).toJson(), spec.toJson());
        spec.format = "xlsx";
        QVERIFY_THROWS_EXCEPTION(std::exception, spec.validate());
        spec.format.clear();
        auto json = spec.toJson();
        json["learning_rat"] = 1;
        QVERIFY_THROWS_EXCEPTION(std::exception, TrainSpec::fromJson(json));
        spec.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(std::exception, spec.validate());
    }
};

QTEST_APPLESS_MAIN(TestSchedules)
#include "testschedules.moc"
