#include "core/text/bpemodel.h"

#include "core/common/error.h"

#include <queue>

#include <fstream>
#include <tuple>

namespace domaintune {

BpeModel::BpeModel(Vocabulary vocabulary, const std::vector<BpeMerge>& merges,
                   const std::string& source)
    : m_vocabulary(std::move(vocabulary))
{
    m_merges.reserve(merges.size() * 2);
    int rank = 0;
    for (const BpeMerge& merge : merges) {
        const int left = m_vocabulary.id(merge.left);
        const int right = m_vocabulary.id(merge.right);
        const int result = m_vocabulary.id(merge.left + merge.right);
        if (left < 0 || right < 0 || result < 0)
            throw Error(source, merge.line,
                        "the merge '" + merge.left + " " + merge.right +
                            "' uses a token that is not in the vocabulary",
                        "Use the merges file that belongs to this vocabulary.");
        m_merges.emplace(key(left, right), Rule{rank++, result});
    }
}

std::vector<BpeMerge> BpeModel::readMerges(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the merges file",
                    "Check that the model folder is complete and readable.");
    std::vector<BpeMerge> merges;
    std::string line;
    for (std::int64_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || (number == 1 && line.rfind("#version", 0) == 0))
            continue;
        const std::size_t space = line.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 >= line.size() ||
            line.find(' ', space + 1) != std::string::npos)
            throw Error(path, number,
                        "expected two tokens separated by one space, got '" + line + "'",
                        "Use the model's merges.txt.");
        merges.push_back({line.substr(0, space), line.substr(space + 1), number});
    }
    return merges;
}

const BpeModel::Rule* BpeModel::find(int left, int right) const
{
    const auto it = m_merges.find(key(left, right));
    return it == m_merges.end() ? nullptr : &it->second;
}

void BpeModel::merge(std::vector<Symbol>& symbols) const
{
    const int n = static_cast<int>(symbols.size());
    if (n < 2)
        return;
    std::vector<int> next(n), previous(n);
    std::vector<bool> alive(n, true);
    for (int i = 0; i < n; ++i) {
        next[i] = i + 1 < n ? i + 1 : -1;
        previous[i] = i - 1;
    }
    // (rank, left position, left id, right id): stale entries are skipped when popped.
    using Candidate = std::tuple<int, int, int, int>;
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
    const auto consider = [&](int left) {
        if (left < 0 || next[left] < 0)
            return;
        if (const Rule* rule = find(symbols[left].id, symbols[next[left]].id))
            queue.emplace(rule->rank, left, symbols[left].id, symbols[next[left]].id);
    };
    for (int i = 0; i + 1 < n; ++i)
        consider(i);
    while (!queue.empty()) {
        const auto [rank, left, leftId, rightId] = queue.top();
        queue.pop();
        const int right = alive[left] ? next[left] : -1;
        if (right < 0 || symbols[left].id != leftId || symbols[right].id != rightId)
            continue;
        symbols[left].id = find(leftId, rightId)->result;
        symbols[left].end = symbols[right].end;
        alive[right] = false;
        next[left] = next[right];
        if (next[right] >= 0)
            previous[next[right]] = left;
        consider(previous[left]);
        consider(left);
    }
    std::size_t out = 0;
    for (int i = 0; i >= 0; i = next[i])
        symbols[out++] = symbols[i];
    symbols.resize(out);
}

} // namespace domaintune
