#pragma once

#include "core/text/bertnormalizer.h"
#include "core/text/tokenizer.h"
#include "core/text/wordpiecemodel.h"

namespace domaintune {

/**
 * BERT's tokenizer (BertTokenizer / BertTokenizerFast): BasicTokenizer normalisation and
 * splitting, then WordPiece. Offsets point into the original text even where lower-casing or
 * accent stripping changed byte lengths. Immutable after configuration; thread-safe.
 */
class WordPieceTokenizer : public Tokenizer
{
public:
    WordPieceTokenizer(WordPieceModel model, BertNormalizerOptions options);

    std::string kind() const override { return "wordpiece"; }
    int vocabSize() const override { return m_model.vocabulary().size(); }
    int tokenToId(std::string_view token) const override { return m_model.vocabulary().id(token); }
    const std::string& idToToken(int id) const override { return m_model.vocabulary().token(id); }
    const WordPieceModel& model() const { return m_model; }
    const BertNormalizer& normalizer() const { return m_normalizer; }

protected:
    void tokenizeSegment(std::string_view text, std::size_t offset, std::vector<Token>& out,
                         int& nextWord) const override;

private:
    WordPieceModel m_model;
    BertNormalizer m_normalizer;
};

} // namespace domaintune
