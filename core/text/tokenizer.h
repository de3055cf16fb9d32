#pragma once

#include "core/text/addedtokens.h"
#include "core/text/encoding.h"
#include "core/text/tokentemplate.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace domaintune {

/**
 * The common interface of every tokenizer (WordPiece, byte-level BPE, SentencePiece,
 * tokenizer.json): text in, an Encoding with ids, tokens, byte offsets, word ids, masks and
 * type ids out, with the model's special-token template, truncation and padding.
 *
 * Thread-safety: a configured tokenizer is immutable; every const method may run from many
 * threads at once (encodeBatch() does so itself). Configure (setTemplate(), setAddedTokens(),
 * setPadToken()) before sharing it.
 */
class Tokenizer
{
public:
    virtual ~Tokenizer();

    /** Returns the kind, e.g. "wordpiece", "bpe", "sentencepiece", "tokenizer.json". */
    virtual std::string kind() const = 0;
    /** Returns one more than the largest id. */
    virtual int vocabSize() const = 0;
    /** Returns the id of @p token, or -1. */
    virtual int tokenToId(std::string_view token) const = 0;
    /** Returns the token of @p id, or an empty string. */
    virtual const std::string& idToToken(int id) const = 0;

    /**
     * Splits @p text into tokens (no template special tokens; added tokens in the text are
     * matched). Offsets are bytes of @p text. Invalid UTF-8 is replaced by U+FFFD first;
     * @p invalidSequences (if given) receives how many sequences were replaced.
     */
    std::vector<Token> tokenize(std::string_view text,
                                std::size_t* invalidSequences = nullptr) const;

    /**
     * Encodes one text. A text over kHugeTextBytes that is truncated (maxLength > 0) is
     * tokenized from its start in chunks only until past maxLength, in bounded memory; its
     * Encoding::truncatedTokens then counts only the tokens seen (at least one).
     */
    Encoding encode(std::string_view text, const EncodeOptions& options = {}) const;
    /** Texts longer than this are tokenized in chunks when truncated (see encode()). */
    static constexpr std::size_t kHugeTextBytes = std::size_t(1) << 20;
    /** What count() found in a text. */
    struct TokenCount
    {
        std::size_t tokens = 0;      ///< All tokens of the text (no template special tokens).
        std::size_t special = 0;     ///< Of those, added special tokens written in the text.
        std::size_t unknown = 0;     ///< Of those, the unknown token.
        std::size_t invalidUtf8 = 0; ///< Invalid UTF-8 sequences replaced by U+FFFD.
    };
    /**
     * Counts the tokens of @p text without keeping them (@p unknownId: the id counted as
     * unknown, -1 for none). A text over kHugeTextBytes is tokenized in chunks cut before white
     * space, as encode() does for a truncated one, so memory stays bounded whatever its size;
     * the count equals tokenize(text).size().
     */
    TokenCount count(std::string_view text, int unknownId) const;
    /** Encodes a pair (question + context, premise + hypothesis...). */
    Encoding encodePair(std::string_view first, std::string_view second,
                        const EncodeOptions& options = {}) const;
    /** Encodes many texts on options.threads threads, then pads as options say. */
    std::vector<Encoding> encodeBatch(const std::vector<std::string>& texts,
                                      const EncodeOptions& options = {}) const;
    /** Encodes many pairs on options.threads threads, then pads as options say. */
    std::vector<Encoding>
    encodePairBatch(const std::vector<std::pair<std::string, std::string>>& pairs,
                    const EncodeOptions& options = {}) const;

    const TokenTemplate& tokenTemplate() const { return m_template; }
    void setTemplate(TokenTemplate tokenTemplate) { m_template = std::move(tokenTemplate); }
    const AddedTokens& addedTokens() const { return m_added; }
    void setAddedTokens(std::vector<AddedToken> tokens)
    {
        m_added = AddedTokens(std::move(tokens));
    }
    int padId() const { return m_padId; }
    const std::string& padToken() const { return m_padToken; }
    void setPadToken(std::string token, int id);

protected:
    /**
     * Appends the tokens of valid UTF-8 @p text (which holds no added token) to @p out with
     * offsets relative to @p text plus @p offset; numbers words from @p nextWord on.
     */
    virtual void tokenizeSegment(std::string_view text, std::size_t offset, std::vector<Token>& out,
                                 int& nextWord) const = 0;
    /**
     * The offsets of an added token that matched @p matched (its text, with any white space its
     * lstrip / rstrip took) at @p span; @p first: nothing comes before it. Unchanged by default;
     * byte-level tokenizers that trim offsets trim these too.
     */
    virtual ByteSpan addedTokenSpan(std::string_view matched, ByteSpan span, bool first) const
    {
        (void)matched;
        (void)first;
        return span;
    }

private:
    std::vector<Token> tokenizeValid(std::string_view text) const;
    Encoding encodeHugePrefix(std::string_view text, const EncodeOptions& options) const;
    Encoding encodeTokens(std::vector<Token> first, std::vector<Token>* second,
                          const EncodeOptions& options) const;
    void appendSequence(Encoding& out, const std::vector<Token>& tokens, int sequence,
                        int typeId) const;

    TokenTemplate m_template;
    AddedTokens m_added;
    int m_padId = 0;
    std::string m_padToken;
};

} // namespace domaintune
