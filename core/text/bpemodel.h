#pragma once

#include "core/text/vocabulary.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace domaintune {

/** One merge rule "left right" of merges.txt, with its 1-based line for error messages. */
struct BpeMerge
{
    std::string left;
    std::string right;
    std::int64_t line = 0;
};

/**
 * Byte-pair-encoding merges over vocabulary ids: the lowest-ranked adjacent pair merges first
 * (leftmost on ties), until no pair has a rank. O(n log n) per word, so a megabyte-long
 * "word" is no trap. Immutable; merge() is safe from many threads.
 */
class BpeModel
{
public:
    /** One symbol of a word being merged: a vocabulary id covering bytes [begin, end). */
    struct Symbol
    {
        int id = 0;
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };

    /**
     * Builds the model; throws domaintune::Error naming @p source and the merge's line when a
     * merge's parts or its result are not in @p vocabulary.
     */
    BpeModel(Vocabulary vocabulary, const std::vector<BpeMerge>& merges,
             const std::string& source = {});

    /** Reads merges.txt ("#version" header optional); throws domaintune::Error on bad lines. */
    static std::vector<BpeMerge> readMerges(const std::string& path);

    /** Merges @p symbols in place. */
    void merge(std::vector<Symbol>& symbols) const;

    const Vocabulary& vocabulary() const { return m_vocabulary; }
    /** Returns the number of merge rules. */
    std::size_t mergeCount() const { return m_merges.size(); }

private:
    struct Rule
    {
        int rank;
        int result;
    };
    static std::uint64_t key(int left, int right)
    {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) |
               static_cast<std::uint32_t>(right);
    }
    const Rule* find(int left, int right) const;

    Vocabulary m_vocabulary;
    std::unordered_map<std::uint64_t, Rule> m_merges;
};

} // namespace domaintune
