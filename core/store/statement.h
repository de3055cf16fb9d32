#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

struct sqlite3_stmt;

namespace domaintune {

class Database;

/**
 * A compiled SQL statement (sqlite3_stmt), finalised by the destructor.
 *
 * Thread affinity: the thread that owns its Database. Parameters are 1-based, columns 0-based,
 * as in the sqlite3 C API. Errors throw domaintune::Error through Database::fail().
 */
class Statement
{
public:
    /** Compiles @p sql on @p database. */
    Statement(Database& database, const std::string& sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
    Statement& bindNull(int index);
    /** Binds @p value, or NULL when it is empty. */
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    /** Advances; returns true when a row is available, false when the statement is done. */
    bool step();
    /** Steps to completion (for INSERT/UPDATE/DELETE), then resets for reuse. */
    void run();
    /** Resets the statement and clears its bindings, for reuse. */
    void reset();

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    /** Returns the column as an integer, or an empty optional for NULL. */
    std::optional<std::int64_t> optionalInteger(int column) const;

private:
    sqlite3_stmt* m_handle = nullptr;
    Database* m_database = nullptr;
};

} // namespace domaintune
