// The RAII layer over sqlite3 (Database, Statement, Transaction) and the history's connection
// settings (WAL, foreign keys, busy timeout), on real files in a temporary folder.
#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/historyschema.h"
#include "core/store/runstore.h"
#include "core/store/sha256.h"
#include "core/store/statement.h"
#include "core/store/transaction.h"

#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>

using namespace domaintune;

class TestStoreDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string file(const char* name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void transactionRollsBackWhenUnwound()
    {
        Database db(file("rollback.sqlite"));
        db.execute("CREATE TABLE t (x INTEGER)");
        try {
            Transaction transaction(db);
            db.execute("INSERT INTO t VALUES (1)");
            throw std::runtime_error("boom");
        } catch (const std::runtime_error&) {
        }
        QCOMPARE(db.queryInteger("SELECT count(*) FROM t"), 0);
        {
            Transaction transaction(db);
            db.prepare("INSERT INTO t VALUES (?)").bind(1, 7).run();
            transaction.commit();
        }
        QCOMPARE(db.queryInteger("SELECT sum(x) FROM t"), 7);
    }

    void statementBindsAndReadsEveryType()
    {
        Database db(file("types.sqlite"));
        db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n INTEGER)");
        db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)")
            .bind(1, std::int64_t(1) << 40)
            .bind(2, 2.5)
            .bind(3, std::string("naïve \0x", 9))
            .bind(4, std::optional<std::int64_t>())
            .run();
        Statement select(db, "SELECT i, r, s, n FROM t");
        QVERIFY(select.step());
        QCOMPARE(select.integer(0), std::int64_t(1) << 40);
        QCOMPARE(select.real(1), 2.5);
        QCOMPARE(select.text(2), std::string("naïve \0x", 9));
        QVERIFY(select.isNull(3));
        QVERIFY(!select.optionalInteger(3));
        QVERIFY(!select.step());
    }

    void errorsNameTheFileAndSqlitesMessage()
    {
        Database db(file("errors.sqlite"));
        try {
            db.execute("SELEKT 1");
            QFAIL("bad SQL was accepted");
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("errors.sqlite") != std::string::npos, e.what());
            QVERIFY2(message.find("sqlite: ") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, Database("/proc/no/such/dir/x.sqlite"));
    }

    void historyUsesWalForeignKeysAndVersion()
    {
        RunStore store(file("settings.sqlite"));
        QCOMPARE(store.journalMode(), std::string("wal"));
        QCOMPARE(store.database().queryInteger("PRAGMA foreign_keys"), 1);
        QCOMPARE(store.database().userVersion(), historyschema::CurrentVersion);
        QCOMPARE(store.database().queryInteger("PRAGMA application_id"),
                 std::int64_t(historyschema::ApplicationId));
        QVERIFY(store.warnings().empty());
    }

    void busyWriterIsReportedAfterTheTimeout()
    {
        RunStore holder(file("busy.sqlite"));
        Transaction lock(holder.database());
        RunStore::Options options;
        options.busyTimeoutMs = 200;
        RunStore other(file("busy.sqlite"), options);
        QElapsedTimer timer;
        timer.start();
        try {
            other.createRun(RunRecord());
            QFAIL("a second writer got the lock");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("Another DomainTune process") != std::string::npos,
                     e.what());
        }
        QVERIFY(timer.elapsed() >= 150);
        QVERIFY(other.listRuns().empty()); // readers are not blocked in WAL mode
    }

    void refusesForeignAndNewerFiles()
    {
        {
            Database foreign(file("foreign.sqlite"));
            foreign.execute("CREATE TABLE photos (id INTEGER)");
        }
        QVERIFY_THROWS_EXCEPTION(Error, RunStore(file("foreign.sqlite")));
        {
            RunStore store(file("newer.sqlite"));
            store.database().setUserVersion(historyschema::CurrentVersion + 1);
        }
        try {
            RunStore store(file("newer.sqlite"));
            QFAIL("a newer schema was opened");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("newer DomainTune") != std::string::npos, e.what());
        }
    }

    void sha256MatchesTheStandardVectors()
    {
        QCOMPARE(Sha256::hex(""),
                 std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(Sha256::hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(Sha256::hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        Sha256 million;
        const std::string chunk(1000, 'a');
        for (int i = 0; i < 1000; ++i)
            million.update(chunk);
        QCOMPARE(million.hexDigest(),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }
};

QTEST_APPLESS_MAIN(TestStoreDatabase)
#include "teststoredatabase.moc"
