// Run bundles: export → import round trip between two real history files, duplicates skipped,
// ids remapped, and tampered bundles refused with a clear message and no change at all.
#include "core/common/error.h"
#include "core/store/bundleformat.h"
#include "core/store/runbundle.h"
#include "core/store/runstore.h"
#include "core/store/sha256.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

using namespace domaintune;

namespace {

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeAll(const std::string& path, const std::string& data)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

std::string littleEndian(std::uint64_t value, int bytes)
{
    std::string out;
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
    return out;
}

// Builds a bundle by hand, so tests can write what BundleWriter refuses to.
std::string craftBundle(const std::vector<std::pair<std::string, std::string>>& members,
                        int version = 1)
{
    nlohmann::json list = nlohmann::json::array();
    std::string data;
    for (const auto& [name, bytes] : members) {
        list.push_back({{"name", name}, {"size", bytes.size()}, {"sha256", Sha256::hex(bytes)}});
        data += bytes;
    }
    const std::string manifest = nlohmann::json{
        {"format", "domaintune-run-bundle"},
        {"format_version", version},
        {"members", list}}.dump();
    return std::string("DTBUNDLE", 8) + littleEndian(version, 4) +
           littleEndian(manifest.size(), 8) + manifest + data;
}

const char* kUuid = "0123abcd-0000-4000-8000-00000000beef";

/** A minimal valid run.json for @p uuid with @p artifacts. */
std::string runJsonWith(const std::string& uuid, const nlohmann::json& artifacts,
                        const nlohmann::json& stats = nlohmann::json::object())
{
    const nlohmann::json run = {{"uuid", uuid},
                                {"name", "n"},
                                {"task", ""},
                                {"domain", ""},
                                {"status", "completed"},
                                {"created_at", 1},
                                {"notes", ""},
                                {"tags", nlohmann::json::array()},
                                {"spec", {{"a", 1}}},
                                {"model_path", ""},
                                {"model_fingerprint", uuid},
                                {"dataset_fingerprint", ""},
                                {"dataset_stats", stats}};
    return nlohmann::json{{"run", run}, {"artifacts", artifacts}}.dump();
}

nlohmann::json artifactAt(const std::string& path)
{
    return {{"path", path}, {"kind", "model"}, {"sha256", ""},
            {"size", 0},    {"step", nullptr}, {"created_at", 1}};
}

} // namespace

class TestRunBundle : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_good; // a valid bundle made by seedAndExport()
    std::string file(const std::string& name) const
    {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }

