#include "core/text/tokenizerfactory.h"

#include "core/common/error.h"
#include "core/text/bytelevelbpetokenizer.h"
#include "core/text/sentencepiecetokenizer.h"
#include "core/text/tokenizerconfig.h"
#include "core/text/tokenizerjson.h"
#include "core/text/wordpiecetokenizer.h"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace domaintune {
namespace fs = std::filesystem;
namespace {

bool isFile(const fs::path& path)
{
    std::error_code error;
    return fs::is_regular_file(path, error);
}

std::string firstModelFile(const fs::path& folder)
{
    std::error_code error;
    std::string found;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (entry.path().extension() == ".model" && isFile(entry.path()) &&
            (found.empty() || entry.path().string() < found))
            found = entry.path().string();
    return found;
}

std::optional<TokenizerFiles> detectInFolder(const fs::path& folder)
{
    const std::string dir = folder.string();
    if (isFile(folder / "vocab.txt"))
        return TokenizerFiles{TokenizerKind::WordPiece, dir, (folder / "vocab.txt").string(), {}};
    if (isFile(folder / "vocab.json") && isFile(folder / "merges.txt"))
        return TokenizerFiles{TokenizerKind::ByteLevelBpe, dir, (folder / "vocab.json").string(),
                              (folder / "merges.txt").string()};
    if (const std::string model = firstModelFile(folder); !model.empty())
        return TokenizerFiles{TokenizerKind::SentencePiece, dir, model, {}};
    if (isFile(folder / "tokenizer.json"))
        return TokenizerFiles{
            TokenizerKind::TokenizerJson, dir, (folder / "tokenizer.json").string(), {}};
    return std::nullopt;
}

TokenizerFiles detectFile(const fs::path& file)
{
    const fs::path folder = file.parent_path();
    const std::string name = file.filename().string(), ext = file.extension().string();
    const std::string dir = folder.string();
    if (ext == ".model")
        return {TokenizerKind::SentencePiece, dir, file.string(), {}};
    if (ext == ".txt" && name != "merges.txt")
        return {TokenizerKind::WordPiece, dir, file.string(), {}};
    if (name == "merges.txt" && isFile(folder / "vocab.json"))
        return {TokenizerKind::ByteLevelBpe, dir, (folder / "vocab.json").string(), file.string()};
    if (ext == ".json" && name != "tokenizer.json" && isFile(folder / "merges.txt"))
        return {TokenizerKind::ByteLevelBpe, dir, file.string(), (folder / "merges.txt").string()};
    if (ext == ".json")
        return {TokenizerKind::TokenizerJson, dir, file.string(), {}};
    throw Error(file.string(), 0, "not a tokenizer file this program knows",
                "Give a model folder, or its vocab.txt, vocab.json (with merges.txt beside it), "
                "*.model or tokenizer.json.");
}

} // namespace

const std::vector<const char*>& tokenizerFileNames()
{
    static const std::vector<const char*> names = {"vocab.txt",
                                                   "vocab.json",
                                                   "merges.txt",
                                                   "tokenizer.json",
                                                   "tokenizer_config.json",
                                                   "special_tokens_map.json",
                                                   "added_tokens.json",
                                                   "sentencepiece.bpe.model",
                                                   "spiece.model",
                                                   "tokenizer.model"};
    return names;
}

std::string tokenizerKindName(TokenizerKind kind)
{
    switch (kind) {
    case TokenizerKind::WordPiece:
        return "wordpiece";
    case TokenizerKind::ByteLevelBpe:
        return "bpe";
    case TokenizerKind::SentencePiece:
        return "sentencepiece";
    case TokenizerKind::TokenizerJson:
        return "tokenizer.json";
    }
    return "unknown";
}

TokenizerFiles detectTokenizerFiles(const std::string& path)
{
    std::error_code error;
    if (fs::is_directory(path, error)) {
        if (auto files = detectInFolder(path))
            return *files;
        throw Error(path, 0, "no tokenizer found in this folder",
                    "A model folder holds vocab.txt (BERT), vocab.json + merges.txt (GPT-2, "
                    "RoBERTa), a sentencepiece *.model or tokenizer.json.");
    }
    if (!isFile(path))
        throw Error(path, 0, "no such file or folder", "Check the model path.");
    return detectFile(path);
}

} // namespace domaintune

