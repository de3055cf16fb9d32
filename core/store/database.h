#pragma once

#include <cstdint>
#include <string>

struct sqlite3;

namespace domaintune {

class Statement;

/**
 * One open SQLite connection (sqlite3 C API), closed by the destructor.
 *
 * Thread affinity: a Database belongs to the thread that uses it; it is movable but never
 * shared. Open one per thread on the same file (SQLite locks the file between connections).
 * Every failure throws domaintune::Error naming the file, what failed, SQLite's own message and
 * what to do.
 */
class Database
{
public:
    /** How to open a connection. */
    struct Options
    {
        int busyTimeoutMs = 10000; ///< How long a statement waits for another writer's lock.
        bool readOnly = false;     ///< Open read-only (the file must exist).
    };

    /** Opens (creating when allowed) @p path and sets the busy timeout. */
    explicit Database(const std::string& path, const Options& options);
    explicit Database(const std::string& path) : Database(path, Options()) {}
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /** Runs one or more SQL statements that return no rows of interest. */
    void execute(const std::string& sql);
    /** Compiles @p sql into a statement bound to this connection. */
    Statement prepare(const std::string& sql);
    /** Runs a PRAGMA (or any single-value query) and returns its first column as text. */
    std::string queryText(const std::string& sql);
    /** Runs a single-value query and returns its first column as an integer (0 when no row). */
    std::int64_t queryInteger(const std::string& sql);

    /** Returns the rowid of the last successful INSERT on this connection. */
    std::int64_t lastInsertId() const;
    /** Returns how many rows the last INSERT/UPDATE/DELETE changed. */
    int changes() const;
    /** Returns PRAGMA user_version (the stored schema version). */
    int userVersion();
    /** Sets PRAGMA user_version; call inside the migration's transaction. */
    void setUserVersion(int version);

    /** Returns the path the connection was opened with. */
    const std::string& path() const { return m_path; }
    /** Returns the raw handle, for Statement. */
    sqlite3* handle() const { return m_handle; }

    /**
     * Throws domaintune::Error: "PATH: WHAT (sqlite: MESSAGE)" plus advice chosen from the result
     * code @p code (busy, read-only, corrupt, full disk, ...).
     */
    [[noreturn]] void fail(const std::string& what, int code) const;

private:
    void close() noexcept;

    sqlite3* m_handle = nullptr;
    std::string m_path;
};

} // namespace domaintune
