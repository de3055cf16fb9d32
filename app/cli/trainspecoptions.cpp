// The run-spec options `train` and `search` share.
#include "trainspecoptions.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace domaintune::cli {

const std::vector<std::string>& trainSpecOptions()
{
    static const std::vector<std::string> names = {
        "config",        "name",          "model",          "task",         "domain",
        "train",         "validation",    "text-column",    "label-column", "encoding",
        "delimiter",     "epochs",        "max-steps",      "max-length",   "batch-size",
        "learning-rate", "seed",          "threads",        "freeze",       "output",
        "dropout",       "lora-r",        "lora-alpha",     "lora-dropout", "lora-targets",
        "method",        "pair-sampling", "pair-iterations"};
    return names;
}

const std::vector<std::string>& trainSpecSwitches()
{
    static const std::vector<std::string> names = {"bf16", "fp16", "use-rslora", "drop-duplicates",
                                                   "pack"};
    return names;
}

TrainSpec specFromCommandLine(const CommandLine& line)
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
    // SetFit's own defaults (one epoch of pairs, 10 % warm-up) unless flags say otherwise.
    if (line.value("method", spec.method) == "setfit" && spec.method != "setfit")
        spec.useFewShotDefaults();
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
    spec.pairSampling = line.value("pair-sampling", spec.pairSampling);
    spec.pairIterations = line.integer("pair-iterations", spec.pairIterations);
    if (line.has("use-rslora"))
        spec.lora.rsLora = true;
    if (line.has("drop-duplicates"))
        spec.dropDuplicates = true;
    if (line.has("bf16"))
        spec.bf16 = true;
    if (line.has("pack"))
        spec.packSequences = true;
    if (line.has("fp16"))
        spec.fp16 = true;
    spec.validate();
    return spec;
}

} // namespace domaintune::cli