namespace domaintune {
namespace {

const char* const kSpecialNames[] = {"unk_token",  "sep_token", "pad_token", "cls_token",
                                     "mask_token", "bos_token", "eos_token"};

// The special tokens a model's config names and its vocabulary holds, matched in raw text.
std::vector<AddedToken> specialTokens(const Tokenizer& tokenizer, const TokenizerConfig& config,
                                      std::vector<std::string> defaults)
{
    for (const char* name : kSpecialNames)
        if (const std::string token = config.special(name, {}); !token.empty())
            defaults.push_back(token);
    defaults.insert(defaults.end(), config.additionalSpecialTokens.begin(),
                    config.additionalSpecialTokens.end());
    std::vector<AddedToken> added;
    for (const std::string& token : defaults) {
        const int id = tokenizer.tokenToId(token);
        const bool seen = std::any_of(added.begin(), added.end(),
                                      [&](const AddedToken& a) { return a.content == token; });
        if (id < 0 || seen)
            continue;
        AddedToken entry{token, id, true};
        if (const auto flags = config.stripFlags.find(token); flags != config.stripFlags.end()) {
            entry.lstrip = flags->second.first;
            entry.rstrip = flags->second.second;
        } else if (token == config.special("mask_token", {}) &&
                   (config.isFamily("roberta") || config.isFamily("camembert"))) {
            entry.lstrip = true; // transformers' RoBERTa-family default for the mask token
        }
        added.push_back(entry);
    }
    return added;
}

int requireToken(const Tokenizer& tokenizer, const std::string& token, const std::string& file)
{
    const int id = tokenizer.tokenToId(token);
    if (id < 0)
        throw Error(file, 0, "the vocabulary has no special token '" + token + "'",
                    "Use the model's own vocabulary, or name its special tokens in "
                    "tokenizer_config.json / special_tokens_map.json.");
    return id;
}

// Uncased vocabularies hold no upper-case letters outside [SPECIAL] tokens.
bool isCasedVocabulary(const Vocabulary& vocabulary)
{
    for (const std::string& token : vocabulary.tokens()) {
        if (token.size() > 2 && token.front() == '[' && token.back() == ']')
            continue;
        for (const char c : token)
            if (c >= 'A' && c <= 'Z')
                return true;
    }
    return false;
}

std::unique_ptr<Tokenizer> buildWordPiece(const TokenizerFiles& files,
                                          const TokenizerConfig& config)
{
    Vocabulary vocabulary = Vocabulary::fromTextFile(files.main);
    BertNormalizerOptions options;
    options.lowercase = config.doLowerCase.value_or(!isCasedVocabulary(vocabulary));
    options.stripAccents = config.stripAccents;
    options.handleChineseChars = config.tokenizeChineseChars;
    const std::string unk = config.special("unk_token", "[UNK]");
    auto tokenizer = std::make_unique<WordPieceTokenizer>(
        WordPieceModel(std::move(vocabulary), unk, files.main), options);
    const std::string cls = config.special("cls_token", "[CLS]");
    const std::string sep = config.special("sep_token", "[SEP]");
    const std::string pad = config.special("pad_token", "[PAD]");
    tokenizer->setTemplate(TokenTemplate::bert(cls, requireToken(*tokenizer, cls, files.main), sep,
                                               requireToken(*tokenizer, sep, files.main)));
    tokenizer->setPadToken(pad, requireToken(*tokenizer, pad, files.main));
    tokenizer->setAddedTokens(specialTokens(*tokenizer, config, {unk, cls, sep, pad, "[MASK]"}));
    return tokenizer;
}

std::unique_ptr<Tokenizer> buildBpe(const TokenizerFiles& files, const TokenizerConfig& config)
{
    Vocabulary vocabulary = Vocabulary::fromJsonFile(files.main);
    const bool roberta = (vocabulary.contains("<s>") && vocabulary.contains("</s>")) ||
                         (config.isFamily("roberta") && !config.isFamily("gpt"));
    ByteLevelOptions options;
    options.addPrefixSpace = config.addPrefixSpace.value_or(false);
    options.trimOffsets = config.trimOffsets.value_or(roberta);
    BpeModel model(std::move(vocabulary), BpeModel::readMerges(files.merges), files.merges);
    auto tokenizer = std::make_unique<ByteLevelBpeTokenizer>(std::move(model), options, files.main);
    if (roberta) {
        const std::string bos = config.special("bos_token", "<s>");
        const std::string eos = config.special("eos_token", "</s>");
        tokenizer->setTemplate(
            TokenTemplate::roberta(bos, requireToken(*tokenizer, bos, files.main), eos,
                                   requireToken(*tokenizer, eos, files.main)));
        const std::string pad = config.special("pad_token", "<pad>");
        tokenizer->setPadToken(pad, requireToken(*tokenizer, pad, files.main));
    } else {
        const std::string pad =
            config.special("pad_token", config.special("eos_token", "<|endoftext|>"));
        if (const int id = tokenizer->tokenToId(pad); id >= 0)
            tokenizer->setPadToken(pad, id);
    }
    tokenizer->setAddedTokens(specialTokens(
        *tokenizer, config, {"<s>", "</s>", "<unk>", "<pad>", "<mask>", "<|endoftext|>"}));
    return tokenizer;
}

TokenTemplate sentencePieceTemplate(const Tokenizer& tokenizer, const TokenizerConfig& config,
                                    bool fairseq)
{
    using Kind = TemplatePiece::Kind;
    const auto piece = [&](const std::string& token, int typeId = 0) {
        return TemplatePiece{Kind::Special, token, tokenizer.tokenToId(token), typeId};
    };
    const TemplatePiece a{Kind::First, {}, -1, 0}, b{Kind::Second, {}, -1, 1};
    if (fairseq)
        return TokenTemplate::roberta("<s>", 0, "</s>", 2);
    if (config.isFamily("albert") && tokenizer.tokenToId("[CLS]") >= 0)
        return TokenTemplate::bert("[CLS]", tokenizer.tokenToId("[CLS]"), "[SEP]",
                                   tokenizer.tokenToId("[SEP]"));
    if (config.isFamily("t5") && tokenizer.tokenToId("</s>") >= 0)
        return TokenTemplate({a, piece("</s>")}, {a, piece("</s>"), b, piece("</s>", 1)});
    if (config.isFamily("llama") && tokenizer.tokenToId("<s>") >= 0)
        return TokenTemplate({piece("<s>"), a}, {piece("<s>"), a, piece("<s>", 1), b});
    return TokenTemplate();
}

std::unique_ptr<Tokenizer> buildSentencePiece(const TokenizerFiles& files,
                                              const TokenizerConfig& config)
{
    const bool fairseq = config.isFamily("xlm-roberta") || config.isFamily("xlmroberta") ||
                         fs::path(files.main).filename() == "sentencepiece.bpe.model";
    auto tokenizer = std::make_unique<SentencePieceTokenizer>(
        files.main, fairseq ? SentencePieceTokenizer::IdLayout::Fairseq
                            : SentencePieceTokenizer::IdLayout::Native);
    tokenizer->setTemplate(sentencePieceTemplate(*tokenizer, config, fairseq));
    const std::string pad = config.special("pad_token", "<pad>");
    if (const int id = tokenizer->tokenToId(pad); id >= 0)
        tokenizer->setPadToken(pad, id);
    tokenizer->setAddedTokens(specialTokens(
        *tokenizer, config, {"<s>", "</s>", "<pad>", "<mask>", "[CLS]", "[SEP]", "[MASK]"}));
    return tokenizer;
}

} // namespace

std::unique_ptr<Tokenizer> loadTokenizer(const std::string& path)
{
    const TokenizerFiles files = detectTokenizerFiles(path);
    const TokenizerConfig config = TokenizerConfig::read(files.folder);
    switch (files.kind) {
    case TokenizerKind::WordPiece:
        return buildWordPiece(files, config);
    case TokenizerKind::ByteLevelBpe:
        return buildBpe(files, config);
    case TokenizerKind::SentencePiece:
        return buildSentencePiece(files, config);
    case TokenizerKind::TokenizerJson:
        return loadTokenizerJson(files.main, config);
    }
    throw Error("unknown tokenizer kind");
}

} // namespace domaintune
