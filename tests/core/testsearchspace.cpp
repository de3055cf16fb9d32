// The search space (JSON, ranges, applying values to a run spec) and the trial samplers
// (seeded and deterministic, values in range, quasi-random coverage, TPE beating random search
// on a known objective).
#include "core/tune/searchspace.h"
#include "core/tune/trialsampler.h"
#include "errortestutil.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace domaintune;
using domaintune::test::errorOf;

namespace {

SearchSpace space(const char* json)
{
    return SearchSpace::fromJson(nlohmann::json::parse(json), "space.json");
}

/** A score with its maximum at learning rate 1e-3 (log10 = -3), for sampler comparisons. */
double score(const nlohmann::json& values)
{
    const double x = std::log10(values["learning_rate"].get<double>()) + 3.0;
    return -x * x;
}

/** The mean score of trials [from, to) of a sequential study with @p kind. */
double meanScore(SamplerKind kind, std::uint64_t seed, int from, int to)
{
    const SearchSpace s = space(R"({"learning_rate": {"type": "log-uniform", "low": 1e-6,
                                   "high": 1e-1}})");
    SamplerOptions options;
    options.kind = kind;
    options.seed = seed;
    options.startupTrials = 5;
    std::vector<SampledTrial> finished;
    double sum = 0;
    for (int trial = 0; trial < to; ++trial) {
        SampledTrial done;
        done.values = sampleTrial(s, options, trial, finished);
        done.score = score(done.values);
        if (trial >= from)
            sum += done.score;
        finished.push_back(done);
    }
    return sum / (to - from);
}

} // namespace

