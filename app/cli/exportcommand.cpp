// `domaintune-cli export`: a model folder (or a run's model) written out as a Hugging Face
// folder and/or TorchScript, each verified right after writing and recorded with the run.
#include "commands.h"
#include "core/common/error.h"
#include "core/export/modelexport.h"
#include "core/store/runstore.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {
namespace {

DType weightsType(const std::string& name)
{
    if (name == "f32" || name.empty())
        return DType::F32;
    if (name == "f16")
        return DType::F16;
    if (name == "bf16")
        return DType::BF16;
    throw Error("--dtype takes f32, f16 or bf16, not '" + name + "'.");
}

void setFormats(ModelExportRequest& request, const std::string& name)
{
    if (name == "hf" || name.empty()) {
        request.huggingFace = true;
        request.torchScript = false;
    } else if (name == "torchscript") {
        request.huggingFace = false;
        request.torchScript = true;
    } else if (name == "both") {
        request.huggingFace = request.torchScript = true;
    } else {
        throw Error("--format takes hf, torchscript or both, not '" + name + "'.");
    }
}

} // namespace

int runExport(CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "run", "output", "history", "dtype", "format"}, {"best"});
    ModelExportRequest request;
    request.weights = weightsType(commandLine.value("dtype"));
    setFormats(request, commandLine.value("format"));
    request.output = commandLine.required("output");
    request.runId = commandLine.integer("run", 0);
    request.best = commandLine.has("best");
    if (request.best && request.runId <= 0)
        throw Error("--best picks a run's best/ model; it needs --run ID.");
    request.historyPath = commandLine.value("history", RunStore::defaultPath());
    request.modelDir = commandLine.modelFolder();
    if (request.runId <= 0 && request.modelDir.empty())
        throw Error("Give --model DIR or --run ID; see --help.");
    const ModelExportResult exported = exportModel(request);

    nlohmann::json result = {{"output", request.output},
                             {"format", commandLine.value("format", "hf")},
                             {"architecture", exported.architecture},
                             {"dtype", dtypeName(request.weights)},
                             {"labels", exported.labels}};
    std::string failures;
    if (exported.loraMerge)
        result["lora_merge"] = verificationJson(*exported.loraMerge);
    if (exported.huggingFace) {
        result["verification"] = verificationJson(*exported.huggingFace);
        if (!exported.huggingFace->passed)
            failures = "Hugging Face folder: " + exported.huggingFace->message;
    }
    if (exported.torchScript) {
        const TorchScriptExport& script = *exported.torchScript;
        const nlohmann::json verification = verificationJson(script.verification);
        result["torchscript"] = {{"file", script.file},
                                 {"metadata", script.metadata},
                                 {"sha256", script.sha256},
                                 {"bytes", script.bytes},
                                 {"verification", verification}};
        if (!exported.huggingFace)
            result["verification"] = verification;
        if (!script.verification.passed)
            failures += (failures.empty() ? "" : "; ") + std::string("TorchScript: ") +
                        script.verification.message;
    }
    if (!failures.empty())
        throw Error(request.output, 0, "the export failed its verification: " + failures,
                    "Export again to an empty folder and check the disk.");
    std::cout << result.dump() << '\n';
    return 0;
}

} // namespace domaintune::cli
