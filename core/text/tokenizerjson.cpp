#include "core/text/tokenizerjson.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/text/jsontokenizer.h"

#include <climits>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

using Json = nlohmann::json;

struct Context
{
    std::string path;
    [[noreturn]] void unsupported(const std::string& what, const Json& node,
                                  const std::string& supported) const
    {
        const std::string type =
            node.is_object() && node.contains("type") && node["type"].is_string()
                ? node["type"].get<std::string>()
                : node.dump().substr(0, 60);
        throw Error(path, 0, "unsupported " + what + " '" + type + "'",
                    "Supported " + what + "s: " + supported +
                        ". Use the model's vocab.txt / vocab.json + merges.txt / *.model "
                        "instead, if it has one.");
    }
};

bool boolean(const Json& node, const char* key, bool fallback)
{
    return node.contains(key) && node[key].is_boolean() ? node[key].get<bool>() : fallback;
}

std::string text(const Json& node, const char* key, const std::string& fallback = {})
{
    return node.contains(key) && node[key].is_string() ? node[key].get<std::string>() : fallback;
}

void addNormalizers(const Json& node, const Context& context, std::vector<NormalizerStep>& out)
{
    if (node.is_null())
        return;
    const std::string type = text(node, "type");
    using Kind = NormalizerStep::Kind;
    if (type == "Sequence") {
        for (const Json& child : node.value("normalizers", Json::array()))
            addNormalizers(child, context, out);
    } else if (type == "BertNormalizer") {
        NormalizerStep step{Kind::Bert, {}};
        step.bert.cleanText = boolean(node, "clean_text", true);
        step.bert.handleChineseChars = boolean(node, "handle_chinese_chars", true);
        step.bert.lowercase = boolean(node, "lowercase", true);
        if (node.contains("strip_accents") && node["strip_accents"].is_boolean())
            step.bert.stripAccents = node["strip_accents"].get<bool>();
        step.bert.finalSigma = false; // Rust's per-character lower-casing
        out.push_back(step);
    } else if (type == "Lowercase" || type == "NFC" || type == "NFD" || type == "NFKC" ||
               type == "NFKD" || type == "StripAccents") {
        const Kind kind = type == "Lowercase" ? Kind::Lowercase
                          : type == "NFC"     ? Kind::Nfc
                          : type == "NFD"     ? Kind::Nfd
                          : type == "NFKC"    ? Kind::Nfkc
                          : type == "NFKD"    ? Kind::Nfkd
                                              : Kind::StripAccents;
        out.push_back({kind, {}});
    } else if (type == "Precompiled") {
        NormalizerStep step{Kind::Precompiled, {}};
        try {
            step.charsMap =
                PrecompiledCharsMap::parse(decodeBase64(text(node, "precompiled_charsmap")));
        } catch (const std::invalid_argument& e) {
            throw Error(context.path, 0,
                        std::string("the Precompiled normalizer's precompiled_charsmap is "
                                    "unusable: ") +
                            e.what(),
                        "The file is damaged; use the model's sentencepiece *.model instead, if "
                        "it has one.");
        }
        out.push_back(step);
    } else if (type == "Strip") {
        NormalizerStep step{Kind::Strip, {}};
        step.stripLeft = boolean(node, "strip_left", false);
        step.stripRight = boolean(node, "strip_right", false);
        out.push_back(step);
    } else if (type == "Replace") {
        NormalizerStep step{Kind::Replace, {}};
        const Json pattern = node.value("pattern", Json());
        const std::string content = text(node, "content");
        if (pattern.is_object() && pattern.contains("String") && pattern["String"].is_string()) {
            step.replace = ReplacePattern::literal(pattern["String"].get<std::string>(), content);
        } else if (pattern.is_object() && pattern.contains("Regex") &&
                   pattern["Regex"].is_string()) {
            try {
                step.replace = ReplacePattern::regex(pattern["Regex"].get<std::string>(), content);
            } catch (const std::invalid_argument& e) {
                throw Error(context.path, 0,
                            std::string("the Replace normalizer's pattern: ") + e.what(),
                            "The file is damaged or written for another regular-expression "
                            "syntax.");
            }
        } else {
            throw Error(context.path, 0,
                        "the Replace normalizer's pattern is neither {\"String\": ...} nor "
                        "{\"Regex\": ...}",
                        "The file is damaged.");
        }
        out.push_back(step);
    } else {
        context.unsupported("normalizer", node,
                            "BertNormalizer, Lowercase, NFC, NFD, NFKC, NFKD, StripAccents, "
                            "Precompiled, Strip, Replace, Sequence");
    }
}

