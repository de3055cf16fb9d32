#include "core/model/peftadapter.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/common/filewriter.h"
#include "core/model/checkpointreader.h"
#include "core/model/lora.h"
#include "core/model/safetensorswriter.h"
#include "core/model/weightloader.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace domaintune {
namespace fs = std::filesystem;

namespace {

const char* const kConfigFile = "adapter_config.json";
const char* const kWeightsFile = "adapter_model.safetensors";
const std::string kKeyPrefix = "base_model.model.";

// Our state-dict name -> the name transformers (and so PEFT) gives it.
std::string transformersName(const std::string& name, HeadKind head, const std::string& prefix)
{
    if (head == HeadKind::Base && name.rfind(prefix + ".", 0) == 0)
        return name.substr(prefix.size() + 1);
    return name;
}

bool underAny(const std::string& name, const std::vector<std::string>& prefixes)
{
    for (const auto& prefix : prefixes)
        if (name == prefix || name.rfind(prefix + ".", 0) == 0)
            return true;
    return false;
}

} // namespace

bool isPeftAdapterFolder(const std::string& directory)
{
    std::error_code error;
    return fs::is_regular_file(fs::path(directory) / kConfigFile, error);
}

PeftAdapterConfig readPeftAdapterConfig(const std::string& directory)
{
    const std::string path = (fs::path(directory) / kConfigFile).string();
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the adapter configuration", "Check the model folder.");
    nlohmann::json json;
    try {
        json = parseBoundedJson(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path, 0, std::string("not valid JSON: ") + e.what(),
                    "Use the adapter_config.json that PEFT or DomainTune wrote.");
    }
    const auto unsupported = [&](const std::string& what) {
        throw Error(path, 0, what,
                    "DomainTune loads plain LoRA adapters (PEFT's LoraConfig with a list of "
                    "target modules); merge this adapter with PEFT (merge_and_unload) and load "
                    "the merged model instead.");
    };
    if (!json.is_object() || json.value("peft_type", "") != "LORA")
        unsupported("not a LoRA adapter (peft_type \"" +
                    (json.is_object() && json.contains("peft_type") ? json["peft_type"].dump()
                                                                    : std::string("missing")) +
                    "\")");
    PeftAdapterConfig config;
    try {
        // A whole number first: converting a double such as 1e92 would be undefined.
        if (!json.at("r").is_number_integer())
            throw Error(path, 0,
                        "\"r\" (the LoRA rank) is not a whole number: " +
                            json.at("r").dump().substr(0, 40),
                        "Use the adapter_config.json that PEFT or DomainTune wrote.");
        config.settings.rank = json.at("r").get<std::int64_t>();
        config.settings.alpha = json.value("lora_alpha", 8.0);
        config.settings.dropout = json.value("lora_dropout", 0.0);
        config.settings.rsLora = json.value("use_rslora", false);
        config.baseModel = json.value("base_model_name_or_path", "");
        config.taskType =
            json.contains("task_type") && json["task_type"].is_string() ? json["task_type"] : "";
        const auto& targets = json.at("target_modules");
        if (targets.is_string())
            unsupported("target_modules is a regular expression (\"" + targets.get<std::string>() +
                        "\")");
        config.settings.targets = targets.get<std::vector<std::string>>();
        if (json.contains("modules_to_save") && json["modules_to_save"].is_array())
            config.modulesToSave = json["modules_to_save"].get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(path, 0, std::string("a field is missing or mistyped: ") + e.what(),
                    "Use the adapter_config.json that PEFT or DomainTune wrote.");
    }
    if (json.value("use_dora", false))
        unsupported("the adapter is DoRA (use_dora)");
    if (json.value("bias", "none") != "none")
        unsupported("the adapter trains biases (bias \"" + json.value("bias", "") + "\")");
    for (const char* pattern : {"rank_pattern", "alpha_pattern"})
        if (json.contains(pattern) && json[pattern].is_object() && !json[pattern].empty())
            unsupported(std::string("the adapter has a per-layer ") + pattern);
    if (json.contains("layers_to_transform") && !json["layers_to_transform"].is_null())
        unsupported("the adapter covers only some layers (layers_to_transform)");
    if (config.settings.rank < 1)
        throw Error(path, 0, "the rank r is " + std::to_string(config.settings.rank),
                    "A LoRA adapter has a rank of at least 1; the file is damaged.");
    if (config.baseModel.empty())
        throw Error(path, 0, "base_model_name_or_path is empty",
                    "Write the base model's folder or Hugging Face id into it.");
    return config;
}

std::string peftTaskType(HeadKind head)
{
    switch (head) {
    case HeadKind::SequenceClassification:
    case HeadKind::SentenceClassification:
        return "SEQ_CLS";
    case HeadKind::TokenClassification:
        return "TOKEN_CLS";
    case HeadKind::CausalLm:
        return "CAUSAL_LM";
    case HeadKind::QuestionAnswering:
        return "QUESTION_ANS";
    case HeadKind::Base:
        return "FEATURE_EXTRACTION";
    case HeadKind::MaskedLm:
        return ""; // PEFT has no masked-LM task type: a plain PeftModel
    }
    return "";
}

