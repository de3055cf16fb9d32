#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct dt_spm_model;

namespace domaintune {

/** One piece produced by SentencePieceModel::encode(). */
struct SentencePiece
{
    int id = 0;
    std::string piece;     ///< The vocabulary entry, e.g. "▁contract".
    std::size_t begin = 0; ///< Byte offset of the covered input, inclusive.
    std::size_t end = 0;   ///< Byte offset of the covered input, exclusive.
};

/**
 * A sentencepiece `.model` file (unigram or BPE), used through the isolated plugin.
 *
 * Encoding is const and may run from several threads at once. Loading and training throw
 * domaintune::Error with the file name and sentencepiece's own reason.
 */
class SentencePieceModel
{
public:
    /** Loads @p path. Throws domaintune::Error when it is missing or not a sentencepiece model. */
    explicit SentencePieceModel(const std::string& path);
    ~SentencePieceModel();
    SentencePieceModel(const SentencePieceModel&) = delete;
    SentencePieceModel& operator=(const SentencePieceModel&) = delete;

    /**
     * Trains a model with sentencepiece's trainer. @p arguments use spm_train's syntax, e.g.
     * "--input=corpus.txt --model_prefix=out/spm --vocab_size=2000". Blocks; runs on the caller's
     * thread (the trainer starts its own threads per --num_threads).
     */
    static void train(const std::string& arguments);

    /** Encodes UTF-8 @p text into pieces with byte offsets into @p text. */
    std::vector<SentencePiece> encode(std::string_view text) const;

    int vocabSize() const;
    /** Returns the id of @p piece, or -1 when it is not in the vocabulary. */
    int pieceToId(std::string_view piece) const;
    /** Returns the piece of @p id; throws domaintune::Error when @p id is out of range. */
    std::string idToPiece(int id) const;
    int unkId() const;
    int bosId() const; ///< -1 when the model has no BOS piece.
    int eosId() const; ///< -1 when the model has no EOS piece.
    int padId() const; ///< -1 when the model has no padding piece.

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    dt_spm_model* m_model = nullptr;
};

} // namespace domaintune
