// `domaintune-cli pretrain`: a base model from scratch (vocabulary + masked-LM pretraining).
#include "commands.h"
#include "core/common/error.h"
#include "core/train/pretrainer.h"
#include "progressprinter.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {

int runPretrain(CommandLine& commandLine)
{
    commandLine.allowOnly({"output", "vocab-size", "layers", "hidden", "heads", "max-length",
                           "epochs", "max-steps", "batch-size", "seed", "threads", "learning-rate",
                           "dropout"},
                          {"resume", "whole-word-masking"});
    PretrainSpec spec;
    spec.corpus.assign(commandLine.positionals().begin(), commandLine.positionals().end());
    spec.outputDir = commandLine.required("output");
    spec.vocabSize = commandLine.integer("vocab-size", spec.vocabSize);
    spec.layers = commandLine.integer("layers", spec.layers);
    spec.hidden = commandLine.integer("hidden", spec.hidden);
    spec.heads = commandLine.integer("heads", spec.heads);
    spec.maxLength = commandLine.integer("max-length", spec.maxLength);
    spec.epochs = commandLine.integer("epochs", spec.epochs);
    spec.maxSteps = commandLine.integer("max-steps", spec.maxSteps);
    spec.batchSize = commandLine.integer("batch-size", spec.batchSize);
    spec.seed = static_cast<std::uint64_t>(commandLine.integer("seed", std::int64_t(spec.seed)));
    spec.threads = static_cast<int>(commandLine.integer("threads", spec.threads));
    spec.wholeWordMasking = commandLine.has("whole-word-masking");
    spec.learningRate = commandLine.number("learning-rate", spec.learningRate);
    spec.dropout = commandLine.number("dropout", spec.dropout);
    if (spec.learningRate <= 0 || spec.learningRate >= 1 || spec.dropout < 0 || spec.dropout >= 1)
        throw Error("Give --learning-rate in (0, 1) and --dropout in [0, 1).");
    if (spec.vocabSize < 100 || spec.layers < 1 || spec.hidden < 8 || spec.heads < 1 ||
        spec.hidden % spec.heads != 0)
        throw Error("Give --vocab-size >= 100, --layers >= 1, and --hidden divisible by --heads.");

    ProgressPrinter printer;
    TrainingControl control;
    const TrainResult result =
        pretrainFromScratch(spec, printer, control, commandLine.has("resume"));
    if (result.status == "failed")
        throw Error(result.message);
    std::cout << nlohmann::json{{"status", result.status},
                                {"steps", result.steps},
                                {"metrics", result.metrics},
                                {"output", result.modelDir},
                                {"checkpoint", result.checkpointDir}}
                     .dump(2)
              << '\n';
    return result.status == "completed" ? 0 : 1;
}

} // namespace domaintune::cli
