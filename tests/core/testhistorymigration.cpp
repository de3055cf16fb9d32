// Migration from the first schema: a version-1 history is built in the test through the v1
// create path (the DDL the first release shipped, kept in historyschema.cpp) and filled with
// data as a v1 build wrote it; opening it with the current RunStore must keep every row and add
// what version 2 brought (tags, liveness columns).
#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/historyschema.h"
#include "core/store/runstore.h"
#include "core/store/statement.h"
#include "core/store/transaction.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune;

namespace {

void writeVersion1Fixture(const std::string& path, const std::string& extraSql = {})
{
    Database db(path);
    Transaction transaction(db);
    historyschema::createVersion1(db);
    db.execute(R"(
INSERT INTO runs (id, uuid, name, task, domain, status, created_at, started_at, ended_at, notes,
                  spec, model_path, model_fingerprint, dataset_fingerprint, dataset_stats)
VALUES (1, '11111111-1111-4111-8111-111111111111', 'v1 done', 'seq-cls', 'finance', 'completed',
        1000, 1001, 2000, 'from v1', '{"lr":0.01}', '/models/bert', 'm1', 'd1', '{"rows":10}'),
       (2, '22222222-2222-4222-8222-222222222222', 'v1 crashed', 'mlm', 'law', 'running',
        3000, 3001, NULL, '', '{}', '', '', '', '{}');
INSERT INTO metrics (run_id, name, step, epoch, value, wall_time)
VALUES (1, 'loss', 1, 0.1, 0.9, 1001.5), (1, 'loss', 2, 0.2, 0.7, 1002.5),
       (2, 'loss', 1, 0.1, 1.5, 3001.5);
INSERT INTO evaluations (run_id, step, per_class, confusion, created_at)
VALUES (1, 2, '[{"label":"a"}]', '{"matrix":[[1]]}', 1999);
INSERT INTO artifacts (run_id, path, kind, sha256, size, step, created_at)
VALUES (2, '/ckpt/1', 'checkpoint', 'ab', 12, 1, 3002);
)" + extraSql);
    transaction.commit();
}

std::vector<std::string> schemaOf(Database& db)
{
    std::vector<std::string> out;
    Statement tables(db, "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_master m, "
                         "pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY 1, p.cid");
    while (tables.step())
        out.push_back(tables.text(0) + "." + tables.text(1) + " " + tables.text(2) + " " +
                      tables.text(3) + tables.text(4));
    Statement indexes(db, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY 1");
    while (indexes.step())
        out.push_back("index " + indexes.text(0));
    return out;
}

} // namespace

class TestHistoryMigration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string file(const char* name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void version1DataSurvivesTheUpgrade()
    {
        const std::string path = file("v1.sqlite");
        writeVersion1Fixture(path);
        {
            Database raw(path);
            QCOMPARE(raw.userVersion(), 1);
            QCOMPARE(raw.queryInteger("SELECT count(*) FROM pragma_table_info('runs') "
                                      "WHERE name = 'heartbeat_at'"),
                     0);
        }
        RunStore store(path);
        QCOMPARE(store.database().userVersion(), historyschema::CurrentVersion);
        const RunRecord done = store.requireRun(1);
        QCOMPARE(done.name, std::string("v1 done"));
        QCOMPARE(done.notes, std::string("from v1"));
        QCOMPARE(done.specJson, std::string(R"({"lr":0.01})"));
        QCOMPARE(done.endedAt.value_or(0), std::int64_t(2000));
        QVERIFY(done.tags.empty());
        QCOMPARE(store.metrics(1, "loss").size(), std::size_t(2));
        QCOMPARE(store.evaluations(1).at(0).confusionJson, std::string(R"({"matrix":[[1]]})"));

        // A run a v1 build left "running" has no owner process: reported interrupted, with
        // its checkpoint offered for resume.
        QCOMPARE(store.requireRun(2).status, RunStatus::Interrupted);
        QCOMPARE(store.lastCheckpoint(2)->path, std::string("/ckpt/1"));

        // What v2 added works on the migrated file.
        store.setTags(1, {"migrated"});
        RunFilter filter;
        filter.tag = "migrated";
        QCOMPARE(store.listRuns(filter).size(), std::size_t(1));
        store.heartbeat(1);
        QVERIFY(store.requireRun(1).heartbeatAt.has_value());
    }

    void migratedSchemaEqualsAFreshOne()
    {
        const std::string migrated = file("migrated.sqlite");
        writeVersion1Fixture(migrated);
        RunStore upgraded(migrated);
        RunStore fresh(file("fresh.sqlite"));
        const auto want = schemaOf(fresh.database());
        QVERIFY(!want.empty());
        QCOMPARE(schemaOf(upgraded.database()), want);
    }

    // A version-2 history (as the previous release wrote it: no model_source column) keeps its
    // runs and gains the column with "{}" for them; new runs store where their model came from.
    void version2GainsTheModelSource()
    {
        const std::string path = file("v2.sqlite");
        {
            RunStore fresh(path);
            RunRecord run;
            run.name = "v2 run";
            run.modelPath = "/models/bert";
            fresh.createRun(run);
        }
        {
            RunStore fresh(path);
            RunRecord run;
            run.name = "damaged";
            fresh.createRun(run);
        }
        {
            Database raw(path);
            raw.execute("ALTER TABLE runs DROP COLUMN model_source");
            raw.setUserVersion(2);
            // One damaged row (checks off, as a hand edit) must not block the upgrade.
            raw.execute("PRAGMA ignore_check_constraints = ON");
            raw.execute("UPDATE runs SET spec = '{not json' WHERE id = 2");
        }
        RunStore store(path);
        QCOMPARE(store.database().userVersion(), 3);
        const RunRecord old = store.requireRun(1);
        QCOMPARE(old.name, std::string("v2 run"));
        QCOMPARE(old.modelSourceJson, std::string("{}"));
        QCOMPARE(store.requireRun(2).specJson, std::string("{not json"));
        RunRecord run;
        run.modelSourceJson = R"({"kind":"folder","path":"/m"})";
        const auto id = store.createRun(run);
        QCOMPARE(store.requireRun(id).modelSourceJson, run.modelSourceJson);
        RunStore fresh(file("fresh-v3.sqlite"));
        QCOMPARE(schemaOf(store.database()), schemaOf(fresh.database()));
    }

    void failedMigrationChangesNothing()
    {
        // A table v2 wants to create already exists: the migration fails part-way and the
        // transaction must leave the file exactly at version 1.
        const std::string path = file("blocked.sqlite");
        writeVersion1Fixture(path, "CREATE TABLE run_tags (x INTEGER);");
        try {
            RunStore store(path);
            QFAIL("the migration did not fail");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("blocked.sqlite") != std::string::npos, e.what());
        }
        Database raw(path);
        QCOMPARE(raw.userVersion(), 1);
        QCOMPARE(raw.queryInteger("SELECT count(*) FROM pragma_table_info('runs') WHERE name = "
                                  "'host'"),
                 0);
        QCOMPARE(raw.queryInteger("SELECT count(*) FROM runs"), 2);
    }
};

QTEST_APPLESS_MAIN(TestHistoryMigration)
#include "testhistorymigration.moc"
