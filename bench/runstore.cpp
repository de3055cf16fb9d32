// Run history benchmark: RUNS runs x POINTS metric points each, written through the batched
// MetricWriter, then the GUI's two hot queries: listing all runs and loading the curves of 5
// runs for comparison (targets: each < 200 ms), and the per-point logging cost.
// Usage: bench_runstore [--runs N] [--points N] [--dir DIR]. Prints JSON on stdout.
#include "core/store/runstore.h"

#include "core/store/metricwriter.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

using namespace domaintune;
using Clock = std::chrono::steady_clock;

namespace {

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::int64_t option(int argc, char** argv, const std::string& name, std::int64_t fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name)
            return std::atoll(argv[i + 1]);
    return fallback;
}

std::string textOption(int argc, char** argv, const std::string& name, const std::string& fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name)
            return argv[i + 1];
    return fallback;
}

// Writes one run's points; returns the time spent inside append() (flushes included).
double writeRun(const std::string& path, std::int64_t runId, std::int64_t points)
{
    MetricWriter writer(path, runId);
    double appendMs = 0;
    const auto start = Clock::now();
    for (std::int64_t i = 0; i < points; ++i) {
        const std::int64_t step = i / 2;
        if (i % 2 == 0)
            writer.append(step, step / 1000.0, "train/loss", 2.0 / double(step + 1));
        else
            writer.append(step, step / 1000.0, "learning_rate", 5e-5);
    }
    writer.flush();
    appendMs += millisecondsSince(start);
    return appendMs;
}

} // namespace

int main(int argc, char** argv)
{
    const std::int64_t runs = option(argc, argv, "runs", 1000);
    const std::int64_t points = option(argc, argv, "points", 10000);
    const std::string dir =
        textOption(argc, argv, "dir", std::filesystem::temp_directory_path().string());
    const std::string path = dir + "/bench_runstore.sqlite";
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);

    RunStore store(path);
    double writeMs = 0;
    const auto insertStart = Clock::now();
    for (std::int64_t r = 0; r < runs; ++r) {
        RunRecord run;
        run.name = "bench-" + std::to_string(r);
        run.task = "seq-cls";
        run.domain = r % 2 ? "finance" : "law";
        run.specJson = R"({"lr": )" + std::to_string(1e-5 * double(r % 7 + 1)) + R"(, "seed": )" +
                       std::to_string(r) + "}";
        run.status = RunStatus::Completed;
        const std::int64_t id = store.createRun(run);
        writeMs += writeRun(path, id, points);
    }
    const double insertMs = millisecondsSince(insertStart);

    auto start = Clock::now();
    const auto listed = store.listRuns();
    const double listMs = millisecondsSince(start);

    std::vector<std::int64_t> five;
    for (std::int64_t i = 0; i < 5 && i < std::int64_t(listed.size()); ++i)
        five.push_back(listed[std::size_t(i * (listed.size() / 5))].id);
    start = Clock::now();
    const auto curves = store.curves(five, "train/loss", CurveAxis::Step);
    const double curvesMs = millisecondsSince(start);
    std::size_t curvePoints = 0;
    for (const auto& curve : curves)
        curvePoints += curve.points.size();

    const double total = double(runs * points);
    nlohmann::json out = {{"runs", runs},
                          {"points_per_run", points},
                          {"total_points", runs * points},
                          {"insert_seconds", insertMs / 1000.0},
                          {"insert_points_per_second", total / (insertMs / 1000.0)},
                          {"append_us_per_point", writeMs * 1000.0 / total},
                          {"list_runs_ms", listMs},
                          {"listed_runs", listed.size()},
                          {"curves_5_runs_ms", curvesMs},
                          {"curve_points_loaded", curvePoints},
                          {"database_bytes", std::filesystem::file_size(path)},
                          {"targets_met", listMs < 200 && curvesMs < 200}};
    std::cout << out.dump(2) << '\n';
    return 0;
}
