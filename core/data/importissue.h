#pragma once

#include <cstdint>
#include <string>

namespace domaintune {

/** What an import does when it meets bad input. */
enum class BadInputPolicy
{
    SkipAndReport, ///< Skip the bad record (or replace bad bytes), note it and go on.
    StopAtFirst,   ///< Throw domaintune::Error for the first problem.
};

/** One problem found while importing: where, what was wrong and what to do. A plain value. */
struct ImportIssue
{
    std::string file;
    std::int64_t line = 0; ///< 1-based; 0 when the problem concerns the whole file.
    std::string what;
    std::string hint;

    /** Returns "FILE:LINE: WHAT. HINT" (the same text domaintune::Error would carry). */
    std::string message() const;
};

} // namespace domaintune
