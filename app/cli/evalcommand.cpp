// `domaintune-cli eval` and `domaintune-cli export`: a model folder measured on labelled data,
// and a model folder (or a run's model) written out as a Hugging Face folder.
#include "commands.h"
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/model/pretrainedmodel.h"
#include "core/store/runstore.h"
#include "core/train/modelevaluation.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {

int runEval(const CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "data", "task", "text-column", "label-column", "encoding",
                           "max-length", "batch-size"});
    ImportOptions options;
    options.encoding = commandLine.value("encoding");
    options.mapping.text = commandLine.value("text-column");
    options.mapping.label = commandLine.value("label-column");
    const Corpus corpus = importCorpus(commandLine.required("data"), options);
    const auto evaluation = evaluateModel(
        commandLine.required("model"), corpus.examples(), commandLine.value("task"),
        commandLine.integer("max-length", 256), commandLine.integer("batch-size", 32));
    nlohmann::json perClass = nlohmann::json::array();
    for (const auto& row : evaluation.perClass)
        perClass.push_back({{"label", row.label},
                            {"precision", row.precision},
                            {"recall", row.recall},
                            {"f1", row.f1},
                            {"support", row.support}});
    std::cout << nlohmann::json{{"task", evaluation.task},
                                {"examples", evaluation.examples},
                                {"metrics", evaluation.metrics},
                                {"labels", evaluation.labels},
                                {"confusion", evaluation.confusion},
                                {"per_class", perClass}}
                     .dump(2)
              << '\n';
    return 0;
}

int runExport(const CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "run", "output", "history"});
    std::string modelDir = commandLine.value("model");
    if (commandLine.has("run")) {
        RunStore store(commandLine.value("history", RunStore::defaultPath()));
        const auto runId = commandLine.integer("run", 0);
        for (const auto& artifact : store.artifacts(runId))
            if (artifact.kind == "model")
                modelDir = artifact.path;
        if (modelDir.empty())
            throw Error("Run " + std::to_string(runId) +
                        " has no finished model to export; finish or resume it first.");
    }
    if (modelDir.empty())
        throw Error("Give --model DIR or --run ID; see --help.");
    const std::string output = commandLine.required("output");
    const auto model = PretrainedModel::load(modelDir);
    model->save(output);
    const auto reloaded = PretrainedModel::load(output);
    std::cout << nlohmann::json{{"output", output},
                                {"architecture", model->config().architectureFor(model->head())},
                                {"parameters", reloaded->parameterCount()},
                                {"labels", reloaded->config().labels}}
                     .dump()
              << '\n';
    return 0;
}

} // namespace domaintune::cli
