#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace domaintune {

/** A token matched verbatim in the raw text before tokenization ([CLS], <mask>, ...). */
struct AddedToken
{
    std::string content;
    int id = -1;
    bool special = true;
    bool lstrip = false; ///< The match takes the white space before it (RoBERTa's <mask>).
    bool rstrip = false; ///< The match takes the white space after it.
};

/**
 * Finds added tokens in raw text, longest match first, and splits the text around them (the
 * "never split" tokens of BERT, the special tokens of every Hugging Face tokenizer).
 * Immutable after construction; split() is safe from many threads.
 */
class AddedTokens
{
public:
    /** A piece of the text: an added token (index >= 0) or ordinary text (index -1). */
    struct Segment
    {
        std::size_t begin = 0;
        std::size_t end = 0;
        int index = -1; ///< Index into tokens().
    };

    AddedTokens() = default;
    explicit AddedTokens(std::vector<AddedToken> tokens);

    /** Splits @p text into ordinary and added-token segments, in order. */
    std::vector<Segment> split(std::string_view text) const;
    const std::vector<AddedToken>& tokens() const { return m_tokens; }
    bool empty() const { return m_tokens.empty(); }

private:
    int matchAt(std::string_view text, std::size_t pos) const;

    std::vector<AddedToken> m_tokens; ///< Longest first.
    std::array<bool, 256> m_firstByte{};
};

} // namespace domaintune
