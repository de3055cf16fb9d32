#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/**
 * UTF-8 decoding and the Unicode character classes the tokenizers share.
 *
 * Every function is pure (ICU's property tables are immutable) and safe to call from any thread.
 */
namespace domaintune::unicode {

constexpr char32_t kReplacementCharacter = 0xFFFD;

/**
 * Decodes the UTF-8 character at @p text[@p pos]. Sets @p length to its byte length (1 for an
 * invalid byte) and returns the code point, or kReplacementCharacter for an invalid sequence.
 * @p text must be valid UTF-8 for exact results; invalid input never reads out of bounds.
 */
char32_t decode(std::string_view text, std::size_t pos, std::size_t& length);

/** Appends @p codePoint to @p out as UTF-8. */
void append(std::string& out, char32_t codePoint);

/** Returns true when @p text is well-formed UTF-8 (no overlongs, surrogates or truncation). */
bool isValid(std::string_view text);

/** Valid UTF-8 made from arbitrary bytes, with the way back to the original bytes. */
struct SanitizedText
{
    std::string text;                    ///< Invalid sequences replaced by U+FFFD.
    std::vector<std::uint32_t> original; ///< Per byte of text (+1 at the end): original offset.
    std::size_t invalidSequences = 0;    ///< How many replacements were made.
};

/** Replaces every invalid UTF-8 sequence in @p bytes by U+FFFD (one per maximal bad run). */
SanitizedText sanitize(std::string_view bytes);

/** Returns the number of code points in valid UTF-8 @p text. */
std::size_t countCharacters(std::string_view text);

/**
 * Returns the byte offset of code point @p characters in valid UTF-8 @p text (text.size() for
 * the end), or -1 when @p characters is negative or past the end. SQuAD counts characters.
 */
std::int64_t byteOffsetOfCharacter(std::string_view text, std::int64_t characters);

bool isLetter(char32_t c);           ///< General category L*.
bool isNumber(char32_t c);           ///< General category N*.
bool isMark(char32_t c);             ///< General category Mn (non-spacing mark).
bool isWhiteSpace(char32_t c);       ///< Unicode property White_Space.
bool isPythonWhiteSpace(char32_t c); ///< Python's str.isspace().

/** BERT's _is_whitespace: space, \t, \n, \r or category Zs. */
bool isBertWhitespace(char32_t c);
/** BERT's _is_control: category C* except \t, \n, \r. */
bool isBertControl(char32_t c);
/** BERT's _is_punctuation: ASCII 33-47, 58-64, 91-96, 123-126, or category P*. */
bool isBertPunctuation(char32_t c);
/** BERT's _is_chinese_char: the CJK Unified Ideographs blocks (not Hangul, kana, ...). */
bool isCjkIdeograph(char32_t c);

/**
 * Appends the full lower-case mapping of @p c (Python's str.lower(), which may yield several
 * characters, e.g. U+0130 -> "i̇") to @p out. @p finalSigma selects ς for Σ.
 */
void appendLower(std::u32string& out, char32_t c, bool finalSigma = false);

/** Returns true when @p c is cased (for Python's final-sigma rule). */
bool isCased(char32_t c);
/** Returns true when @p c is case-ignorable (for Python's final-sigma rule). */
bool isCaseIgnorable(char32_t c);

/** Canonical decomposition (NFD) of one character. */
std::u32string decomposeCanonical(char32_t c);

} // namespace domaintune::unicode
