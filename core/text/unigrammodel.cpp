#include "core/text/unigrammodel.h"

#include "core/common/error.h"

#include <algorithm>
#include <limits>

namespace domaintune {
namespace {

constexpr double kUnknownPenalty = 10.0;

bool isCharStart(std::string_view text, std::size_t pos)
{
    return pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
}

} // namespace

UnigramModel::UnigramModel(std::vector<std::pair<std::string, double>> pieces, int unkId,
                           const std::string& source)
    : m_pieces(std::move(pieces)), m_unkId(unkId)
{
    if (m_unkId < 0 || m_unkId >= size())
        throw Error(source, 0, "the Unigram model's unk_id is missing or out of range",
                    "A Unigram tokenizer.json names its unknown piece with \"unk_id\".");
    double lowest = std::numeric_limits<double>::max();
    for (std::size_t id = 0; id < m_pieces.size(); ++id) {
        if (!m_ids.insert(m_pieces[id].first, static_cast<int>(id)))
            throw Error(source, 0, "duplicate Unigram piece '" + m_pieces[id].first + "'",
                        "Every piece of the vocabulary must be listed once.");
        lowest = std::min(lowest, m_pieces[id].second);
    }
    m_unkScore = lowest - kUnknownPenalty;
}

const std::string& UnigramModel::piece(int id) const
{
    static const std::string empty;
    return id >= 0 && id < size() ? m_pieces[static_cast<std::size_t>(id)].first : empty;
}

void UnigramModel::tokenizeWord(std::string_view word, std::size_t offset, int wordId,
                                std::vector<Token>& out) const
{
    const std::size_t n = word.size();
    const double none = -std::numeric_limits<double>::infinity();
    std::vector<double> best(n + 1, none);
    std::vector<std::size_t> from(n + 1, 0);
    std::vector<int> chosen(n + 1, -1);
    best[0] = 0;
    for (std::size_t start = 0; start < n; ++start) {
        if (best[start] == none || !isCharStart(word, start))
            continue;
        std::size_t charEnd = start + 1;
        while (!isCharStart(word, charEnd))
            ++charEnd;
        const std::size_t limit = std::min(n, start + m_ids.longestKey());
        bool covered = false;
        for (std::size_t end = start + 1; end <= limit; ++end) {
            if (!isCharStart(word, end))
                continue;
            const int id = m_ids.find(word.substr(start, end - start));
            covered = covered || (id >= 0 && end == charEnd);
            if (id >= 0 && best[start] + m_pieces[id].second > best[end]) {
                best[end] = best[start] + m_pieces[id].second;
                from[end] = start;
                chosen[end] = id;
            }
        }
        if (!covered && best[start] + m_unkScore > best[charEnd]) {
            best[charEnd] = best[start] + m_unkScore;
            from[charEnd] = start;
            chosen[charEnd] = m_unkId;
        }
    }
    std::vector<Token> pieces;
    for (std::size_t end = n; end > 0; end = from[end])
        pieces.push_back({chosen[end], static_cast<std::uint32_t>(offset + from[end]),
                          static_cast<std::uint32_t>(offset + end), wordId, false});
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
        if (it->id == m_unkId && !out.empty() && out.back().id == m_unkId &&
            out.back().wordId == wordId && out.back().end == it->begin)
            out.back().end = it->end; // fuse_unk
        else
            out.push_back(*it);
    }
}

} // namespace domaintune
