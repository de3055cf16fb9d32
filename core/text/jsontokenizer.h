#pragma once

#include "core/text/bertnormalizer.h"
#include "core/text/bpemodel.h"
#include "core/text/precompiledcharsmap.h"
#include "core/text/replacepattern.h"
#include "core/text/tokenizer.h"
#include "core/text/unigrammodel.h"
#include "core/text/wordpiecemodel.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/** One normalizer of a tokenizer.json pipeline. */
struct NormalizerStep
{
    enum class Kind
    {
        Bert,
        Lowercase,
        Nfc,
        Nfd,
        Nfkc,
        Nfkd,
        StripAccents,
        Precompiled,
        Strip,
        Replace,
    };
    Kind kind = Kind::Lowercase;
    BertNormalizerOptions bert;                          ///< For Kind::Bert.
    std::shared_ptr<const PrecompiledCharsMap> charsMap; ///< For Kind::Precompiled.
    std::shared_ptr<const ReplacePattern> replace;       ///< For Kind::Replace.
    bool stripLeft = false, stripRight = true;           ///< For Kind::Strip.
};

/** One pre-tokenizer of a tokenizer.json pipeline. */
struct PreTokenizerStep
{
    enum class Kind
    {
        Bert,
        ByteLevel,
        Whitespace,
        WhitespaceSplit,
        Metaspace,
    };
    Kind kind = Kind::Whitespace;
    bool addPrefixSpace = false; ///< ByteLevel; Metaspace's prepend_scheme "always"/"first".
    bool useRegex = true;        ///< ByteLevel: split with GPT-2's pattern.
    bool split = true;           ///< Metaspace: split before each replacement character.
    std::string replacement = "\xE2\x96\x81"; ///< Metaspace.
};

/** The model of a tokenizer.json: exactly one of the three is set. */
struct JsonModel
{
    std::unique_ptr<WordPieceModel> wordPiece;
    std::unique_ptr<BpeModel> bpe;
    std::unique_ptr<UnigramModel> unigram;
    int unkId = -1;            ///< BPE: for characters without a token (-1: dropped).
    bool byteFallback = false; ///< BPE: unknown characters as <0xAB> byte tokens.
    bool ignoreMerges = false; ///< BPE: a word that is a token is taken whole.
};

/**
 * A tokenizer built from a Hugging Face tokenizer.json: normalizers, pre-tokenizers, a
 * WordPiece / BPE / Unigram model; the template and added tokens are set by the loader
 * (loadTokenizerJson()). Offsets point into the original text. Immutable; thread-safe.
 */
class JsonTokenizer : public Tokenizer
{
public:
    JsonTokenizer(std::vector<NormalizerStep> normalizers,
                  std::vector<PreTokenizerStep> preTokenizers, JsonModel model);

    std::string kind() const override { return "tokenizer.json"; }
    /** The post-processor's trim_offsets (see bytelevel::trimOffsets()). */
    void setTrimOffsets(bool trim, bool addPrefixSpace)
    {
        m_trimOffsets = trim;
        m_trimPrefixSpace = addPrefixSpace;
    }
    int vocabSize() const override;
    int tokenToId(std::string_view token) const override;
    const std::string& idToToken(int id) const override;

protected:
    void tokenizeSegment(std::string_view text, std::size_t offset, std::vector<Token>& out,
                         int& nextWord) const override;
    ByteSpan addedTokenSpan(std::string_view matched, ByteSpan span, bool first) const override;

private:
    NormalizedText normalize(std::string_view text) const;
    std::vector<ByteSpan> preTokenize(NormalizedText& text) const;
    void runModel(std::string_view word, std::size_t offset, int wordId,
                  std::vector<Token>& out) const;
    void runBpe(std::string_view word, std::size_t offset, int wordId,
                std::vector<Token>& out) const;

    std::vector<NormalizerStep> m_normalizers;
    std::vector<PreTokenizerStep> m_preTokenizers;
    JsonModel m_model;
    bool m_byteLevel = false;
    bool m_trimOffsets = false, m_trimPrefixSpace = false;
    std::array<int, 256> m_byteIds{};
};

} // namespace domaintune
