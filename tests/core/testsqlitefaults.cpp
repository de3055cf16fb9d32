// SQLite I/O errors and a full disk under the history (issue #21, fault injection): a VFS shim
// registered as SQLite's default wraps the real one and makes the Nth write, sync or truncate
// fail (SQLITE_FULL, or SQLITE_IOERR). Every history operation is run with the failure at
// every position it writes: each either completes or throws domaintune::Error that names the
// file and says to free disk space, never another exception; afterwards (the fault gone) the
// database passes integrity_check and holds each operation's data whole or not at all.
#include "core/common/error.h"
#include "core/store/database.h"
#include "core/store/runbundle.h"
#include "core/store/runstore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

using namespace domaintune;
namespace fs = std::filesystem;

namespace {

/** The fault: the write, sync or truncate number `failAt` (0-based, counted from arm()) fails. */
struct Fault
{
    int failAt = -1; ///< < 0: nothing fails.
    int calls = 0;
    int code = SQLITE_FULL;
    bool fired = false;
    void arm(int at, int errorCode)
    {
        failAt = at;
        calls = 0;
        code = errorCode;
        fired = false;
    }
    void disarm() { failAt = -1; }
    bool trip()
    {
        if (failAt < 0 || calls++ != failAt)
            return false;
        fired = true;
        return true;
    }
};
Fault g_fault;
sqlite3_vfs* g_real = nullptr;

struct ShimFile
{
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* file)
{
    return reinterpret_cast<ShimFile*>(file)->real;
}

int shimClose(sqlite3_file* f)
{
    return real(f)->pMethods->xClose(real(f));
}
int shimRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset)
{
    return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
}
int shimWrite(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset)
{
    if (g_fault.trip())
        return g_fault.code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    return real(f)->pMethods->xWrite(real(f), buffer, amount, offset);
}
int shimTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    if (g_fault.trip())
        return SQLITE_IOERR_TRUNCATE;
    return real(f)->pMethods->xTruncate(real(f), size);
}
int shimSync(sqlite3_file* f, int flags)
{
    if (g_fault.trip())
        return SQLITE_IOERR_FSYNC;
    return real(f)->pMethods->xSync(real(f), flags);
}
int shimFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int shimLock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xLock(real(f), level);
}
int shimUnlock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xUnlock(real(f), level);
}
int shimCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int shimFileControl(sqlite3_file* f, int op, void* arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int shimSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int shimDeviceCharacteristics(sqlite3_file* f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int shimShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int shimShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void shimShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int shimShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int shimFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out)
{
    return real(f)->pMethods->xFetch(real(f), offset, amount, out);
}
int shimUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page)
{
    return real(f)->pMethods->xUnfetch(real(f), offset, page);
}

const sqlite3_io_methods kShimMethods = {3,
                                         shimClose,
                                         shimRead,
                                         shimWrite,
                                         shimTruncate,
                                         shimSync,
                                         shimFileSize,
                                         shimLock,
                                         shimUnlock,
                                         shimCheckReservedLock,
                                         shimFileControl,
                                         shimSectorSize,
                                         shimDeviceCharacteristics,
                                         shimShmMap,
                                         shimShmLock,
                                         shimShmBarrier,
                                         shimShmUnmap,
                                         shimFetch,
                                         shimUnfetch};

int shimOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    auto* shim = reinterpret_cast<ShimFile*>(file);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    const int rc = g_real->xOpen(g_real, name, shim->real, flags, outFlags);
    file->pMethods = shim->real->pMethods ? &kShimMethods : nullptr;
    return rc;
}
int shimDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    return g_real->xDelete(g_real, name, syncDir);
}
int shimAccess(sqlite3_vfs*, const char* name, int flags, int* out)
{
    return g_real->xAccess(g_real, name, flags, out);
}
int shimFullPathname(sqlite3_vfs*, const char* name, int size, char* out)
{
    return g_real->xFullPathname(g_real, name, size, out);
}
int shimRandomness(sqlite3_vfs*, int size, char* out)
{
    return g_real->xRandomness(g_real, size, out);
}
int shimSleep(sqlite3_vfs*, int microseconds)
{
    return g_real->xSleep(g_real, microseconds);
}
int shimCurrentTime(sqlite3_vfs*, double* out)
{
    return g_real->xCurrentTime(g_real, out);
}
int shimGetLastError(sqlite3_vfs*, int size, char* out)
{
    return g_real->xGetLastError(g_real, size, out);
}
int shimCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out)
{
    return g_real->xCurrentTimeInt64(g_real, out);
}

