#pragma once

#include "core/text/encoding.h"
#include "core/text/stringidmap.h"
#include "core/text/vocabulary.h"

#include <string>
#include <string_view>
#include <vector>

namespace domaintune {

/**
 * Greedy longest-match-first WordPiece over one word: "unaffable" -> un ##aff ##able; a word
 * with a part that matches nothing, or longer than maxCharacters, becomes the unknown token.
 * Immutable; tokenizeWord() is safe from many threads.
 */
class WordPieceModel
{
public:
    /**
     * Uses @p vocabulary; throws domaintune::Error naming @p source when @p unkToken is not in
     * it.
     */
    WordPieceModel(Vocabulary vocabulary, const std::string& unkToken,
                   const std::string& source = {}, std::string continuingPrefix = "##",
                   std::size_t maxCharacters = 100);

    /**
     * Appends the pieces of @p word (UTF-8, already normalised) to @p out; offsets are bytes of
     * @p word plus @p offset, word ids are @p wordId.
     */
    void tokenizeWord(std::string_view word, std::size_t offset, int wordId,
                      std::vector<Token>& out) const;

    const Vocabulary& vocabulary() const { return m_vocabulary; }
    int unkId() const { return m_unkId; }

private:
    Vocabulary m_vocabulary;
    StringIdMap m_continuations; ///< Tokens that start with the prefix, keyed without it.
    std::string m_prefix;
    std::size_t m_maxCharacters;
    int m_unkId = -1;
};

} // namespace domaintune
