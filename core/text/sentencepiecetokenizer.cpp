#include "core/text/sentencepiecetokenizer.h"

namespace domaintune {
namespace {

constexpr int kFairseqOffset = 1;
constexpr int kFairseqUnk = 3;
const char* const kFairseqSpecials[] = {"<s>", "<pad>", "</s>", "<unk>"};
const std::string kMetaspace = "\xE2\x96\x81";

} // namespace

SentencePieceTokenizer::SentencePieceTokenizer(const std::string& path, IdLayout layout)
    : m_model(std::make_unique<SentencePieceModel>(path)), m_layout(layout)
{
    const int size = m_model->vocabSize();
    if (layout == IdLayout::Native) {
        for (int id = 0; id < size; ++id)
            m_tokens.push_back(m_model->idToPiece(id));
        return;
    }
    m_tokens.resize(static_cast<std::size_t>(size + kFairseqOffset + 1));
    for (int id = 0; id < size; ++id)
        m_tokens[static_cast<std::size_t>(id + kFairseqOffset)] = m_model->idToPiece(id);
    for (int id = 0; id < 4; ++id)
        m_tokens[static_cast<std::size_t>(id)] = kFairseqSpecials[id];
    m_tokens.back() = "<mask>";
}

int SentencePieceTokenizer::fromModelId(int id) const
{
    if (m_layout == IdLayout::Native)
        return id;
    // HF's XLMRobertaTokenizer: sentencepiece's unknown (id 0) becomes fairseq's <unk>.
    return id > 0 ? id + kFairseqOffset : kFairseqUnk;
}

int SentencePieceTokenizer::tokenToId(std::string_view token) const
{
    if (m_layout == IdLayout::Fairseq) {
        for (int id = 0; id < 4; ++id)
            if (token == kFairseqSpecials[id])
                return id;
        if (token == "<mask>")
            return vocabSize() - 1;
    }
    const int id = m_model->pieceToId(token);
    if (id < 0 || (id == m_model->unkId() && token != m_model->idToPiece(id)))
        return -1;
    return fromModelId(id);
}

const std::string& SentencePieceTokenizer::idToToken(int id) const
{
    static const std::string empty;
    if (id < 0 || id >= vocabSize())
        return empty;
    return m_tokens[static_cast<std::size_t>(id)];
}

void SentencePieceTokenizer::tokenizeSegment(std::string_view text, std::size_t offset,
                                             std::vector<Token>& out, int& nextWord) const
{
    bool first = true;
    for (const SentencePiece& piece : m_model->encode(text)) {
        // A new word starts at the whitespace marker, as Hugging Face's Metaspace splits.
        if (first || piece.piece.compare(0, kMetaspace.size(), kMetaspace) == 0)
            ++nextWord;
        first = false;
        out.push_back({fromModelId(piece.id), static_cast<std::uint32_t>(piece.begin + offset),
                       static_cast<std::uint32_t>(piece.end + offset), nextWord - 1, false});
    }
}

} // namespace domaintune