sqlite3_vfs g_shim;

/** Makes the shim SQLite's default VFS, so that the product's connections go through it. */
void registerShim()
{
    g_real = sqlite3_vfs_find(nullptr);
    g_shim = sqlite3_vfs{};
    g_shim.iVersion = 2;
    g_shim.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
    g_shim.mxPathname = g_real->mxPathname;
    g_shim.zName = "faulty";
    g_shim.xOpen = shimOpen;
    g_shim.xDelete = shimDelete;
    g_shim.xAccess = shimAccess;
    g_shim.xFullPathname = shimFullPathname;
    g_shim.xRandomness = shimRandomness;
    g_shim.xSleep = shimSleep;
    g_shim.xCurrentTime = shimCurrentTime;
    g_shim.xGetLastError = shimGetLastError;
    g_shim.xCurrentTimeInt64 = shimCurrentTimeInt64;
    sqlite3_vfs_register(&g_shim, /*makeDefault=*/1);
}

RunRecord sampleRun(const std::string& name)
{
    RunRecord run;
    run.name = name;
    run.task = "seq-cls";
    run.domain = "finance";
    run.specJson = nlohmann::json{{"name", name}, {"task", "seq-cls"}}.dump();
    return run;
}

std::vector<MetricPoint> samplePoints(int count)
{
    std::vector<MetricPoint> points;
    for (int step = 1; step <= count; ++step) {
        MetricPoint point;
        point.name = "train/loss";
        point.step = step;
        point.value = 1.0 / step;
        points.push_back(point);
    }
    return points;
}

/** What the history holds of the runs (count, metric points), to tell whole from partial. */
struct Census
{
    std::int64_t runs = 0, points = 0, evaluations = 0;
    bool operator==(const Census& other) const
    {
        return runs == other.runs && points == other.points && evaluations == other.evaluations;
    }
};

Census census(const std::string& path)
{
    Database database(path);
    Census result;
    result.runs = database.queryInteger("SELECT COUNT(*) FROM runs");
    result.points = database.queryInteger("SELECT COUNT(*) FROM metrics");
    result.evaluations = database.queryInteger("SELECT COUNT(*) FROM evaluations");
    return result;
}

} // namespace

