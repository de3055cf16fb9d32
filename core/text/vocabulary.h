#pragma once

#include "core/text/stringidmap.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace domaintune {

/**
 * A token <-> id table (vocab.txt, vocab.json or the "vocab" of tokenizer.json).
 *
 * Built once, then immutable: every const method is safe from many threads.
 */
class Vocabulary
{
public:
    Vocabulary() = default;

    /**
     * Reads a WordPiece vocab.txt (one token per line, id = line - 1). Throws domaintune::Error
     * naming the file and line for a duplicate token, or when the file cannot be read.
     */
    static Vocabulary fromTextFile(const std::string& path);
    /** Reads a vocab.json object {"token": id, ...}; throws domaintune::Error on bad input. */
    static Vocabulary fromJsonFile(const std::string& path);

    /** Adds @p token as @p id; throws domaintune::Error (naming @p source) when either is taken. */
    void add(std::string_view token, int id, const std::string& source = {}, std::int64_t line = 0);

    /** Returns the id of @p token, or -1. */
    int id(std::string_view token) const { return m_ids.find(token); }
    bool contains(std::string_view token) const { return m_ids.find(token) >= 0; }
    /** Returns the token of @p id, or an empty string for an unknown id. */
    const std::string& token(int id) const;
    /** Returns one more than the largest id. */
    int size() const { return static_cast<int>(m_tokens.size()); }
    /** Returns the byte length of the longest token. */
    std::size_t longestToken() const { return m_ids.longestKey(); }
    const std::vector<std::string>& tokens() const { return m_tokens; }

private:
    StringIdMap m_ids;
    std::vector<std::string> m_tokens;
    std::vector<bool> m_used;
};

} // namespace domaintune
