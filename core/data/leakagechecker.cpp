#include "core/data/leakagechecker.h"

#include "core/data/minhash.h"

#include <algorithm>
#include <map>
#include <set>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unordered_map>

namespace domaintune {
namespace {

std::string fullText(const Example& example)
{
    return example.textPair.empty() ? example.text : example.text + "\x1e" + example.textPair;
}

// Collects pairs, counts them by kind and decides which side to drop.
class PairCollector
{
public:
    PairCollector(const std::vector<Example>& examples, const LeakageOptions& options,
                  LeakageReport& report)
        : m_examples(examples), m_options(options), m_report(report), m_parent(examples.size())
    {
        for (std::size_t i = 0; i < m_parent.size(); ++i)
            m_parent[i] = i;
    }

    bool seen(std::size_t index) const { return m_duplicate.count(index) != 0; }

    void add(std::size_t first, std::size_t second, const std::string& kind, double similarity)
    {
        const bool across = m_examples[first].split != m_examples[second].split;
        std::size_t& counter =
            kind == "exact" ? (across ? m_report.exactAcross : m_report.exactWithin)
            : kind == "normalized"
                ? (across ? m_report.normalizedAcross : m_report.normalizedWithin)
                : (across ? m_report.nearAcross : m_report.nearWithin);
        ++counter;
        if (m_kept[kind]++ < m_options.keptPairs)
            m_report.pairs.push_back({first, second, kind, similarity, across});
        const bool firstIsTrain = m_examples[first].split == "train";
        const bool secondIsTrain = m_examples[second].split == "train";
        const std::size_t drop = across && secondIsTrain && !firstIsTrain ? first : second;
        m_duplicate.insert(drop);
        const std::size_t a = root(first), b = root(second); // one cluster, its smallest index
        m_parent[std::max(a, b)] = std::min(a, b);
    }

    void finish()
    {
        m_report.droppable.assign(m_duplicate.begin(), m_duplicate.end());
        m_report.groups.resize(m_parent.size());
        for (std::size_t i = 0; i < m_parent.size(); ++i)
            m_report.groups[i] = root(i);
    }

private:
    const std::vector<Example>& m_examples;
    const LeakageOptions& m_options;
    LeakageReport& m_report;
    std::map<std::string, std::size_t> m_kept;
    std::set<std::size_t> m_duplicate;
    std::vector<std::size_t> m_parent; ///< Union-find over the pairs found.

    std::size_t root(std::size_t i)
    {
        while (m_parent[i] != i)
            i = m_parent[i] = m_parent[m_parent[i]];
        return i;
    }
};

void findSameKey(const std::vector<std::string>& keys, const std::string& kind,
                 PairCollector& collector)
{
    std::unordered_map<std::string, std::size_t> firstWithKey;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (collector.seen(i))
            continue;
        const auto [at, inserted] = firstWithKey.emplace(keys[i], i);
        if (!inserted)
            collector.add(at->second, i, kind, 1.0);
    }
}

void findNear(const std::vector<std::string>& keys, const LeakageOptions& options,
              PairCollector& collector)
{
    const MinHash minHash(options.shingleLength, options.hashes, options.seed);
    std::vector<std::vector<std::uint64_t>> signatures;
    for (const std::string& key : keys)
        signatures.push_back(minHash.signature(key));
    const std::size_t rows = static_cast<std::size_t>(options.hashes / std::max(1, options.bands));
    std::set<std::pair<std::size_t, std::size_t>> compared;
    for (int band = 0; band < options.bands; ++band) {
        std::map<std::vector<std::uint64_t>, std::vector<std::size_t>> buckets;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (collector.seen(i) || keys[i].empty())
                continue;
            const auto begin = signatures[i].begin() + static_cast<long>(band * rows);
            auto& bucket =
                buckets[std::vector<std::uint64_t>(begin, begin + static_cast<long>(rows))];
            if (bucket.size() < options.maxBucket)
                bucket.push_back(i);
        }
        for (const auto& [band_, members] : buckets)
            for (std::size_t a = 0; a < members.size(); ++a)
                for (std::size_t b = a + 1; b < members.size(); ++b) {
                    const std::size_t i = members[a], j = members[b];
                    if (collector.seen(j) || collector.seen(i) || !compared.insert({i, j}).second)
                        continue;
                    const double similarity = MinHash::similarity(signatures[i], signatures[j]);
                    if (similarity >= options.threshold)
                        collector.add(i, j, "near", similarity);
                }
    }
}

} // namespace

std::string duplicateKey(const std::string& text)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    if (U_SUCCESS(status))
        unicode = nfkc->normalize(unicode, status);
    unicode.foldCase();
    icu::UnicodeString kept;
    for (int32_t i = 0; i < unicode.length();) {
        const UChar32 c = unicode.char32At(i);
        i += U16_LENGTH(c);
        if (u_isalnum(c))
            kept.append(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
}

LeakageReport checkLeakage(const std::vector<Example>& examples, const LeakageOptions& options)
{
    LeakageReport report;
    PairCollector collector(examples, options, report);
    std::vector<std::string> keys;
    keys.reserve(examples.size());
    for (const Example& example : examples)
        keys.push_back(fullText(example));
    findSameKey(keys, "exact", collector);
    for (std::string& key : keys)
        key = duplicateKey(key);
    findSameKey(keys, "normalized", collector);
    if (options.nearDuplicates)
        findNear(keys, options, collector);
    collector.finish();
    return report;
}

std::size_t dropDuplicates(std::vector<Example>& examples, const LeakageReport& report)
{
    std::vector<bool> drop(examples.size(), false);
    for (std::size_t index : report.droppable)
        if (index < drop.size())
            drop[index] = true;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        if (drop[i])
            continue;
        if (kept != i) // a self-move would empty the strings
            examples[kept] = std::move(examples[i]);
        ++kept;
    }
    const std::size_t removed = examples.size() - kept;
    examples.resize(kept);
    return removed;
}

} // namespace domaintune
