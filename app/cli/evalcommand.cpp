// `domaintune-cli eval`: a model folder measured on labelled data.
#include "commands.h"
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/model/pretrainedmodel.h"
#include "core/train/batchprediction.h"
#include "core/train/modelevaluation.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

namespace domaintune::cli {

int runEval(CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "data", "task", "text-column", "label-column", "encoding",
                           "max-length", "batch-size", "predictions"});
    ImportOptions options;
    options.encoding = commandLine.value("encoding");
    options.mapping.text = commandLine.value("text-column");
    options.mapping.label = commandLine.value("label-column");
    const Corpus corpus = importCorpus(commandLine.required("data"), options);
    const auto evaluation =
        evaluateModel(commandLine.modelFolder(commandLine.required("model")), corpus.examples(),
                      commandLine.value("task"), commandLine.integer("max-length", 256),
                      commandLine.integer("batch-size", 32));
    if (commandLine.has("predictions")) {
        const std::string path = commandLine.value("predictions");
        if (evaluation.task != "qa")
            throw Error(path, 0, "--predictions writes question-answering answers only",
                        "Leave it out for other tasks; use predict for their predictions.");
        std::ofstream out(path, std::ios::binary);
        writeAnswersJsonl(out, evaluation.answers);
        if (!out.flush())
            throw Error(path, 0, "cannot write the predictions",
                        "Choose a folder you can write to.");
    }
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

} // namespace domaintune::cli
