#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace domaintune {

/**
 * The one exception type that core throws.
 *
 * Its message is written for the user: what was wrong, where (file and line when known), and
 * what to do about it. Thread-agnostic value type; safe to copy across threads.
 */
class Error : public std::runtime_error
{
public:
    /** Creates an error whose message() is exactly @p message. */
    explicit Error(const std::string& message);

    /**
     * Creates an error about a file: "FILE:LINE: WHAT. HINT". @p line is 1-based; 0 omits it.
     * An empty @p hint is left out.
     */
    Error(const std::string& file, std::int64_t line, const std::string& what,
          const std::string& hint = {});

    /** Returns the file the error is about, or an empty string. */
    const std::string& file() const { return m_file; }
    /** Returns the 1-based line the error is about, or 0 when unknown. */
    std::int64_t line() const { return m_line; }
    /** Returns the advice part of the message, or an empty string. */
    const std::string& hint() const { return m_hint; }

private:
    std::string m_file;
    std::int64_t m_line = 0;
    std::string m_hint;
};

} // namespace domaintune
