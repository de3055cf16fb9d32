#pragma once

#include <string>
#include <vector>

namespace domaintune {

/** One element of a TokenTemplate: a special token, or the place of sequence A or B. */
struct TemplatePiece
{
    enum class Kind
    {
        First,
        Second,
        Special,
    };
    Kind kind = Kind::First;
    std::string token; ///< For Special.
    int id = -1;       ///< For Special.
    int typeId = 0;    ///< token_type_id of the piece (of every token of a sequence).
};

/**
 * Where special tokens go around one text and around a pair, e.g. BERT's
 * `[CLS] A [SEP]` / `[CLS] A [SEP] B [SEP]` (B with type id 1) or RoBERTa's
 * `<s> A </s>` / `<s> A </s></s> B </s>`. Immutable value; thread-safe to share.
 */
class TokenTemplate
{
public:
    TokenTemplate();
    TokenTemplate(std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair);

    /** BERT: [CLS] A [SEP], [CLS] A [SEP] B [SEP] with B's type id 1. */
    static TokenTemplate bert(const std::string& cls, int clsId, const std::string& sep, int sepId);
    /** RoBERTa / XLM-R: <s> A </s>, <s> A </s></s> B </s>, all type id 0. */
    static TokenTemplate roberta(const std::string& bos, int bosId, const std::string& eos,
                                 int eosId);

    const std::vector<TemplatePiece>& single() const { return m_single; }
    const std::vector<TemplatePiece>& pair() const { return m_pair; }
    /** Returns how many special tokens the template adds for one text or a pair. */
    std::size_t specialCount(bool pair) const;

private:
    std::vector<TemplatePiece> m_single;
    std::vector<TemplatePiece> m_pair;
};

} // namespace domaintune