void addPreTokenizers(const Json& node, const Context& context, std::vector<PreTokenizerStep>& out)
{
    if (node.is_null())
        return;
    const std::string type = text(node, "type");
    using Kind = PreTokenizerStep::Kind;
    PreTokenizerStep step;
    if (type == "Sequence") {
        for (const Json& child : node.value("pretokenizers", Json::array()))
            addPreTokenizers(child, context, out);
        return;
    }
    if (type == "BertPreTokenizer") {
        step.kind = Kind::Bert;
    } else if (type == "Whitespace") {
        step.kind = Kind::Whitespace;
    } else if (type == "WhitespaceSplit") {
        step.kind = Kind::WhitespaceSplit;
    } else if (type == "ByteLevel") {
        step.kind = Kind::ByteLevel;
        step.addPrefixSpace = boolean(node, "add_prefix_space", true);
        step.useRegex = boolean(node, "use_regex", true);
    } else if (type == "Metaspace") {
        step.kind = Kind::Metaspace;
        step.replacement = text(node, "replacement", step.replacement);
        const std::string scheme = text(node, "prepend_scheme", "always");
        step.addPrefixSpace = boolean(node, "add_prefix_space", scheme != "never");
        step.split = boolean(node, "split", true);
    } else {
        context.unsupported("pre-tokenizer", node,
                            "BertPreTokenizer, ByteLevel, Whitespace, WhitespaceSplit, Metaspace, "
                            "Sequence");
    }
    out.push_back(step);
}

// A number that must be an int (an id, a type id, a length): anything else, a double such as
// 1e92 included, is an error. Never get<int>() on an untrusted number: converting a double
// outside int's range is undefined behaviour (fuzz_tokenizer found a vocabulary id of 1e92).
int intOf(const Json& value, const std::string& what, const Context& context)
{
    const bool fits = value.is_number_unsigned()
                          ? value.get<std::uint64_t>() <= std::uint64_t(INT_MAX)
                          : value.is_number_integer() && value.get<std::int64_t>() >= INT_MIN &&
                                value.get<std::int64_t>() <= INT_MAX;
    if (!fits)
        throw Error(context.path, 0,
                    what +
                        " is not a whole number a tokenizer can use: " + value.dump().substr(0, 40),
                    "The file is damaged or not a tokenizer.json.");
    return static_cast<int>(value.get<std::int64_t>());
}

// The int member @p key of @p node (intOf()), or @p fallback when there is none or it is null
// (tokenizers writes an absent Unigram "unk_id" as null).
int intMember(const Json& node, const char* key, int fallback, const Context& context)
{
    if (!node.is_object() || !node.contains(key) || node.at(key).is_null())
        return fallback;
    return intOf(node.at(key), std::string("\"") + key + "\"", context);
}

// The vocabulary of a model node's "vocab". Looked up with find(), never `model["vocab"]`: on a
// const JSON value nlohmann's operator[] with a missing key reads past the map (undefined
// behaviour; fuzz_tokenizer found it as a heap-use-after-free).
Vocabulary vocabularyOf(const Json& model, const Context& context)
{
    const auto found = model.find("vocab"); // end() for a missing key or a non-object
    if (found == model.end() || !found->is_object())
        throw Error(context.path, 0, "the model's \"vocab\" is not an object {token: id}",
                    "The file is damaged or not a tokenizer.json.");
    const Json& vocab = *found;
    Vocabulary vocabulary;
    for (auto it = vocab.begin(); it != vocab.end(); ++it)
        vocabulary.add(it.key(), intOf(it.value(), "the id of token '" + it.key() + "'", context),
                       context.path);
    return vocabulary;
}

