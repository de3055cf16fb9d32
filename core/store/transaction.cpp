#include "core/store/transaction.h"

#include "core/store/database.h"

#include <atomic>
#include <sqlite3.h>

namespace domaintune {

Transaction::Transaction(Database& database, Mode mode) : m_database(database)
{
    if (sqlite3_get_autocommit(m_database.handle()) == 0) {
        static std::atomic<unsigned> counter{0};
        m_savepoint = "dt_savepoint_" + std::to_string(++counter);
        m_database.execute("SAVEPOINT " + m_savepoint);
        return;
    }
    m_database.execute(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction()
{
    if (!m_open || sqlite3_get_autocommit(m_database.handle()) != 0)
        return;
    const std::string sql = m_savepoint.empty()
                                ? std::string("ROLLBACK")
                                : "ROLLBACK TO " + m_savepoint + "; RELEASE " + m_savepoint;
    sqlite3_exec(m_database.handle(), sql.c_str(), nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_database.execute(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
    m_open = false;
}

} // namespace domaintune
