#pragma once

namespace domaintune {

class Database;

/**
 * The history database's schema: its stored version (PRAGMA user_version), the DDL that creates
 * the current version, and forward migrations from every earlier one. Each past version's
 * create statement stays here as history, so tests can build a file exactly as an old release
 * did and migrate it.
 *
 *   v1  runs, metrics, evaluations, artifacts.
 *   v2  run_tags; runs.host, runs.pid, runs.heartbeat_at (liveness); index on runs.status.
 *
 * All functions run on the caller's thread, on the caller's connection.
 */
namespace historyschema {

/** The version this build writes. */
constexpr int CurrentVersion = 3;
/** PRAGMA application_id of a DomainTune history ("DTnh"). */
constexpr int ApplicationId = 0x44546e68;

/**
 * Brings @p database to CurrentVersion inside one IMMEDIATE transaction: creates an empty file,
 * migrates an older one, leaves a current one alone. Throws domaintune::Error (and changes
 * nothing) for a file from a newer DomainTune or a SQLite file that is not a history.
 */
void prepare(Database& database);

/** Creates the current schema in an empty database (inside the caller's transaction). */
void create(Database& database);

/** Creates the version-1 schema, as the first release did (inside the caller's transaction). */
void createVersion1(Database& database);

/** Migrates from version @p from to CurrentVersion, one step at a time (caller's transaction). */
void migrate(Database& database, int from);

} // namespace historyschema
} // namespace domaintune
