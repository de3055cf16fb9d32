#include "core/text/tokenizerconfig.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

const char* const kSpecialNames[] = {"unk_token",  "sep_token", "pad_token", "cls_token",
                                     "mask_token", "bos_token", "eos_token"};

std::optional<nlohmann::json> readJson(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    try {
        return parseBoundedJson(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path, 0, std::string("not valid JSON: ") + e.what(),
                    "Repair or remove the file; Hugging Face writes it with save_pretrained().");
    }
}

// Special tokens are written as "[UNK]" or as {"content": "[UNK]", ...}.
std::string tokenText(const nlohmann::json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_object() && value.contains("content") && value["content"].is_string())
        return value["content"].get<std::string>();
    return {};
}

void readStripFlags(const nlohmann::json& value, TokenizerConfig& config)
{
    if (!value.is_object() || tokenText(value).empty())
        return;
    const auto flagOf = [&](const char* name) {
        return value.contains(name) && value[name].is_boolean() && value[name].get<bool>();
    };
    config.stripFlags[tokenText(value)] = {flagOf("lstrip"), flagOf("rstrip")};
}

void readSpecials(const nlohmann::json& json, TokenizerConfig& config)
{
    for (const char* name : kSpecialNames)
        if (json.contains(name))
            readStripFlags(json[name], config);
    if (json.contains("added_tokens_decoder") && json["added_tokens_decoder"].is_object())
        for (const auto& token : json["added_tokens_decoder"])
            readStripFlags(token, config);
    for (const char* name : kSpecialNames)
        if (json.contains(name) && !tokenText(json[name]).empty())
            config.specialTokens[name] = tokenText(json[name]);
    if (json.contains("additional_special_tokens") && json["additional_special_tokens"].is_array())
        for (const auto& token : json["additional_special_tokens"])
            if (!tokenText(token).empty())
                config.additionalSpecialTokens.push_back(tokenText(token));
}

std::optional<bool> flag(const nlohmann::json& json, const char* name)
{
    if (json.contains(name) && json[name].is_boolean())
        return json[name].get<bool>();
    return std::nullopt;
}

void readTokenizerConfig(const nlohmann::json& json, TokenizerConfig& config)
{
    config.doLowerCase = flag(json, "do_lower_case");
    config.stripAccents = flag(json, "strip_accents");
    config.addPrefixSpace = flag(json, "add_prefix_space");
    config.trimOffsets = flag(json, "trim_offsets");
    if (const auto chinese = flag(json, "tokenize_chinese_chars"))
        config.tokenizeChineseChars = *chinese;
    if (json.contains("tokenizer_class") && json["tokenizer_class"].is_string())
        config.tokenizerClass = json["tokenizer_class"].get<std::string>();
    if (json.contains("model_max_length") && json["model_max_length"].is_number_unsigned() &&
        json["model_max_length"].get<std::uint64_t>() < (1ULL << 31))
        config.modelMaxLength = json["model_max_length"].get<std::size_t>();
    readSpecials(json, config);
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

} // namespace

TokenizerConfig TokenizerConfig::read(const std::string& folder)
{
    TokenizerConfig config;
    const std::string base = folder.empty() ? std::string(".") : folder;
    if (const auto json = readJson(base + "/config.json"); json && json->is_object())
        if (json->contains("model_type") && (*json)["model_type"].is_string())
            config.modelType = (*json)["model_type"].get<std::string>();
    if (const auto json = readJson(base + "/special_tokens_map.json"); json && json->is_object())
        readSpecials(*json, config);
    if (const auto json = readJson(base + "/tokenizer_config.json"); json && json->is_object())
        readTokenizerConfig(*json, config);
    return config;
}

std::string TokenizerConfig::special(const std::string& name, const std::string& fallback) const
{
    const auto it = specialTokens.find(name);
    return it == specialTokens.end() ? fallback : it->second;
}

bool TokenizerConfig::isFamily(const std::string& family) const
{
    const std::string wanted = lower(family);
    return lower(tokenizerClass).find(wanted) != std::string::npos ||
           lower(modelType).find(wanted) != std::string::npos;
}

} // namespace domaintune