private slots:
    void initTestCase()
    {
        RunStore store(file("source.sqlite"));
        RunRecord parent;
        parent.name = "baseline";
        parent.specJson = R"({"lr": 0.1})";
        parent.modelFingerprint = "model-1";
        const auto parentId = store.createRun(parent);
        RunRecord child = parent;
        child.name = "resumed";
        child.parentId = parentId;
        child.status = RunStatus::Running;
        const auto childId = store.createRun(child);
        std::vector<MetricPoint> points;
        for (int step = 0; step < 100; ++step)
            points.push_back({step, step / 10.0, "loss", 1.0 / (step + 1), 1e9 + step});
        points.push_back({5, 0.5, "f1", std::nan(""), 1e9});
        store.appendMetrics(childId, points);
        EvaluationRecord evaluation;
        evaluation.runId = childId;
        evaluation.confusionJson = R"({"matrix": [[3, 1], [0, 4]]})";
        store.addEvaluation(evaluation);
        QDir(m_dir.path()).mkpath("ckpt/dir");
        writeAll(file("ckpt/weights.bin"), std::string(100000, 'w'));
        writeAll(file("ckpt/dir/config.json"), "{}");
        store.addArtifact({0, childId, file("ckpt/weights.bin"), "checkpoint", "x", 100000, 50});
        store.addArtifact({0, childId, file("ckpt/dir"), "model", "", 0, 99});
        m_good = file("good.dtbundle");
        const auto report = exportRuns(store, {childId, parentId}, m_good, {true});
        QCOMPARE(report.runs, std::int64_t(2));
        QCOMPARE(report.files, std::int64_t(2));
    }

    void roundTripRemapsIdsAndKeepsEverything()
    {
        RunStore target(file("target.sqlite"));
        RunRecord local;
        local.name = "already here";
        target.createRun(local);
        target.createRun(local);
        BundleImportOptions options;
        options.filesDirectory = file("imported-files");
        const auto report = importBundle(target, m_good, options);
        QCOMPARE(report.imported.size(), std::size_t(2));
        QCOMPARE(report.files, std::int64_t(2));
        QVERIFY(report.skipped.empty());

        const RunRecord child = target.requireRun(report.imported[0].id);
        QCOMPARE(child.name, std::string("resumed"));
        QVERIFY(child.id > 2);                          // new ids, after the local runs
        QCOMPARE(child.status, RunStatus::Interrupted); // no live process here
        QCOMPARE(target.requireRun(*child.parentId).name, std::string("baseline"));
        QCOMPARE(target.metrics(child.id, "loss").size(), std::size_t(100));
        QCOMPARE(target.metrics(child.id, "loss")[99].wallTime, 1e9 + 99);
        QVERIFY(std::isnan(target.metrics(child.id, "f1")[0].value));
        QCOMPARE(target.evaluations(child.id).at(0).confusionJson,
                 std::string(R"({"matrix":[[3,1],[0,4]]})"));
        const auto checkpoint = target.lastCheckpoint(child.id);
        QVERIFY(checkpoint.has_value());
        QVERIFY(checkpoint->path.rfind(options.filesDirectory, 0) == 0);
        QCOMPARE(readAll(checkpoint->path), std::string(100000, 'w'));
        const auto model = target.artifacts(child.id).at(1);
        QCOMPARE(readAll(model.path + "/config.json"), std::string("{}"));

        const auto again = importBundle(target, m_good, options);
        QVERIFY(again.imported.empty());
        QCOMPARE(again.skipped.size(), std::size_t(2));
        QCOMPARE(again.skipped[0].id, child.id);
        QCOMPARE(target.listRuns().size(), std::size_t(4));
    }

    void sameRunUnderAnotherUuidIsSkippedByFingerprint()
    {
        const std::string path = file("fingerprint.sqlite");
        {
            RunStore target(path);
            importBundle(target, m_good, {file("fp-files")});
            target.database().execute("UPDATE runs SET uuid = 'x' || uuid");
        }
        RunStore target(path);
        const auto report = importBundle(target, m_good, {file("fp-files")});
        QCOMPARE(report.skipped.size(), std::size_t(2));
        QVERIFY(report.skipped[0].reason.find("same name, spec") != std::string::npos);
    }

    void tamperedBundleIsRefusedAndChangesNothing_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("tamper");
        QTest::newRow("bad magic") << "DTBUNDLE" << 0;
        QTest::newRow("wrong header version") << "format version 7" << 1;
        QTest::newRow("manifest not JSON") << "not valid JSON" << 2;
        QTest::newRow("manifest version") << "format_version is not 1" << 3;
        QTest::newRow("dot-dot member") << "\"..\" path component" << 4;
        QTest::newRow("absolute member") << "absolute path" << 5;
        QTest::newRow("checksum mismatch") << "checksum" << 6;
        QTest::newRow("truncated") << "past the end" << 7;
        QTest::newRow("run member not JSON") << "is not valid JSON" << 8;
        QTest::newRow("unexpected member") << "unexpected member" << 9;
        QTest::newRow("trailing bytes") << "does not describe" << 10;
        QTest::newRow("bad run field") << "mistyped field" << 11;
    }

    void tamperedBundleIsRefusedAndChangesNothing()
    {
        QFETCH(QString, expected);
        QFETCH(int, tamper);
        const std::string good = readAll(m_good);
        const std::string runJson = "runs/" + std::string(kUuid) + "/run.json";
        std::string bad;
        switch (tamper) {
        case 0:
            bad = "NOTABUND" + good.substr(8);
            break;
        case 1:
            bad = good.substr(0, 8) + littleEndian(7, 4) + good.substr(12);
            break;
        case 2:
            bad = good;
            bad[20] = '#';
            break;
        case 3:
            bad = craftBundle({{runJson, "{}"}}, 1);
            bad.replace(bad.find("\"format_version\":1"), 18, "\"format_version\":2");
            break;
        case 4:
            bad = craftBundle({{"runs/../../evil", "x"}});
            break;
        case 5:
            bad = craftBundle({{"/etc/evil", "x"}});
            break;
        case 6:
            bad = good;
            bad[bad.size() - 10] ^= 1;
            break;
        case 7:
            bad = good.substr(0, good.size() - 100);
            break;
        case 8:
            bad = craftBundle({{runJson, "{not json"}});
            break;
        case 9:
            bad = craftBundle({{"notes.txt", "hello"}});
            break;
        case 10:
            bad = good + "extra";
            break;
        case 11:
            bad = craftBundle({{runJson, R"({"run": {"uuid": 5}})"}});
            break;
        }
        const std::string bundle = file("bad.dtbundle");
        writeAll(bundle, bad);
        const std::string history = file("untouched.sqlite");
        RunStore target(history);
        if (target.listRuns().empty())
            target.createRun(RunRecord());
        const auto runsBefore = target.database().queryInteger("SELECT count(*) FROM runs");
        const auto totalBefore = target.database().queryInteger(
            "SELECT (SELECT count(*) FROM metrics) + (SELECT count(*) FROM artifacts)");
        try {
            importBundle(target, bundle, {file("bad-files")});
            QFAIL("the tampered bundle was imported");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos,
                     e.what());
            QVERIFY2(std::string(e.what()).find("bad.dtbundle") != std::string::npos, e.what());
        }
        QCOMPARE(target.database().queryInteger("SELECT count(*) FROM runs"), runsBefore);
        QCOMPARE(target.database().queryInteger(
                     "SELECT (SELECT count(*) FROM metrics) + (SELECT count(*) FROM artifacts)"),
                 totalBefore);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(file("bad-files"))));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("evil")));
    }

    void foreignArtifactPathsAreNeverTrusted()
    {
        // A colleague's bundle names an artefact at an absolute folder of this machine, without
        // files. Importing it must not make a later export with files pack that folder.
        const std::string secrets = file("secrets");
        QDir().mkpath(QString::fromStdString(secrets));
        writeAll(secrets + "/id_rsa", "PRIVATE KEY");
        const std::string runJson = "runs/" + std::string(kUuid) + "/run.json";
        writeAll(file("foreign.dtbundle"),
                 craftBundle({{runJson,
                               runJsonWith(kUuid, nlohmann::json::array({artifactAt(secrets)}))}}));
        RunStore store(file("foreign.sqlite"));
        importBundle(store, file("foreign.dtbundle"));
        const auto runs = store.listRuns();
        QCOMPARE(runs.size(), std::size_t(1));
        const auto artifacts = store.artifacts(runs[0].id);
        QCOMPARE(artifacts.size(), std::size_t(1));
        QVERIFY2(artifacts[0].path.empty(), artifacts[0].path.c_str());
        const auto report = exportRuns(store, {runs[0].id}, file("reexport.dtbundle"), {true});
        QCOMPARE(report.files, std::int64_t(0));
        QVERIFY(readAll(file("reexport.dtbundle")).find("PRIVATE KEY") == std::string::npos);
    }

    void memberWithDotDotIsRefused()
    {
        const std::string uuid = kUuid;
        nlohmann::json artifact = artifactAt("x");
        artifact["member"] = "runs/" + uuid + "/files/../../../evil";
        writeAll(file("dotdot.dtbundle"),
                 craftBundle({{"runs/" + uuid + "/run.json",
                               runJsonWith(uuid, nlohmann::json::array({artifact}))}}));
        RunStore store(file("dotdot.sqlite"));
        try {
            importBundle(store, file("dotdot.dtbundle"));
            QFAIL("a member with .. was imported");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("\"..\" path component") != std::string::npos,
                     e.what());
        }
        QVERIFY(store.listRuns().empty());
    }

    void manifestWithAnOverflowingNumberIsRefused()
    {
        // fuzz_bundle's finding, byte for byte: a manifest holding "14E888" ended the process.
        const std::string bytes("DTBUNDLE\x01\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00\x00"
                                "14E888<8\xb8"
                                "8L^\x00",
                                33);
        writeAll(file("overflow.dtbundle"), bytes);
        RunStore store(file("overflow.sqlite"));
        QVERIFY_THROWS_EXCEPTION(Error, importBundle(store, file("overflow.dtbundle")));
        QVERIFY(store.listRuns().empty());
    }

    void exportDoesNotFollowSymlinks()
    {
        RunStore store(file("links.sqlite"));
        RunRecord run;
        run.name = "with a link";
        const auto id = store.createRun(run);
        const std::string folder = file("linked-run");
        QDir().mkpath(QString::fromStdString(folder));
        writeAll(folder + "/config.json", "{}");
        writeAll(file("outside.txt"), "OUTSIDE SECRET");
        std::filesystem::create_symlink(file("outside.txt"), folder + "/model.safetensors");
        store.addArtifact({0, id, folder, "model", "", 0, 1});
        const auto report = exportRuns(store, {id}, file("links.dtbundle"), {true});
        QCOMPARE(report.files, std::int64_t(1)); // config.json only
        QVERIFY(readAll(file("links.dtbundle")).find("OUTSIDE SECRET") == std::string::npos);
    }

    void failureHalfWayRollsBackRowsAndFiles()
    {
        // The first run is valid, the second breaks a rule only the insert checks: the first
        // run's rows must not stay behind.
        const auto runJson = [](const std::string& uuid, const nlohmann::json& stats) {
            return runJsonWith(uuid, nlohmann::json::array(), stats);
        };
        const std::string second = "0123abcd-0000-4000-8000-00000000cafe";
        writeAll(file("half.dtbundle"),
                 craftBundle({{"runs/" + std::string(kUuid) + "/run.json",
                               runJson(kUuid, nlohmann::json::object())},
                              {"runs/" + second + "/run.json", runJson(second, "not an object")}}));
        RunStore target(file("half.sqlite"));
        QVERIFY_THROWS_EXCEPTION(Error, importBundle(target, file("half.dtbundle")));
        QVERIFY(target.listRuns().empty());
    }
};

QTEST_APPLESS_MAIN(TestRunBundle)
#include "testrunbundle.moc"
