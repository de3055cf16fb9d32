// `domaintune-cli train`: import the data, fine-tune, record the run in the history.
#include "cancelonsignal.h"
#include "commands.h"
#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/store/runstore.h"
#include "core/train/trainingjob.h"
#include "progressprinter.h"
#include "trainlauncher.h"
#include "trainspecoptions.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace domaintune::cli {
namespace {

/** Returns the newest run in @p history that wrote to @p outputDir (the run a resume
 * continues), or 0. Throws when that run already completed: resuming it again would only add
 * another "completed" run for the same training. */
std::int64_t runToResume(const std::string& history, const std::string& outputDir)
{
    RunStore store(history);
    RunFilter filter;
    filter.limit = 1000;
    for (const RunRecord& run : store.listRuns(filter)) { // newest first
        const auto json = nlohmann::json::parse(run.specJson, nullptr, false);
        if (!json.is_object() || json.value("output", std::string()) != outputDir)
            continue;
        if (run.status == RunStatus::Completed)
            throw Error("Run " + std::to_string(run.id) + " (" + run.name + ") already completed " +
                        "in " + outputDir + "; there is nothing to resume. Drop --resume to " +
                        "train again from the start, or give another --output.");
        return run.id;
    }
    return 0;
}

} // namespace

int runTrain(CommandLine& commandLine)
{
    std::vector<std::string> known = trainSpecOptions();
    known.emplace_back("history");
    for (const char* name : kLauncherFlags)
        known.emplace_back(name);
    std::vector<std::string> switches = trainSpecSwitches();
    for (const char* name : {"resume", "no-history"})
        switches.emplace_back(name);
    commandLine.allowOnly(known, switches);
    TrainSpec spec = specFromCommandLine(commandLine);
    spec.processes = static_cast<int>(commandLine.integer("nproc", spec.processes));
    // One of several processes (torchrun's variables, or --nproc's): rank 0 reports and
    // records; the others only train, and speak only to say why they failed.
    const auto distributed = distributedEnvFromEnvironment();
    if (!distributed && wantsTrainingProcesses(commandLine, spec)) {
        spec.validate(); // once here, not once per process
        return launchTrainingProcesses(commandLine, spec.processes);
    }
    if (distributed) // what the history records (and a re-run starts) is this machine's count
        spec.processes = distributed->localWorldSize;
    const bool leader = !distributed || distributed->rank == 0;
    const TrainingData data = loadTrainingData(spec, nullptr, [leader](const std::string& warning) {
        if (leader) // the others read the same files: once is enough
            std::cerr << warning << '\n';
    });
    // A process the window started says it is about to join (the window waits for that, so
    // that one failing before could be reported at once instead of after the join's timeout).
    if (const char* ready = std::getenv("DOMAINTUNE_READY_FILE"); distributed && ready && *ready)
        std::ofstream(ready) << "ready\n";
    if (leader)
        std::cerr << "data: " << data.train.size() << " training, " << data.validation.size()
                  << " validation examples\n";

    ProgressPrinter printer(!leader);
    TrainingJobOptions options;
    options.train.distributed = distributed;
    if (!commandLine.has("no-history") && leader) {
        options.historyPath = commandLine.value("history", RunStore::defaultPath());
        options.parentRunId =
            commandLine.has("resume") ? runToResume(options.historyPath, spec.outputDir) : 0;
    }
    options.train.resume = commandLine.has("resume");
    TrainingControl control;
    // Ctrl-C or SIGTERM: stop at the next step with a checkpoint (resumable), not mid-write; a
    // second one ends the program at once.
    const TrainingJobResult job = [&] {
        const CancelOnSignal cancel(control, true);
        return runTrainingJob(spec, data, printer, control, options);
    }();
    const TrainResult& result = job.result;

    nlohmann::json json = {
        {"status", result.status},           {"steps", result.steps},
        {"metrics", result.metrics},         {"best_metrics", result.bestMetrics},
        {"output", result.modelDir},         {"best", result.bestModelDir},
        {"checkpoint", result.checkpointDir}};
    json["run_id"] = job.runId > 0 ? nlohmann::json(job.runId) : nlohmann::json();
    if (!job.historyAgrees) {
        // The result stands (the model is on disk) but the history says otherwise: never a
        // silent success.
        json["history_error"] = job.historyError;
        std::cout << json.dump(2) << '\n';
        std::cerr << "The run " << result.status << " (" << result.modelDir
                  << "), but the run history could not be updated: " << job.historyError
                  << ". The history still shows run " << job.runId
                  << " as running; free disk space (or end the program holding the history) "
                     "and check it with domaintune-cli runs show "
                  << job.runId << ".\n";
        return 3;
    }
    if (!job.historyError.empty())
        json["history_warning"] = "the history could not be written during the run (" +
                                  job.historyError +
                                  "); the outcome is recorded, some metrics are missing";
    if (result.status == "failed")
        throw Error(result.message);
    if (leader) // the one result of a run on several processes
        std::cout << json.dump(2) << '\n';
    return result.status == "completed" ? 0 : 1;
}

} // namespace domaintune::cli
