#pragma once

#include "core/text/bpemodel.h"
#include "core/text/tokenizer.h"

#include <array>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace domaintune {

/** Options of GPT-2 / RoBERTa byte-level BPE (tokenizer_config.json). */
struct ByteLevelOptions
{
    bool addPrefixSpace = false; ///< Treat the text as if it began with a space.
    bool trimOffsets = false;    ///< Leave leading spaces out of offsets (RoBERTa).
};

/**
 * GPT-2 / RoBERTa byte-level BPE: GPT-2's pre-tokenisation pattern, bytes mapped to printable
 * characters, merges by rank. Words seen before come from a cache (shared_mutex, bounded).
 * Offsets are bytes of the original text, widened to whole UTF-8 characters where a token holds
 * only part of one. Thread-safe.
 */
class ByteLevelBpeTokenizer : public Tokenizer
{
public:
    /** Throws domaintune::Error naming @p source when a byte's character is not a token. */
    ByteLevelBpeTokenizer(BpeModel model, ByteLevelOptions options, const std::string& source = {});

    std::string kind() const override { return "bpe"; }
    int vocabSize() const override { return m_model.vocabulary().size(); }
    int tokenToId(std::string_view token) const override { return m_model.vocabulary().id(token); }
    const std::string& idToToken(int id) const override { return m_model.vocabulary().token(id); }

protected:
    void tokenizeSegment(std::string_view text, std::size_t offset, std::vector<Token>& out,
                         int& nextWord) const override;
    ByteSpan addedTokenSpan(std::string_view matched, ByteSpan span, bool first) const override;

private:
    struct Piece
    {
        int id;
        std::uint32_t begin;
        std::uint32_t end;
    };
    void tokenizeWord(std::string_view word, std::vector<Piece>& pieces) const;

    BpeModel m_model;
    ByteLevelOptions m_options;
    std::array<int, 256> m_byteIds{};
    mutable std::shared_mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<Piece>> m_cache;
};

} // namespace domaintune