std::vector<BpeMerge> mergesOf(const Json& merges, const Context& context)
{
    std::vector<BpeMerge> out;
    std::int64_t index = 0;
    for (const Json& merge : merges) {
        ++index;
        if (merge.is_array() && merge.size() == 2) {
            out.push_back({merge[0].get<std::string>(), merge[1].get<std::string>(), 0});
            continue;
        }
        const std::string line = merge.is_string() ? merge.get<std::string>() : std::string();
        const std::size_t space = line.find(' ');
        if (space == std::string::npos)
            throw Error(context.path, 0,
                        "merge " + std::to_string(index) +
                            " is not \"left right\": " + merge.dump(),
                        "The file is damaged.");
        out.push_back({line.substr(0, space), line.substr(space + 1), 0});
    }
    return out;
}

JsonModel bpeModel(const Json& node, const Context& context)
{
    for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"})
        if (node.contains(key) && !node[key].is_null() && node[key] != "")
            context.unsupported(std::string("BPE option ") + key, node[key], "null");
    JsonModel model;
    model.bpe = std::make_unique<BpeModel>(vocabularyOf(node, context),
                                           mergesOf(node.value("merges", Json::array()), context),
                                           context.path);
    model.unkId = model.bpe->vocabulary().id(text(node, "unk_token"));
    model.byteFallback = boolean(node, "byte_fallback", false);
    model.ignoreMerges = boolean(node, "ignore_merges", false);
    return model;
}

JsonModel unigramModel(const Json& node, const Context& context)
{
    std::vector<std::pair<std::string, double>> pieces;
    for (const Json& entry : node.value("vocab", Json::array()))
        pieces.emplace_back(entry.at(0).get<std::string>(), entry.at(1).get<double>());
    JsonModel model;
    model.unigram = std::make_unique<UnigramModel>(
        std::move(pieces), intMember(node, "unk_id", -1, context), context.path);
    return model;
}

JsonModel modelOf(const Json& node, const Context& context)
{
    const std::string type = text(node, "type");
    if (type == "WordPiece") {
        JsonModel model;
        model.wordPiece = std::make_unique<WordPieceModel>(
            vocabularyOf(node, context), text(node, "unk_token", "[UNK]"), context.path,
            text(node, "continuing_subword_prefix", "##"),
            intMember(node, "max_input_chars_per_word", 100, context));
        return model;
    }
    if (type == "BPE" || (type.empty() && node.contains("merges")))
        return bpeModel(node, context);
    if (type == "Unigram")
        return unigramModel(node, context);
    context.unsupported("model", node, "WordPiece, BPE, Unigram");
}

} // namespace

