#include "core/model/sentencepooling.h"

#include "core/common/error.h"
#include "core/common/filewriter.h"

#include <filesystem>
#include <fstream>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPoolingType = "sentence_transformers.models.Pooling";
constexpr const char* kNormalizeType = "sentence_transformers.models.Normalize";

nlohmann::json readJsonFile(const fs::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path.string(), 0, "cannot read the file",
                    "Check that the model folder is complete and readable.");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path.string(), 0, std::string("not valid JSON: ") + e.what(),
                    "Download the model again; the file is damaged.");
    }
}

bool flag(const nlohmann::json& json, const char* key)
{
    const auto it = json.find(key);
    return it != json.end() && it->is_boolean() && it->get<bool>();
}

} // namespace

nlohmann::json SentencePooling::toJson() const
{
    return {{"mode", mode}, {"normalize", normalize}};
}

SentencePooling SentencePooling::fromJson(const nlohmann::json& json, const std::string& file)
{
    SentencePooling pooling;
    if (!json.is_object())
        throw Error(file, 0, std::string(kSentencePoolingKey) + " is not an object",
                    R"(Write it as {"mode": "mean", "normalize": true}.)");
    pooling.mode = json.value("mode", std::string("mean"));
    pooling.normalize = flag(json, "normalize");
    if (pooling.mode != "mean" && pooling.mode != "cls")
        throw Error(file, 0, std::string(kSentencePoolingKey) + ".mode is \"" + pooling.mode + "\"",
                    "Use \"mean\" or \"cls\".");
    return pooling;
}

std::optional<SentencePooling> readSentenceTransformersPooling(const std::string& directory)
{
    const fs::path modulesPath = fs::path(directory) / "modules.json";
    if (!fs::exists(modulesPath))
        return std::nullopt;
    const nlohmann::json modules = readJsonFile(modulesPath);
    if (!modules.is_array())
        throw Error(modulesPath.string(), 0, "modules.json is not a list of modules",
                    "Download the model again; the file is damaged.");
    std::optional<SentencePooling> result;
    bool normalize = false;
    for (const auto& module : modules) {
        const std::string type = module.is_object() ? module.value("type", "") : "";
        if (type == kNormalizeType)
            normalize = true;
        if (type != kPoolingType || result)
            continue;
        const fs::path configPath =
            fs::path(directory) / module.value("path", std::string("1_Pooling")) / "config.json";
        const nlohmann::json config = readJsonFile(configPath);
        SentencePooling pooling;
        const bool mean = flag(config, "pooling_mode_mean_tokens");
        const bool cls = flag(config, "pooling_mode_cls_token");
        const bool other = flag(config, "pooling_mode_max_tokens") ||
                           flag(config, "pooling_mode_mean_sqrt_len_tokens") ||
                           flag(config, "pooling_mode_weightedmean_tokens") ||
                           flag(config, "pooling_mode_lasttoken");
        if (mean == cls || other)
            throw Error(configPath.string(), 0,
                        "the model pools its sentence embedding in a way DomainTune does not "
                        "compute (only the mean of the tokens or the first token alone)",
                        "Choose a sentence-transformers model with mean or [CLS] pooling, or "
                        "train the standard way (without few-shot).");
        pooling.mode = mean ? "mean" : "cls";
        result = pooling;
    }
    if (result)
        result->normalize = normalize;
    return result;
}

void writeSentenceTransformersModules(const std::string& directory, const SentencePooling& pooling,
                                      std::int64_t hiddenSize, std::int64_t maxLength)
{
    nlohmann::json modules = nlohmann::json::array(
        {{{"idx", 0},
          {"name", "0"},
          {"path", ""},
          {"type", "sentence_transformers.models.Transformer"}},
         {{"idx", 1}, {"name", "1"}, {"path", "1_Pooling"}, {"type", kPoolingType}}});
    if (pooling.normalize)
        modules.push_back(
            {{"idx", 2}, {"name", "2"}, {"path", "2_Normalize"}, {"type", kNormalizeType}});
    const nlohmann::json poolingConfig = {{"word_embedding_dimension", hiddenSize},
                                          {"pooling_mode_cls_token", pooling.mode == "cls"},
                                          {"pooling_mode_mean_tokens", pooling.mode == "mean"},
                                          {"pooling_mode_max_tokens", false},
                                          {"pooling_mode_mean_sqrt_len_tokens", false}};
    const nlohmann::json bertConfig = {{"max_seq_length", maxLength}, {"do_lower_case", false}};
    std::error_code error;
    fs::create_directories(fs::path(directory) / "1_Pooling", error);
    if (!error && pooling.normalize)
        fs::create_directories(fs::path(directory) / "2_Normalize", error);
    else if (!error)
        fs::remove_all(fs::path(directory) / "2_Normalize", error);
    if (error)
        throw Error(directory, 0,
                    "cannot create the sentence-transformers folders: " + error.message());
    writeWholeFile(directory + "/modules.json", modules.dump(2) + "\n");
    writeWholeFile(directory + "/sentence_bert_config.json", bertConfig.dump(2) + "\n");
    writeWholeFile(directory + "/1_Pooling/config.json", poolingConfig.dump(2) + "\n");
}

} // namespace domaintune
