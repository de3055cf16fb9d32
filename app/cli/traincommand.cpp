// `domaintune-cli train`: import the data, fine-tune, record the run in the history.
#include "commands.h"
#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/store/runstore.h"
#include "core/train/trainingjob.h"
#include "progressprinter.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace domaintune::cli {
namespace {

TrainSpec specFrom(const CommandLine& line)
{
    TrainSpec spec;
    if (line.has("config")) {
        const std::string file = line.required("config");
        std::ifstream in(file);
        if (!in)
            throw Error(file, 0, "cannot open the run configuration");
        try {
            spec = TrainSpec::fromJson(parseBoundedJson(in));
        } catch (const nlohmann::json::parse_error& e) {
            throw Error(file, 0, std::string("not valid JSON (") + e.what() + ")");
        }
    }
    spec.name = line.value("name", spec.name);
    spec.modelDir = line.modelFolder(spec.modelDir);
    spec.task = line.value("task", spec.task);
    spec.domain = line.value("domain", spec.domain);
    spec.trainFile = line.value("train", spec.trainFile);
    spec.validationFile = line.value("validation", spec.validationFile);
    spec.textColumn = line.value("text-column", spec.textColumn);
    spec.labelColumn = line.value("label-column", spec.labelColumn);
    spec.encoding = line.value("encoding", spec.encoding);
    spec.delimiter = line.value("delimiter", spec.delimiter);
    spec.epochs = line.integer("epochs", spec.epochs);
    spec.maxSteps = line.integer("max-steps", spec.maxSteps);
    spec.maxLength = line.integer("max-length", spec.maxLength);
    spec.batchSize = line.integer("batch-size", spec.batchSize);
    spec.seed = static_cast<std::uint64_t>(line.integer("seed", std::int64_t(spec.seed)));
    spec.threads = static_cast<int>(line.integer("threads", spec.threads));
    spec.freeze.preset = line.value("freeze", spec.freeze.preset);
    spec.outputDir = line.value("output", spec.outputDir);
    spec.learningRate = line.number("learning-rate", spec.learningRate);
    spec.dropout = line.number("dropout", spec.dropout);
    spec.lora.rank = line.integer("lora-r", spec.lora.rank);
    spec.lora.alpha = line.number("lora-alpha", spec.lora.alpha);
    spec.lora.dropout = line.number("lora-dropout", spec.lora.dropout);
    if (line.has("lora-targets")) {
        spec.lora.targets.clear();
        std::stringstream list(line.value("lora-targets"));
        for (std::string target; std::getline(list, target, ',');)
            if (!target.empty())
                spec.lora.targets.push_back(target);
    }
    if (line.has("use-rslora"))
        spec.lora.rsLora = true;
    if (line.has("bf16"))
        spec.bf16 = true;
    if (line.has("fp16"))
        spec.fp16 = true;
    spec.validate();
    return spec;
}

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
    commandLine.allowOnly(
        {"config",       "name",        "model",        "task",          "domain",    "train",
         "validation",   "text-column", "label-column", "encoding",      "delimiter", "epochs",
         "max-steps",    "max-length",  "batch-size",   "learning-rate", "seed",      "threads",
         "freeze",       "output",      "history",      "dropout",       "lora-r",    "lora-alpha",
         "lora-dropout", "lora-targets"},
        {"resume", "no-history", "bf16", "fp16", "use-rslora"});
    const TrainSpec spec = specFrom(commandLine);
    const TrainingData data = loadTrainingData(
        spec, nullptr, [](const std::string& warning) { std::cerr << warning << '\n'; });
    std::cerr << "data: " << data.train.size() << " training, " << data.validation.size()
              << " validation examples\n";

    ProgressPrinter printer;
    TrainingJobOptions options;
    if (!commandLine.has("no-history")) {
        options.historyPath = commandLine.value("history", RunStore::defaultPath());
        options.parentRunId =
            commandLine.has("resume") ? runToResume(options.historyPath, spec.outputDir) : 0;
    }
    options.train.resume = commandLine.has("resume");
    TrainingControl control;
    const TrainingJobResult job = runTrainingJob(spec, data, printer, control, options);
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
    std::cout << json.dump(2) << '\n';
    return result.status == "completed" ? 0 : 1;
}

} // namespace domaintune::cli
