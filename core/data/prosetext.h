#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace domaintune {

/** Returns true for a Han ideograph or a CJK/full-width punctuation code point. Pure. */
bool isCjkCodePoint(char32_t codePoint);

/**
 * Joins the lines of one wrapped paragraph into one line, the way a reader sees it: a break
 * between two CJK characters disappears (Chinese is written without spaces), any other break
 * becomes one space. Whitespace runs collapse to one space; the result is trimmed. Pure.
 */
std::string joinWrappedLines(const std::vector<std::string>& lines);

/**
 * Removes the spaces between two Han ideographs (older Chinese man pages put spaces between
 * words, as some formatters needed). Pure.
 */
std::string withoutSpacesBetweenCjk(const std::string& text);

/** Collapses every run of ASCII whitespace into one space and trims both ends. Pure. */
std::string collapseWhitespace(const std::string& text);

/**
 * Cuts @p paragraph into pieces of at most @p maxBytes, at sentence ends (". ", "? ", "! ",
 * "。", "！", "？", "；") where possible, else at a space, else at a UTF-8 character boundary.
 * A paragraph that fits comes back whole. Pure.
 */
std::vector<std::string> splitLongParagraph(const std::string& paragraph, std::size_t maxBytes);

/** What a paragraph is made of, for telling prose from code, tables and ASCII art. */
struct ProseProfile
{
    std::size_t characters = 0; ///< Code points other than whitespace.
    std::size_t letters = 0;    ///< ASCII letters and non-ASCII letters/ideographs.
    std::size_t cjk = 0;        ///< Han ideographs (and CJK punctuation).
    std::size_t words = 0;      ///< Runs of ASCII letters.
    bool validUtf8 = true;
};

/** Returns the profile of @p text (UTF-8). Pure. */
ProseProfile profileOf(const std::string& text);

} // namespace domaintune
