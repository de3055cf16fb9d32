#pragma once

#include "core/text/sentencepiecemodel.h"
#include "core/text/tokenizer.h"

#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/**
 * A tokenizer over a sentencepiece `.model` (ALBERT, T5, Llama, XLM-R...), encoded by
 * libsentencepiece through the isolation plugin. With IdLayout::Fairseq the ids follow
 * Hugging Face's XLMRobertaTokenizer: <s>=0, <pad>=1, </s>=2, <unk>=3, every other
 * sentencepiece id + 1, and <mask> after the last piece. Thread-safe.
 */
class SentencePieceTokenizer : public Tokenizer
{
public:
    enum class IdLayout
    {
        Native,  ///< The model's own ids.
        Fairseq, ///< XLM-R / fairseq ids (see the class comment).
    };

    /** Loads @p path; throws domaintune::Error when it is not a sentencepiece model. */
    SentencePieceTokenizer(const std::string& path, IdLayout layout);

    std::string kind() const override { return "sentencepiece"; }
    int vocabSize() const override { return static_cast<int>(m_tokens.size()); }
    int tokenToId(std::string_view token) const override;
    const std::string& idToToken(int id) const override;
    IdLayout layout() const { return m_layout; }
    const SentencePieceModel& model() const { return *m_model; }

protected:
    void tokenizeSegment(std::string_view text, std::size_t offset, std::vector<Token>& out,
                         int& nextWord) const override;

private:
    int fromModelId(int id) const;

    std::unique_ptr<SentencePieceModel> m_model;
    IdLayout m_layout;
    std::vector<std::string> m_tokens;
};

} // namespace domaintune
