#pragma once

#include <string>
#include <vector>

namespace domaintune {

/**
 * Picks the delimiter of a delimited text file among ',', '\t', ';' and '|' from its first
 * lines: the candidate that splits the most records (quotes respected, also across lines) into
 * the same number (>1) of fields; ties go to that order. Returns ',' when none splits anything.
 * Pure function; thread-safe.
 */
char sniffDelimiter(const std::vector<std::string>& lines);

/**
 * Returns true when @p fields look like a header: every field non-empty, unique, not a number
 * and at most 64 bytes. Pure function; thread-safe.
 */
bool looksLikeHeader(const std::vector<std::string>& fields);

/**
 * As above, and no field of @p fields (the first row) is a value of its column in the later
 * sample @p lines (split at @p delimiter, quotes ignored): a name does not repeat as data.
 * Pure function; thread-safe.
 */
bool looksLikeHeader(const std::vector<std::string>& fields, const std::vector<std::string>& lines,
                     char delimiter);

} // namespace domaintune
