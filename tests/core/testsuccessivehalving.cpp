// Asynchronous successive halving decides as Optuna's SuccessiveHalvingPruner on recorded,
// interleaved trial reports (tests/reference/asha/decisions.json, written by make_asha.py with
// optuna 3.6.1): every report's prune decision, three settings of direction, minimum resource,
// reduction factor, early-stopping rate and bootstrap count, NaN values included.
#include "core/common/error.h"
#include "core/tune/successivehalving.h"
#include "testpaths.h"

#include <QtTest>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

using namespace domaintune;

class TestSuccessiveHalving : public QObject
{
    Q_OBJECT

private slots:
    void decidesAsOptuna()
    {
        std::ifstream in(domaintune::test::sourceFile() + "/tests/reference/asha/decisions.json");
        QVERIFY(in.good());
        const auto reference = nlohmann::json::parse(in);
        int checked = 0, pruned = 0;
        for (const auto& scenario : reference["scenarios"]) {
            SuccessiveHalvingOptions options;
            options.maximize = scenario["direction"] == "maximize";
            options.minResource = scenario["min_resource"];
            options.reductionFactor = scenario["reduction_factor"];
            options.minEarlyStoppingRate = scenario["min_early_stopping_rate"];
            options.bootstrapCount = scenario["bootstrap_count"];
            SuccessiveHalving asha(options);
            for (const auto& event : scenario["events"]) {
                const double value = event["value"].is_null()
                                         ? std::numeric_limits<double>::quiet_NaN()
                                         : event["value"].get<double>();
                const bool decision =
                    asha.report(event["trial"].get<std::int64_t>(), event["step"], value);
                const std::string where = scenario["direction"].get<std::string>() + " trial " +
                                          event["trial"].dump() + " step " + event["step"].dump();
                QVERIFY2(decision == event["pruned"].get<bool>(), where.c_str());
                ++checked;
                pruned += decision;
            }
        }
        QVERIFY(checked > 200);
        QVERIFY(pruned > 20);
    }

    // Saving and restoring the rungs resumes a study with the same decisions.
    void resumesFromItsRungs()
    {
        SuccessiveHalving first;
        for (int trial = 0; trial < 8; ++trial)
            first.report(trial, 1, 0.1 * trial);
        SuccessiveHalving resumed;
        resumed.restore(first.rungs());
        QCOMPARE(resumed.rungsOf(3), first.rungsOf(3));
        QCOMPARE(resumed.report(8, 1, 0.05), first.report(8, 1, 0.05));
        QVERIFY(resumed.report(9, 1, 0.0));   // worst of ten at rung 0 (step 1): pruned
        QVERIFY(!resumed.report(10, 1, 0.9)); // best: goes on to the next rung (step 4)
        QCOMPARE(resumed.rungsOf(10).size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, SuccessiveHalving({1, 1, 0, 0, true}));
    }
};

QTEST_APPLESS_MAIN(TestSuccessiveHalving)
#include "testsuccessivehalving.moc"