class TestSqliteFaults : public QObject
{
    Q_OBJECT

private:
    /**
     * Runs @p operation on a copy of @p seed with the fault at each write position in turn
     * (until one run completes without the fault firing). Each time: a domaintune::Error that
     * names the history and advises on disk space, or success; then the copy passes
     * integrity_check and holds either @p before's census or @p after's.
     */
    void sweep(const QString& label, const std::string& seed,
               const std::function<void(RunStore&)>& operation, int errorCode)
    {
        QTemporaryDir dir;
        const Census before = census(seed);
        Census after;
        {
            const std::string copy = dir.filePath("clean.sqlite").toStdString();
            fs::copy_file(seed, copy);
            RunStore store(copy);
            operation(store);
            after = census(copy);
        }
        QVERIFY2(!(before == after), qPrintable(label + ": the operation wrote nothing"));
        int failures = 0;
        for (int at = 0;; ++at) {
            QVERIFY2(at < 500, qPrintable(label + ": more than 500 writes"));
            const std::string copy =
                dir.filePath(QStringLiteral("fault-%1.sqlite").arg(at)).toStdString();
            fs::copy_file(seed, copy);
            bool threw = false;
            try {
                RunStore store(copy);
                g_fault.arm(at, errorCode);
                operation(store);
            } catch (const Error& e) {
                threw = true;
                const QString message = QString::fromUtf8(e.what());
                QVERIFY2(message.contains(QString::fromStdString(fs::path(copy).filename())),
                         qPrintable(label + ": " + message));
                QVERIFY2(message.contains(QStringLiteral("disk space")) ||
                             message.contains(QStringLiteral("storage device")),
                         qPrintable(label + ": " + message));
            } catch (const std::exception& e) {
                g_fault.disarm();
                QFAIL(qPrintable(label + QStringLiteral(": write %1 failed with a raw error: %2")
                                             .arg(at)
                                             .arg(QString::fromUtf8(e.what()))));
            }
            const bool fired = g_fault.fired;
            g_fault.disarm();
            failures += threw ? 1 : 0;
            {
                Database database(copy);
                QCOMPARE(QString::fromStdString(database.queryText("PRAGMA integrity_check")),
                         QStringLiteral("ok"));
            }
            const Census now = census(copy);
            QVERIFY2(now == before || now == after,
                     qPrintable(label + QStringLiteral(": write %1 left %2 runs, %3 points, %4 "
                                                       "evaluations")
                                            .arg(at)
                                            .arg(now.runs)
                                            .arg(now.points)
                                            .arg(now.evaluations)));
            if (threw)
                QVERIFY2(now == before, qPrintable(label + ": an error, yet the data is there"));
            if (!fired) { // the operation needs fewer writes than this: every position was tried
                qInfo("%s: %d write positions, %d failed the operation", qPrintable(label), at,
                      failures);
                break;
            }
        }
        QVERIFY2(failures > 0, qPrintable(label + ": no injected failure reached the caller"));
    }

private slots:
    void initTestCase() { registerShim(); }

    void historyOperationsSurviveAFullDiskAndIoErrors()
    {
        QTemporaryDir dir;
        const std::string seed = dir.filePath("seed.sqlite").toStdString();
        std::int64_t runId = 0;
        {
            RunStore store(seed);
            runId = store.createRun(sampleRun("existing"));
        }
        for (const int code : {SQLITE_FULL, SQLITE_IOERR}) {
            const QString kind =
                code == SQLITE_FULL ? QStringLiteral("disk full") : QStringLiteral("I/O error");
            sweep(
                kind + QStringLiteral(", run creation"), seed,
                [](RunStore& store) { store.createRun(sampleRun("new")); }, code);
            sweep(
                kind + QStringLiteral(", metric logging"), seed,
                [runId](RunStore& store) { store.appendMetrics(runId, samplePoints(50)); }, code);
            sweep(
                kind + QStringLiteral(", evaluation"), seed,
                [runId](RunStore& store) {
                    EvaluationRecord evaluation;
                    evaluation.runId = runId;
                    evaluation.step = 10;
                    evaluation.summaryJson = R"({"f1_macro": 0.5})";
                    store.addEvaluation(evaluation);
                },
                code);
        }
    }

    void bundleImportSurvivesAFullDisk()
    {
        QTemporaryDir dir;
        const std::string source = dir.filePath("source.sqlite").toStdString();
        const std::string bundle = dir.filePath("runs.dtbundle").toStdString();
        {
            RunStore store(source);
            std::vector<std::int64_t> ids;
            for (int i = 0; i < 3; ++i) {
                ids.push_back(store.createRun(sampleRun("shared " + std::to_string(i))));
                store.appendMetrics(ids.back(), samplePoints(20));
            }
            exportRuns(store, ids, bundle);
        }
        const std::string seed = dir.filePath("target.sqlite").toStdString();
        RunStore(seed).createRun(sampleRun("mine"));
        sweep(
            QStringLiteral("bundle import"), seed,
            [&bundle](RunStore& store) { importBundle(store, bundle); }, SQLITE_FULL);
    }
};

QTEST_GUILESS_MAIN(TestSqliteFaults)
#include "testsqlitefaults.moc"
