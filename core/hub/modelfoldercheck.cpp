#include "core/hub/modelfoldercheck.h"

#include "core/common/error.h"
#include "core/model/checkpointreader.h"
#include "core/model/modelconfig.h"
#include "core/text/tokenizerfactory.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace domaintune {

namespace fs = std::filesystem;

ModelFolderCheck checkModelFolder(const std::string& folder)
{
    ModelFolderCheck check;
    std::error_code error;
    const fs::path config = fs::path(folder) / "config.json";
    if (!fs::is_regular_file(config, error)) {
        check.reason = "it has no config.json";
        return check;
    }
    try {
        const nlohmann::json json = readModelConfigJson(config.string());
        // The raw fields first, so that an unsupported family is still named in the listing.
        if (json.is_object()) {
            check.modelType = json.value("model_type", std::string());
            if (json.contains("architectures") && json["architectures"].is_array() &&
                !json["architectures"].empty() && json["architectures"][0].is_string())
                check.architecture = json["architectures"][0].get<std::string>();
        }
        parseModelConfig(json, config.string()); // validated from the same parse
    } catch (const Error& e) {
        check.reason = e.what();
        return check;
    }
    for (const auto& name : checkpointFileNames())
        if (fs::is_regular_file(fs::path(folder) / name, error)) {
            check.weightsFile = name;
            break;
        }
    if (check.weightsFile.empty()) {
        check.reason = "it has no weights DomainTune reads (model.safetensors, "
                       "pytorch_model.bin or their sharded index)";
        return check;
    }
    try {
        check.tokenizer = tokenizerKindName(detectTokenizerFiles(folder).kind);
    } catch (const Error& e) {
        check.reason = e.what();
        return check;
    }
    check.loadable = true;
    return check;
}

} // namespace domaintune
