#include "core/text/sentencepiecemodel.h"

#include "core/common/error.h"
#include "core/text/sentencepieceplugin.h"

namespace domaintune {
namespace {

constexpr std::size_t kErrorSize = 1024;

void appendPiece(void* user, int id, const char* piece, std::size_t pieceLen, std::size_t begin,
                 std::size_t end)
{
    static_cast<std::vector<SentencePiece>*>(user)->push_back(
        {id, std::string(piece, pieceLen), begin, end});
}

} // namespace

SentencePieceModel::SentencePieceModel(const std::string& path) : m_path(path)
{
    const auto& plugin = SentencePiecePlugin::instance();
    char error[kErrorSize] = {};
    m_model = plugin.load(path.c_str(), error, sizeof error);
    if (!m_model)
        throw Error(path, 0, std::string("not a readable sentencepiece model (") + error + ")",
                    "Choose the tokenizer's .model file (e.g. sentencepiece.bpe.model, "
                    "spiece.model).");
}

SentencePieceModel::~SentencePieceModel()
{
    if (m_model)
        SentencePiecePlugin::instance().free(m_model);
}

void SentencePieceModel::train(const std::string& arguments)
{
    char error[kErrorSize] = {};
    if (SentencePiecePlugin::instance().train(arguments.c_str(), error, sizeof error) != 0)
        throw Error(std::string("Training the sentencepiece vocabulary failed: ") + error);
}

std::vector<SentencePiece> SentencePieceModel::encode(std::string_view text) const
{
    std::vector<SentencePiece> pieces;
    char error[kErrorSize] = {};
    if (SentencePiecePlugin::instance().encode(m_model, text.data(), text.size(), &appendPiece,
                                               &pieces, error, sizeof error) != 0)
        throw Error(m_path, 0, std::string("sentencepiece could not encode the text: ") + error);
    return pieces;
}

int SentencePieceModel::vocabSize() const
{
    return SentencePiecePlugin::instance().vocabSize(m_model);
}

int SentencePieceModel::pieceToId(std::string_view piece) const
{
    return SentencePiecePlugin::instance().pieceToId(m_model, piece.data(), piece.size());
}

std::string SentencePieceModel::idToPiece(int id) const
{
    std::vector<SentencePiece> out;
    if (SentencePiecePlugin::instance().idToPiece(m_model, id, &appendPiece, &out) != 0)
        throw Error(m_path, 0,
                    "token id " + std::to_string(id) + " is outside the vocabulary of " +
                        std::to_string(vocabSize()) + " pieces");
    return out.front().piece;
}

int SentencePieceModel::unkId() const
{
    return SentencePiecePlugin::instance().specialId(m_model, DT_SPM_UNK);
}

int SentencePieceModel::bosId() const
{
    return SentencePiecePlugin::instance().specialId(m_model, DT_SPM_BOS);
}

int SentencePieceModel::eosId() const
{
    return SentencePiecePlugin::instance().specialId(m_model, DT_SPM_EOS);
}

int SentencePieceModel::padId() const
{
    return SentencePiecePlugin::instance().specialId(m_model, DT_SPM_PAD);
}

} // namespace domaintune
