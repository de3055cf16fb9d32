#pragma once

#include "core/text/encoding.h"
#include "core/text/stringidmap.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace domaintune {

/**
 * A unigram language-model tokenizer (tokenizer.json "Unigram", as sentencepiece's unigram):
 * Viterbi search for the segmentation with the highest total log-probability. Characters no
 * piece covers become the unknown piece (score = lowest score - 10), consecutive ones fused.
 * Immutable; tokenizeWord() is safe from many threads.
 */
class UnigramModel
{
public:
    /** @p pieces: (piece, log-probability) in id order; @p unkId indexes them. */
    UnigramModel(std::vector<std::pair<std::string, double>> pieces, int unkId,
                 const std::string& source = {});

    /** Appends the pieces of @p word with offsets relative to @p word plus @p offset. */
    void tokenizeWord(std::string_view word, std::size_t offset, int wordId,
                      std::vector<Token>& out) const;

    int size() const { return static_cast<int>(m_pieces.size()); }
    int id(std::string_view piece) const { return m_ids.find(piece); }
    const std::string& piece(int id) const;

private:
    std::vector<std::pair<std::string, double>> m_pieces;
    StringIdMap m_ids;
    int m_unkId;
    double m_unkScore = 0;
};

} // namespace domaintune
