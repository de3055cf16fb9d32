#pragma once

#include <string>
#include <vector>

namespace domaintune {

// Readers that turn the text formats of a few Debian packages into paragraphs of prose, one
// string per paragraph, joined and whitespace-collapsed (see joinWrappedLines()). They do not
// judge quality; generalcorpus.cpp filters. All are pure functions of their input.

/**
 * WordNet's data files (data.noun, data.verb, data.adj, data.adv): one "lemma: gloss" per
 * synset, the gloss being the text after " | " (definition and quoted examples), the lemma
 * the synset's first word with underscores as spaces and adjective markers such as "(a)"
 * removed. The licence header (lines starting with a space) is skipped.
 */
std::vector<std::string> wordnetGlosses(const std::string& dataFile);

/**
 * A fortune(6) data file: the texts between lines holding only "%", with ANSI colour escapes
 * removed. Blank-line separated parts of one fortune, and a short unpunctuated line (a title
 * or an author) and what follows, are joined with a space; wrapped lines as joinWrappedLines().
 */
std::vector<std::string> fortuneTexts(const std::string& file);

/**
 * An HTML page: the text of every <p> element, tags removed and character references
 * (&amp;, &#12354;, &#x4E2D;, &nbsp;...) decoded. Anything outside <p> (menus, tables of
 * contents, <pre> listings) is left out.
 */
std::vector<std::string> htmlParagraphs(const std::string& html);

/**
 * A troff man page (man(7) macros): the running text of its paragraphs. Requests and macros
 * are dropped except the font macros (.B, .I, .BR, ...) whose arguments are text; .PP, .P,
 * .LP, .IP, .TP, .SH, .SS, .sp and .br end a paragraph; the tag line after .TP, headings,
 * comments and .nf/.fi or .EX/.EE blocks are left out; escapes (\fB, \-, \(em, \*(..., \&, ...)
 * become the characters they stand for or nothing. A page that only includes another
 * (".so man1/other.1") yields nothing.
 */
std::vector<std::string> troffParagraphs(const std::string& page);

/** Decodes the HTML character references in @p text (unknown ones stay as written). */
std::string decodeHtmlEntities(const std::string& text);

} // namespace domaintune
