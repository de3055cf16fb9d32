#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace domaintune {

/**
 * What a Hugging Face model folder says about its tokenizer: tokenizer_config.json,
 * special_tokens_map.json and config.json's model_type. Every field is optional in the files;
 * unset fields let the loader choose the model family's default. A plain value.
 */
struct TokenizerConfig
{
    std::optional<bool> doLowerCase;
    std::optional<bool> stripAccents; ///< Unset also when the file says null.
    bool tokenizeChineseChars = true;
    std::optional<bool> addPrefixSpace;
    std::optional<bool> trimOffsets;
    std::string tokenizerClass; ///< e.g. "BertTokenizer", "XLMRobertaTokenizer".
    std::string modelType;      ///< config.json's model_type, e.g. "roberta".
    std::size_t modelMaxLength = 0;
    std::map<std::string, std::string> specialTokens; ///< "unk_token" -> "[UNK]", ...
    std::vector<std::string> additionalSpecialTokens;
    /** Tokens written with "lstrip" / "rstrip" (added_tokens_decoder or {"content": ...}). */
    std::map<std::string, std::pair<bool, bool>> stripFlags;

    /**
     * Reads the files in @p folder that exist. Throws domaintune::Error naming the file when
     * one is not valid JSON.
     */
    static TokenizerConfig read(const std::string& folder);

    /** Returns the special token @p name ("cls_token", ...), or @p fallback. */
    std::string special(const std::string& name, const std::string& fallback) const;
    /** Returns true when tokenizerClass or modelType contains @p family (case-insensitive). */
    bool isFamily(const std::string& family) const;
};

} // namespace domaintune
