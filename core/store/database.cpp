#include "core/store/database.h"

#include "core/common/error.h"
#include "core/store/statement.h"

#include <sqlite3.h>

namespace domaintune {
namespace {

std::string adviceFor(int code)
{
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "Another DomainTune process holds the history database; wait for it or close it, "
               "then try again.";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return "Check that the folder exists and that you may read and write it (the history "
               "location is set with --history or DOMAINTUNE_HISTORY).";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "The file is damaged or is not a DomainTune history; restore it from a backup or "
               "point DomainTune at another file.";
    case SQLITE_FULL:
    case SQLITE_IOERR:
        return "Free disk space or check the storage device, then try again.";
    case SQLITE_CONSTRAINT:
        return "The data broke a rule of the history schema; this is a bug worth reporting.";
    default:
        return "";
    }
}

} // namespace

Database::Database(const std::string& path, const Options& options) : m_path(path)
{
    const int flags =
        (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &m_handle, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_handle ? sqlite3_errmsg(m_handle) : sqlite3_errstr(rc);
        close();
        throw Error(path, 0, "cannot open the history database (sqlite: " + message + ")",
                    adviceFor(rc));
    }
    sqlite3_extended_result_codes(m_handle, 1);
    sqlite3_busy_timeout(m_handle, options.busyTimeoutMs);
}

Database::~Database()
{
    close();
}

Database::Database(Database&& other) noexcept
    : m_handle(other.m_handle), m_path(std::move(other.m_path))
{
    other.m_handle = nullptr;
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_handle = other.m_handle;
        m_path = std::move(other.m_path);
        other.m_handle = nullptr;
    }
    return *this;
}

void Database::close() noexcept
{
    // Statements are RAII objects finalised before their Database goes; close_v2 defers the
    // close anyway should one outlive it.
    if (m_handle)
        sqlite3_close_v2(m_handle);
    m_handle = nullptr;
}

void Database::execute(const std::string& sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(m_handle, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw Error(m_path, 0, "cannot run \"" + sql.substr(0, 60) + "\" (sqlite: " + text + ")",
                    adviceFor(rc));
    }
}

Statement Database::prepare(const std::string& sql)
{
    return Statement(*this, sql);
}

std::string Database::queryText(const std::string& sql)
{
    Statement statement(*this, sql);
    return statement.step() ? statement.text(0) : std::string();
}

std::int64_t Database::queryInteger(const std::string& sql)
{
    Statement statement(*this, sql);
    return statement.step() ? statement.integer(0) : 0;
}

std::int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_handle);
}

int Database::changes() const
{
    return sqlite3_changes(m_handle);
}

int Database::userVersion()
{
    return static_cast<int>(queryInteger("PRAGMA user_version"));
}

void Database::setUserVersion(int version)
{
    execute("PRAGMA user_version = " + std::to_string(version));
}

void Database::fail(const std::string& what, int code) const
{
    const std::string message = m_handle ? sqlite3_errmsg(m_handle) : sqlite3_errstr(code);
    throw Error(m_path, 0, what + " (sqlite: " + message + ")", adviceFor(code));
}

} // namespace domaintune