class TestSearchSpace : public QObject
{
    Q_OBJECT

private slots:
    void readsAndWritesJson()
    {
        const SearchSpace s = space(R"({
            "learning_rate": {"type": "log-uniform", "low": 1e-5, "high": 1e-3},
            "warmup_ratio": {"type": "uniform", "low": 0, "high": 0.2},
            "freeze.top_k": {"type": "int", "low": 1, "high": 4},
            "freeze.preset": {"type": "choice", "values": ["all", "top-k"]}})");
        QCOMPARE(s.parameters.size(), std::size_t(4));
        const SearchSpace again = SearchSpace::fromJson(s.toJson(), "again");
        QCOMPARE(again.toJson(), s.toJson());
    }

    void badSpacesSayWhatIsWrong()
    {
        const auto error = [](const char* json) { return errorOf([&] { space(json); }); };
        QVERIFY(error(R"({"learning_rte": {"type": "uniform", "low": 0, "high": 1}})")
                    .contains("learning_rte"));
        QVERIFY(error(R"({"model": {"type": "choice", "values": ["a"]}})")
                    .contains("not a hyper-parameter"));
        // Trials must be measured alike: the split, the seed and the metric are not searched.
        for (const char* key : {"validation_fraction", "seed", "metric_for_best", "task"}) {
            const std::string json =
                "{\"" + std::string(key) + "\": {\"type\": \"choice\", \"values\": [1]}}";
            const QString message = error(json.c_str());
            QVERIFY2(message.contains("not a hyper-parameter"), qPrintable(key + (": " + message)));
        }
        QVERIFY(error(R"({"learning_rate": {"type": "log-uniform", "low": 0, "high": 1}})")
                    .contains("above 0"));
        QVERIFY(error(R"({"warmup_ratio": {"type": "uniform", "low": 0.5, "high": 0.1}})")
                    .contains("low is above high"));
        QVERIFY(error(R"({"batch_size": {"type": "choice", "values": []}})").contains("non-empty"));
        QVERIFY(error(R"({"batch_size": {"type": "gaussian"}})").contains("gaussian"));
        QVERIFY(error(R"({"epochs": {"type": "int", "low": 1.5, "high": 3}})")
                    .contains("whole numbers"));
        QVERIFY(error(R"([1, 2])").contains("JSON object"));
        QVERIFY(error(R"({"batch_size": {"type": "int", "low": 1, "high": 4}})").isEmpty());
    }

    void appliesValuesToTheSpec()
    {
        TrainSpec base;
        base.modelDir = "m";
        base.trainFile = "t.csv";
        base.outputDir = "out";
        const SearchSpace s = space(R"({
            "learning_rate": {"type": "log-uniform", "low": 1e-5, "high": 1e-3},
            "freeze.top_k": {"type": "int", "low": 1, "high": 4}})");
        QCOMPARE(s.valuesOf(base), nlohmann::json({{"learning_rate", 2e-5}, {"freeze.top_k", 2}}));
        const TrainSpec trial = s.apply(base, {{"learning_rate", 3e-4}, {"freeze.top_k", 3}});
        QCOMPARE(trial.learningRate, 3e-4);
        QCOMPARE(trial.freeze.topK, 3);
        QCOMPARE(trial.trainFile, base.trainFile);
        const QString invalid = errorOf([&] {
            space(R"({"batch_size": {"type": "int", "low": 0, "high": 4}})")
                .apply(base, {{"batch_size", 0}});
        });
        QVERIFY2(invalid.contains("invalid run spec"), qPrintable(invalid));
    }

    void unitMappingRoundTrips()
    {
        const SearchSpace s = space(R"({
            "learning_rate": {"type": "log-uniform", "low": 1e-5, "high": 1e-1},
            "epochs": {"type": "int", "low": 1, "high": 4},
            "batch_size": {"type": "choice", "values": [8, 16, 32]}})");
        const auto parameter = [&](const std::string& key) -> const SearchParameter& {
            for (const auto& candidate : s.parameters)
                if (candidate.key == key)
                    return candidate;
            throw std::runtime_error(key);
        };
        const SearchParameter& lr = parameter("learning_rate");
        QCOMPARE(lr.fromUnit(0.5).get<double>(), 1e-3);
        QVERIFY(std::abs(lr.toUnit(1e-4) - 0.25) < 1e-12);
        const SearchParameter& epochs = parameter("epochs");
        for (int value = 1; value <= 4; ++value)
            QCOMPARE(epochs.fromUnit(epochs.toUnit(value)).get<int>(), value);
        QCOMPARE(epochs.fromUnit(1.0).get<int>(), 4);
        QCOMPARE(epochs.fromUnit(0.0).get<int>(), 1);
        const SearchParameter& batch = parameter("batch_size");
        for (const int value : {8, 16, 32})
            QCOMPARE(batch.fromUnit(batch.toUnit(value)).get<int>(), value);
        QVERIFY(batch.contains(16) && !batch.contains(12));
        QVERIFY(epochs.contains(3) && !epochs.contains(2.5) && !epochs.contains(5));
    }

    void samplersAreSeededAndStayInRange()
    {
        const SearchSpace s = space(R"({
            "learning_rate": {"type": "log-uniform", "low": 1e-5, "high": 1e-3},
            "warmup_ratio": {"type": "uniform", "low": 0, "high": 0.2},
            "epochs": {"type": "int", "low": 1, "high": 4},
            "batch_size": {"type": "choice", "values": [8, 16, 32]}})");
        for (const auto kind : {SamplerKind::Random, SamplerKind::QuasiRandom, SamplerKind::Tpe}) {
            SamplerOptions options;
            options.kind = kind;
            options.startupTrials = 3;
            std::vector<SampledTrial> finished;
            std::set<std::string> distinct;
            for (int trial = 0; trial < 40; ++trial) {
                const auto values = sampleTrial(s, options, trial, finished);
                QCOMPARE(values, sampleTrial(s, options, trial, finished)); // deterministic
                for (const auto& parameter : s.parameters)
                    QVERIFY2(parameter.contains(values[parameter.key]),
                             (parameter.key + " " + values.dump()).c_str());
                distinct.insert(values.dump());
                SampledTrial done;
                done.values = values;
                done.score = score(values);
                finished.push_back(done);
            }
            QVERIFY2(distinct.size() > 30, samplerName(kind).c_str());
            SamplerOptions other = options;
            other.seed = 7;
            QVERIFY(sampleTrial(s, options, 1, {}) != sampleTrial(s, other, 1, {}));
        }
        QCOMPARE(samplerFromString("qmc"), SamplerKind::QuasiRandom);
        QVERIFY(errorOf([] { samplerFromString("grid"); }).contains("tpe"));
    }

    // Sixteen quasi-random points fill each quarter of a range with 3 to 5 points; independent
    // random draws leave gaps far more often.
    void quasiRandomCoversTheRange()
    {
        const SearchSpace s = space(R"({"warmup_ratio": {"type": "uniform", "low": 0,
                                       "high": 1}})");
        for (const std::uint64_t seed : {1ULL, 42ULL, 2026ULL}) {
            SamplerOptions options;
            options.kind = SamplerKind::QuasiRandom;
            options.seed = seed;
            int quarters[4] = {0, 0, 0, 0};
            for (int trial = 0; trial < 16; ++trial) {
                const double value = sampleTrial(s, options, trial, {})["warmup_ratio"];
                ++quarters[std::min(3, static_cast<int>(value * 4))];
            }
            for (const int count : quarters)
                QVERIFY2(count >= 3 && count <= 5, qPrintable(QString::number(count)));
        }
    }

    // On a known objective (best at learning rate 1e-3 in 1e-6..1e-1), TPE's later trials
    // score better than random search's, over several seeds, and as well as Optuna's TPE.
    void treeParzenBeatsRandomSearch()
    {
        double tpe = 0, random = 0;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            tpe += meanScore(SamplerKind::Tpe, seed, 10, 30);
            random += meanScore(SamplerKind::Random, seed, 10, 30);
        }
        tpe /= 5;
        random /= 5;
        qInfo("mean score of trials 10-29: tpe %.3f, random %.3f", tpe, random);
        QVERIFY2(tpe > random + 0.5, qPrintable(QString("tpe %1 random %2").arg(tpe).arg(random)));
        // Optuna 3.6.1's TPESampler (n_startup_trials=5) on this objective: -0.87 (mean over
        // seeds 1-20); random search: about -1.9.
        QVERIFY(tpe > -1.2);
    }
};

QTEST_GUILESS_MAIN(TestSearchSpace)
#include "testsearchspace.moc"
