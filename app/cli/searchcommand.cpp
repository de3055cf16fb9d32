// `domaintune-cli search`: a hyper-parameter search (sampler + ASHA pruning) over training runs.
#include "commands.h"
#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/store/runstore.h"
#include "core/train/trainingjob.h"
#include "core/tune/study.h"
#include "progressprinter.h"
#include "trainspecoptions.h"

#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {
namespace {

SearchSpace spaceFrom(const CommandLine& line, const TrainSpec& base)
{
    if (!line.has("space"))
        return SearchSpace::defaults(base);
    const std::string file = line.required("space");
    std::ifstream in(file);
    if (!in)
        throw Error(file, 0, "cannot open the search space");
    try {
        return SearchSpace::fromJson(parseBoundedJson(in), file);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(file, 0, std::string("not valid JSON (") + e.what() + ")");
    }
}

void printTrial(const TrialOutcome& trial, const std::string& metric)
{
    std::cerr << "trial " << trial.number << ": " << trial.state;
    if (std::isfinite(trial.score))
        std::cerr << ", " << metric << " " << trial.score;
    if (trial.runId > 0)
        std::cerr << " (run " << trial.runId << ")";
    if (trial.state == "pruned" || trial.state == "failed")
        std::cerr << " — " << trial.message;
    std::cerr << '\n';
}

} // namespace

int runSearch(CommandLine& commandLine)
{
    std::vector<std::string> options = trainSpecOptions();
    for (const char* name : {"history", "trials", "budget-minutes", "space", "sampler",
                             "min-epochs", "reduction-factor", "startup-trials"})
        options.emplace_back(name);
    std::vector<std::string> switches = trainSpecSwitches();
    for (const char* name : {"resume", "no-history", "no-pruning", "no-baseline", "keep-models"})
        switches.emplace_back(name);
    commandLine.allowOnly(options, switches);

    const TrainSpec base = specFromCommandLine(commandLine);
    StudyOptions study;
    study.space = spaceFrom(commandLine, base);
    study.sampler.kind = samplerFromString(commandLine.value("sampler", "tpe"));
    study.sampler.seed = base.seed;
    study.trials = static_cast<int>(commandLine.integer("trials", 12));
    study.sampler.startupTrials = static_cast<int>(
        commandLine.integer("startup-trials", std::clamp(study.trials / 3, 3, 10)));
    study.budgetMinutes = commandLine.number("budget-minutes", 0);
    study.minEpochs = commandLine.number("min-epochs", 0);
    study.reductionFactor = commandLine.integer("reduction-factor", 4);
    study.pruning = !commandLine.has("no-pruning");
    study.baselineTrial = !commandLine.has("no-baseline");
    study.keepModels = commandLine.has("keep-models");
    study.outputDir = base.outputDir;
    study.resume = commandLine.has("resume");
    if (!commandLine.has("no-history"))
        study.historyPath = commandLine.value("history", RunStore::defaultPath());
    if (study.trials < 1 || study.budgetMinutes < 0 || study.reductionFactor < 2)
        throw Error("--trials needs at least 1, --budget-minutes at least 0 and "
                    "--reduction-factor at least 2");

    const TrainingData data = loadTrainingData(
        base, nullptr, [](const std::string& warning) { std::cerr << warning << '\n'; });
    std::cerr << "data: " << data.train.size() << " training, " << data.validation.size()
              << " validation examples\n";

    ProgressPrinter printer;
    TrainingControl control;
    const std::string metric = base.bestMetric();
    const StudyResult result =
        runStudy(base, data, study, printer, control,
                 [&](const TrialOutcome& trial) { printTrial(trial, metric); });
    nlohmann::json json = result.toJson();
    if (study.baselineTrial && !result.trials.empty())
        json["baseline"] = result.trials.front().toJson();
    json["space"] = study.space.toJson();
    json["sampler"] = samplerName(study.sampler.kind);
    json["pruner"] = study.pruning ? "asha" : "none";
    if (result.status == "failed")
        throw Error(result.message);
    std::cout << json.dump(2) << '\n';
    std::cerr << result.message << '\n';
    return result.status == "cancelled" ? 1 : 0;
}

} // namespace domaintune::cli
