// `domaintune-cli predict`: a fine-tuned model on a file of texts, predictions to CSV/JSONL.
#include "commands.h"
#include "core/train/batchprediction.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {

int runPredict(CommandLine& commandLine)
{
    commandLine.allowOnly(
        {"model", "input", "output", "text-column", "encoding", "max-length", "null-threshold"});
    BatchPredictionRequest request;
    request.modelDir = commandLine.modelFolder(commandLine.required("model"));
    request.input = commandLine.required("input");
    request.output = commandLine.required("output");
    request.textColumn = commandLine.value("text-column");
    request.encoding = commandLine.value("encoding");
    request.maxLength = commandLine.integer("max-length", 256);
    if (commandLine.has("null-threshold")) {
        request.allowNoAnswer = true;
        request.nullThreshold = commandLine.number("null-threshold", 0.0);
    }
    const BatchPredictionResult result = predictFile(request);
    std::cout << nlohmann::json{{"rows", result.rows},
                                {"output", result.output},
                                {"labels", result.labels}}
                     .dump()
              << '\n';
    return 0;
}

} // namespace domaintune::cli