void writePeftAdapter(const std::string& directory, torch::nn::Module& model,
                      const PeftAdapterConfig& config, ModelFamily family, HeadKind head,
                      const std::string& backbonePrefix)
{
    std::vector<RawTensor> tensors;
    std::vector<torch::Tensor> keepAlive;
    for (const auto& item : model.named_parameters()) {
        if (!isAdapterParameter(item.key()) && !underAny(item.key(), config.modulesToSave))
            continue;
        auto tensor = item.value().detach().to(torch::kCPU, torch::kFloat).contiguous();
        keepAlive.push_back(tensor);
        RawTensor raw;
        raw.name = kKeyPrefix + transformersName(item.key(), head, backbonePrefix);
        raw.dtype = DType::F32;
        raw.shape = tensor.sizes().vec();
        raw.strides = contiguousStrides(raw.shape);
        raw.data = static_cast<const std::byte*>(tensor.data_ptr());
        raw.storageBytes = static_cast<std::size_t>(tensor.numel()) * 4;
        tensors.push_back(std::move(raw));
    }
    std::error_code error;
    fs::create_directories(directory, error);
    if (error)
        throw Error(directory, 0, "cannot create the folder: " + error.message());
    writeSafetensors((fs::path(directory) / kWeightsFile).string(), tensors, {{"format", "pt"}});
    const auto targets =
        config.settings.targets.empty() ? defaultLoraTargets(family) : config.settings.targets;
    nlohmann::json json = {{"peft_type", "LORA"},
                           {"task_type", config.taskType.empty() ? nlohmann::json(nullptr)
                                                                 : nlohmann::json(config.taskType)},
                           {"base_model_name_or_path", config.baseModel},
                           {"revision", nullptr},
                           {"r", config.settings.rank},
                           {"lora_alpha", config.settings.alpha},
                           {"lora_dropout", config.settings.dropout},
                           {"use_rslora", config.settings.rsLora},
                           {"target_modules", targets},
                           {"modules_to_save", config.modulesToSave.empty()
                                                   ? nlohmann::json(nullptr)
                                                   : nlohmann::json(config.modulesToSave)},
                           {"fan_in_fan_out", family == ModelFamily::Gpt2},
                           {"bias", "none"},
                           {"init_lora_weights", true},
                           {"inference_mode", true},
                           {"layers_to_transform", nullptr},
                           {"layers_pattern", nullptr},
                           {"rank_pattern", nlohmann::json::object()},
                           {"alpha_pattern", nlohmann::json::object()},
                           {"use_dora", false},
                           {"auto_mapping", nullptr}};
    writeWholeFile((fs::path(directory) / kConfigFile).string(), json.dump(2) + "\n");
}

std::vector<std::string> loadPeftAdapterWeights(const std::string& directory,
                                                torch::nn::Module& model, HeadKind head,
                                                const std::string& backbonePrefix)
{
    const std::string file = (fs::path(directory) / kWeightsFile).string();
    const Checkpoint checkpoint = readCheckpointFile(file);
    std::map<std::string, torch::Tensor> parameters;
    for (const auto& item : model.named_parameters())
        parameters[kKeyPrefix + transformersName(item.key(), head, backbonePrefix)] = item.value();
    std::set<std::string> given;
    std::vector<std::string> others;
    torch::NoGradGuard noGrad;
    for (const RawTensor& raw : checkpoint.tensors) {
        std::string name = raw.name;
        // PEFT before 0.4 kept the adapter name in the keys.
        for (const char* old : {".lora_A.default.weight", ".lora_B.default.weight"})
            if (const auto at = name.find(old); at != std::string::npos)
                name = name.substr(0, at) + std::string(old).substr(0, 7) + ".weight";
        const auto it = parameters.find(name);
        if (it == parameters.end())
            throw Error(file, 0,
                        "the adapter tensor " + raw.name + " matches no parameter of the model",
                        "The adapter belongs to another base model or another task head.");
        const auto tensor = rawToTensor(raw, file);
        if (tensor.sizes() != it->second.sizes())
            throw Error(file, 0,
                        "the adapter tensor " + raw.name + " has the shape " +
                            shapeText(tensor.sizes().vec()) + ", the model's parameter " +
                            shapeText(it->second.sizes().vec()),
                        "The adapter belongs to another base model (or another rank or number "
                        "of labels).");
        it->second.copy_(tensor.to(it->second.device(), it->second.scalar_type()));
        given.insert(name);
        if (!isAdapterParameter(name))
            others.push_back(name.substr(kKeyPrefix.size()));
    }
    for (const auto& [name, parameter] : parameters)
        if (isAdapterParameter(name) && !given.count(name))
            throw Error(file, 0, "the adapter has no tensor " + name,
                        "The file is incomplete or was written for other target modules.");
    return others;
}

} // namespace domaintune
