#pragma once

#include <string>

namespace domaintune {

class Database;

/**
 * A transaction that rolls back unless commit() was called (RAII).
 *
 * Outermost, it is BEGIN ... COMMIT; inside another transaction on the same connection it
 * becomes a SAVEPOINT, so RunStore's writes compose (a bundle import runs many of them in one
 * transaction). Writers use Mode::Immediate: the write lock is taken at BEGIN, where the busy
 * timeout applies, instead of on the first write, where SQLite cannot wait for a reader to
 * finish upgrading and reports SQLITE_BUSY at once.
 * Thread affinity: the thread that owns the Database.
 */
class Transaction
{
public:
    enum class Mode
    {
        Deferred, ///< Read transaction (a consistent snapshot for multi-statement reads).
        Immediate ///< Write transaction.
    };

    /** Begins a transaction (or a savepoint when one is open) on @p database. */
    explicit Transaction(Database& database, Mode mode = Mode::Immediate);
    /** Rolls back when commit() was not reached (an exception unwound past it). Never throws. */
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /** Commits (or releases the savepoint); throws domaintune::Error on failure. */
    void commit();

private:
    Database& m_database;
    std::string m_savepoint; ///< Empty for an outermost transaction.
    bool m_open = true;
};

} // namespace domaintune