namespace {

std::vector<TemplatePiece> templatePieces(const Json& list, const Json& specials,
                                          const Context& context)
{
    std::vector<TemplatePiece> out;
    for (const Json& item : list) {
        if (item.contains("Sequence")) {
            const Json& sequence = item["Sequence"];
            out.push_back({text(sequence, "id", "A") == "B" ? TemplatePiece::Kind::Second
                                                            : TemplatePiece::Kind::First,
                           {},
                           -1,
                           intMember(sequence, "type_id", 0, context)});
            continue;
        }
        const Json& special = item.at("SpecialToken");
        const std::string name = text(special, "id");
        if (!specials.contains(name))
            throw Error(context.path, 0,
                        "the template names the special token '" + name +
                            "' but \"special_tokens\" does not define it",
                        "The file is damaged.");
        const Json& definition = specials[name];
        const Json& ids = definition.at("ids");
        const Json& tokens = definition.at("tokens");
        for (std::size_t i = 0; i < ids.size() && i < tokens.size(); ++i)
            out.push_back({TemplatePiece::Kind::Special, tokens[i].get<std::string>(),
                           intOf(ids[i], "the id of special token '" + name + "'", context),
                           intMember(special, "type_id", 0, context)});
    }
    return out;
}

// Returns false for a post-processor that adds no special tokens (ByteLevel).
struct OffsetTrimming
{
    bool trim = false;
    bool addPrefixSpace = false;
};

bool templateOf(const Json& node, const Context& context, TokenTemplate& out,
                OffsetTrimming& trimming)
{
    if (node.is_null())
        return false;
    const std::string type = text(node, "type");
    if (type == "Sequence") {
        bool found = false;
        for (const Json& child : node.value("processors", Json::array()))
            found = templateOf(child, context, out, trimming) || found;
        return found;
    }
    if (type == "TemplateProcessing") {
        const Json specials = node.value("special_tokens", Json::object());
        out = TokenTemplate(templatePieces(node.at("single"), specials, context),
                            templatePieces(node.at("pair"), specials, context));
        return true;
    }
    if (type == "RobertaProcessing" || type == "ByteLevel") {
        trimming.trim = trimming.trim || boolean(node, "trim_offsets", true);
        trimming.addPrefixSpace = boolean(node, "add_prefix_space", true);
    }
    if (type == "BertProcessing" || type == "RobertaProcessing") {
        const Json& cls = node.at("cls");
        const Json& sep = node.at("sep");
        const auto make = type == "BertProcessing" ? &TokenTemplate::bert : &TokenTemplate::roberta;
        out = make(cls.at(0).get<std::string>(), intOf(cls.at(1), "the id of \"cls\"", context),
                   sep.at(0).get<std::string>(), intOf(sep.at(1), "the id of \"sep\"", context));
        return true;
    }
    if (type == "ByteLevel")
        return false;
    context.unsupported("post-processor", node,
                        "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, "
                        "Sequence");
}

std::vector<AddedToken> addedTokensOf(const Json& list, const Context& context)
{
    std::vector<AddedToken> out;
    for (const Json& token : list)
        if (token.contains("content") && token.contains("id"))
            out.push_back({token["content"].get<std::string>(),
                           intOf(token["id"], "the id of an added token", context),
                           boolean(token, "special", false), boolean(token, "lstrip", false),
                           boolean(token, "rstrip", false)});
    return out;
}

Json readJson(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the tokenizer file", "Check the model path.");
    try {
        return parseBoundedJson(in);
    } catch (const Json::exception& e) {
        throw Error(path, 0, std::string("not valid JSON: ") + e.what(),
                    "Use the model's own tokenizer.json.");
    }
}

} // namespace

std::unique_ptr<Tokenizer> loadTokenizerJson(const std::string& path, const TokenizerConfig& config)
{
    const Json root = readJson(path);
    const Context context{path};
    if (!root.is_object() || !root.contains("model"))
        throw Error(path, 0, "not a Hugging Face tokenizer.json (no \"model\")",
                    "Choose the tokenizer.json that save_pretrained() wrote.");
    try {
        std::vector<NormalizerStep> normalizers;
        addNormalizers(root.value("normalizer", Json()), context, normalizers);
        std::vector<PreTokenizerStep> preTokenizers;
        addPreTokenizers(root.value("pre_tokenizer", Json()), context, preTokenizers);
        auto tokenizer = std::make_unique<JsonTokenizer>(
            std::move(normalizers), std::move(preTokenizers), modelOf(root["model"], context));
        TokenTemplate layout;
        OffsetTrimming trimming;
        if (templateOf(root.value("post_processor", Json()), context, layout, trimming))
            tokenizer->setTemplate(std::move(layout));
        else
            tokenizer->setTemplate(TokenTemplate());
        tokenizer->setTrimOffsets(trimming.trim, trimming.addPrefixSpace);
        tokenizer->setAddedTokens(
            addedTokensOf(root.value("added_tokens", Json::array()), context));
        const Json padding = root.value("padding", Json());
        const std::string pad =
            padding.is_object() ? text(padding, "pad_token") : config.special("pad_token", "");
        if (const int id = tokenizer->tokenToId(pad); id >= 0)
            tokenizer->setPadToken(pad, id);
        return tokenizer;
    } catch (const Json::exception& e) {
        throw Error(path, 0, std::string("unexpected structure: ") + e.what(),
                    "Use the model's own tokenizer.json.");
    }
}

} // namespace domaintune
