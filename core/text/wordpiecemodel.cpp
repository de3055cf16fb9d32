#include "core/text/wordpiecemodel.h"

#include "core/common/error.h"
#include "core/text/unicodeutil.h"

#include <algorithm>

namespace domaintune {
namespace {

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

WordPieceModel::WordPieceModel(Vocabulary vocabulary, const std::string& unkToken,
                               const std::string& source, std::string continuingPrefix,
                               std::size_t maxCharacters)
    : m_vocabulary(std::move(vocabulary)), m_prefix(std::move(continuingPrefix)),
      m_maxCharacters(maxCharacters)
{
    m_unkId = m_vocabulary.id(unkToken);
    if (m_unkId < 0)
        throw Error(source, 0, "the vocabulary has no unknown token '" + unkToken + "'",
                    "Add it to the vocabulary, or name the right one as unk_token in "
                    "tokenizer_config.json.");
    const std::vector<std::string>& tokens = m_vocabulary.tokens();
    for (std::size_t id = 0; id < tokens.size(); ++id)
        if (!m_prefix.empty() && tokens[id].size() > m_prefix.size() &&
            tokens[id].compare(0, m_prefix.size(), m_prefix) == 0)
            m_continuations.insert(std::string_view(tokens[id]).substr(m_prefix.size()),
                                   static_cast<int>(id));
}

void WordPieceModel::tokenizeWord(std::string_view word, std::size_t offset, int wordId,
                                  std::vector<Token>& out) const
{
    const auto unknown = [&] {
        out.push_back({m_unkId, static_cast<std::uint32_t>(offset),
                       static_cast<std::uint32_t>(offset + word.size()), wordId, false});
    };
    if (word.size() > m_maxCharacters && unicode::countCharacters(word) > m_maxCharacters)
        return unknown();
    const std::size_t firstSize = out.size();
    const std::size_t longest = std::max(m_vocabulary.longestToken(), m_continuations.longestKey());
    for (std::size_t start = 0; start < word.size();) {
        std::size_t end = std::min(word.size(), start + longest);
        int id = -1;
        for (; end > start; --end) {
            if (end < word.size() && isContinuationByte(word[end]))
                continue;
            const std::string_view piece = word.substr(start, end - start);
            id = start == 0 || m_prefix.empty() ? m_vocabulary.id(piece)
                                                : m_continuations.find(piece);
            if (id >= 0)
                break;
        }
        if (id < 0) {
            out.resize(firstSize);
            return unknown();
        }
        out.push_back({id, static_cast<std::uint32_t>(offset + start),
                       static_cast<std::uint32_t>(offset + end), wordId, false});
        start = end;
    }
}

} // namespace domaintune
