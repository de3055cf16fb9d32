#include "core/store/historyschema.h"

#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/transaction.h"

#include <string>

namespace domaintune::historyschema {
namespace {

constexpr const char* kStatusCheck =
    "CHECK (status IN ('queued','running','paused','completed','failed','cancelled',"
    "'interrupted'))";

// Tables shared by every version so far; a future change to them gets its own migration step.
const std::string kChildTablesDdl = R"(
CREATE TABLE metrics (
    run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    step      INTEGER NOT NULL,
    epoch     REAL    NOT NULL DEFAULT 0,
    value     REAL,             -- NULL stores NaN (SQLite has no NaN)
    wall_time REAL    NOT NULL,
    PRIMARY KEY (run_id, name, step)
) WITHOUT ROWID;
CREATE TABLE evaluations (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step       INTEGER NOT NULL,
    split      TEXT    NOT NULL DEFAULT 'validation',
    summary    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
    per_class  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(per_class)),
    confusion  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(confusion)),
    created_at INTEGER NOT NULL
);
CREATE INDEX evaluations_run ON evaluations(run_id, step);
CREATE TABLE artifacts (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    path       TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    sha256     TEXT    NOT NULL DEFAULT '',
    size       INTEGER NOT NULL DEFAULT 0,
    step       INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX artifacts_run ON artifacts(run_id, kind, step);
)";

std::string runsDdl(const std::string& extraColumns)
{
    return std::string(R"(
CREATE TABLE runs (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT    NOT NULL UNIQUE,
    name                TEXT    NOT NULL DEFAULT '',
    task                TEXT    NOT NULL DEFAULT '',
    domain              TEXT    NOT NULL DEFAULT '',
    status              TEXT    NOT NULL DEFAULT 'queued' )") +
           kStatusCheck + R"(,
    created_at          INTEGER NOT NULL,
    started_at          INTEGER,
    ended_at            INTEGER,
    notes               TEXT    NOT NULL DEFAULT '',
    spec                TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(spec)),
    parent_id           INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    model_path          TEXT    NOT NULL DEFAULT '',
    model_fingerprint   TEXT    NOT NULL DEFAULT '',
    dataset_fingerprint TEXT    NOT NULL DEFAULT '',
    dataset_stats       TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(dataset_stats)))" +
           extraColumns + R"(
);
CREATE INDEX runs_created ON runs(created_at);
)";
}

// v2's additions, used both by create() and by the v1 -> v2 migration.
const std::string kVersion2Tables = R"(
CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    tag    TEXT    NOT NULL,
    PRIMARY KEY (run_id, tag)
) WITHOUT ROWID;
CREATE INDEX run_tags_tag ON run_tags(tag);
CREATE INDEX runs_status ON runs(status);
)";

// v3: where each run's base model came from (modelProvenance()).
const std::string kModelSourceColumn =
    "model_source TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(model_source))";

void migrateFrom1(Database& database)
{
    // Runs left "running" by a v1 build have no heartbeat; pid 0 marks them as owned by no live
    // process, so the first open after the upgrade reports them interrupted.
    database.execute("ALTER TABLE runs ADD COLUMN host TEXT NOT NULL DEFAULT '';"
                     "ALTER TABLE runs ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;"
                     "ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER;" +
                     kVersion2Tables);
}

void migrateFrom2(Database& database)
{
    // SQLite checks every CHECK of the table against existing rows when a column with a CHECK is
    // added: one damaged row (reported and skipped when listing) must not make the whole
    // history unopenable, so the new column's default is taken as valid without the scan.
    database.execute("PRAGMA ignore_check_constraints = ON");
    try {
        database.execute("ALTER TABLE runs ADD COLUMN " + kModelSourceColumn + ";");
    } catch (...) {
        database.execute("PRAGMA ignore_check_constraints = OFF");
        throw;
    }
    database.execute("PRAGMA ignore_check_constraints = OFF");
}

bool isEmpty(Database& database)
{
    return database.queryInteger("SELECT count(*) FROM sqlite_master") == 0;
}

} // namespace

void createVersion1(Database& database)
{
    database.execute("PRAGMA application_id = " + std::to_string(ApplicationId));
    database.execute(runsDdl("") + kChildTablesDdl);
    database.setUserVersion(1);
}

void create(Database& database)
{
    database.execute("PRAGMA application_id = " + std::to_string(ApplicationId));
    database.execute(runsDdl(",\n    host TEXT NOT NULL DEFAULT '',\n"
                             "    pid INTEGER NOT NULL DEFAULT 0,\n"
                             "    heartbeat_at INTEGER,\n    " +
                             kModelSourceColumn) +
                     kChildTablesDdl + kVersion2Tables);
    database.setUserVersion(CurrentVersion);
}

void migrate(Database& database, int from)
{
    for (int version = from; version < CurrentVersion; ++version) {
        switch (version) {
        case 1:
            migrateFrom1(database);
            break;
        case 2:
            migrateFrom2(database);
            break;
        default:
            throw Error(database.path(), 0,
                        "no migration from history schema version " + std::to_string(version),
                        "This file was not written by a DomainTune release; use another file.");
        }
        database.setUserVersion(version + 1);
    }
}

void prepare(Database& database)
{
    if (database.userVersion() == CurrentVersion)
        return; // the common case, without taking the write lock
    Transaction transaction(database);
    const int version = database.userVersion();
    const auto application = database.queryInteger("PRAGMA application_id");
    if (version == 0 && isEmpty(database)) {
        create(database);
    } else if (application != ApplicationId) {
        throw Error(database.path(), 0, "this SQLite file is not a DomainTune run history",
                    "Point --history (or DOMAINTUNE_HISTORY) at a history file or a new path.");
    } else if (version > CurrentVersion) {
        throw Error(database.path(), 0,
                    "the history was written by a newer DomainTune (schema version " +
                        std::to_string(version) + ", this build knows up to " +
                        std::to_string(CurrentVersion) + ")",
                    "Upgrade DomainTune to open it; it was left unchanged.");
    } else if (version < CurrentVersion) {
        migrate(database, version);
    }
    transaction.commit();
}

} // namespace domaintune::historyschema
