#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/**
 * One raw record of a delimited or JSON file, before column mapping: field values in column
 * order, and where the record starts. A plain value.
 *
 * JSON arrays of scalars arrive as their items joined by kListSeparator, which
 * ColumnMapping splits again for multi-label columns.
 */
struct Record
{
    std::vector<std::string> values;
    std::int64_t line = 0; ///< 1-based line where the record starts.
};

/** Joins the items of a JSON array in one Record value (ASCII unit separator). */
constexpr char kListSeparator = '\x1f';

} // namespace domaintune
