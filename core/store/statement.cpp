#include "core/store/statement.h"

#include "core/store/database.h"

#include <sqlite3.h>

namespace domaintune {

Statement::Statement(Database& database, const std::string& sql) : m_database(&database)
{
    const int rc = sqlite3_prepare_v2(database.handle(), sql.c_str(), static_cast<int>(sql.size()),
                                      &m_handle, nullptr);
    if (rc != SQLITE_OK)
        database.fail("cannot prepare \"" + sql.substr(0, 80) + "\"", rc);
}

Statement::~Statement()
{
    sqlite3_finalize(m_handle);
}

Statement::Statement(Statement&& other) noexcept
    : m_handle(other.m_handle), m_database(other.m_database)
{
    other.m_handle = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(m_handle, index, value);
    if (rc != SQLITE_OK)
        m_database->fail("cannot bind parameter " + std::to_string(index), rc);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(m_handle, index, value);
    if (rc != SQLITE_OK)
        m_database->fail("cannot bind parameter " + std::to_string(index), rc);
    return *this;
}

Statement& Statement::bind(int index, const std::string& value)
{
    const int rc = sqlite3_bind_text64(m_handle, index, value.data(), value.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        m_database->fail("cannot bind parameter " + std::to_string(index), rc);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_handle, index);
    if (rc != SQLITE_OK)
        m_database->fail("cannot bind parameter " + std::to_string(index), rc);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_handle);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const std::string sql = sqlite3_sql(m_handle) ? sqlite3_sql(m_handle) : "";
    sqlite3_reset(m_handle);
    m_database->fail("cannot run \"" + sql.substr(0, 80) + "\"", rc);
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_handle);
    sqlite3_clear_bindings(m_handle);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_handle, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_handle, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_handle, column);
}

std::string Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_handle, column));
    const int size = sqlite3_column_bytes(m_handle, column);
    return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::optional<std::int64_t> Statement::optionalInteger(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return integer(column);
}

} // namespace domaintune
