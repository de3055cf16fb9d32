#pragma once

#include "core/text/tokenizer.h"

#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/** The kinds of tokenizer files a Hugging Face model folder can hold. */
enum class TokenizerKind
{
    WordPiece,     ///< vocab.txt
    ByteLevelBpe,  ///< vocab.json + merges.txt
    SentencePiece, ///< *.model
    TokenizerJson, ///< tokenizer.json (the fast-tokenizer file)
};

/** Returns "wordpiece", "bpe", "sentencepiece" or "tokenizer.json". */
std::string tokenizerKindName(TokenizerKind kind);

/** Returns the tokenizer files a model folder may hold (vocab.txt, tokenizer.json, ...), which
 * travel with the weights when a model is saved or exported. */
const std::vector<const char*>& tokenizerFileNames();

/** The files found for one tokenizer. A plain value. */
struct TokenizerFiles
{
    TokenizerKind kind = TokenizerKind::WordPiece;
    std::string folder; ///< Where tokenizer_config.json and friends are looked for.
    std::string main;   ///< vocab.txt, vocab.json, the .model or tokenizer.json.
    std::string merges; ///< merges.txt for ByteLevelBpe.
};

/**
 * Finds the tokenizer in @p path: a model folder (vocab.txt, then vocab.json + merges.txt, then
 * a *.model, then tokenizer.json — the classic files first, because they are what the original
 * tokenizers read) or one of those files itself. Throws domaintune::Error saying what was
 * looked for when there is none.
 */
TokenizerFiles detectTokenizerFiles(const std::string& path);

/**
 * Detects and loads the tokenizer in @p path (see detectTokenizerFiles()) with the flags and
 * special tokens of tokenizer_config.json / special_tokens_map.json and the family's
 * special-token template. Throws domaintune::Error (file, line, what to do) on bad files.
 * Call from any thread; the result is immutable and thread-safe.
 */
std::unique_ptr<Tokenizer> loadTokenizer(const std::string& path);

} // namespace domaintune
