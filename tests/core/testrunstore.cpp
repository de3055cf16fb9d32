// RunStore on a real history file: writes, the GUI's queries, the batched MetricWriter and a
// trainer thread writing while a GUI thread reads through its own connection.
#include "core/common/error.h"
#include "core/store/metricwriter.h"
#include "core/store/runlineage.h"
#include "core/store/runstore.h"
#include "errortestutil.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

using namespace domaintune;
using domaintune::test::errorOf;

namespace {

RunRecord makeRun(const std::string& name, const std::string& spec)
{
    RunRecord run;
    run.name = name;
    run.task = "seq-cls";
    run.domain = "finance";
    run.specJson = spec;
    return run;
}

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string file(const char* name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void createsAndReadsBackARun()
    {
        RunStore store(file("basic.sqlite"));
        RunRecord draft = makeRun("bert-fin", R"({"lr": 0.001, "epochs": 3})");
        draft.tags = {"baseline", "fp32"};
        draft.modelFingerprint = "abc";
        const auto id = store.createRun(draft);
        const RunRecord run = store.requireRun(id);
        QCOMPARE(run.name, std::string("bert-fin"));
        QCOMPARE(run.uuid.size(), std::size_t(36));
        QCOMPARE(run.status, RunStatus::Queued);
        QCOMPARE(run.tags, (std::vector<std::string>{"baseline", "fp32"}));
        QCOMPARE(run.specJson, std::string(R"({"epochs":3,"lr":0.001})"));
        QVERIFY(run.createdAt > 0);
        QCOMPARE(store.runByUuid(run.uuid)->id, id);

        store.updateStatus(id, RunStatus::Running);
        QVERIFY(store.requireRun(id).startedAt.has_value());
        QCOMPARE(store.requireRun(id).pid, std::int64_t(QCoreApplication::applicationPid()));
        store.updateStatus(id, RunStatus::Completed);
        QVERIFY(store.requireRun(id).endedAt.has_value());
        store.setNotes(id, "good one");
        store.setTags(id, {"best"});
        QCOMPARE(store.requireRun(id).notes, std::string("good one"));
        QCOMPARE(store.requireRun(id).tags, std::vector<std::string>{"best"});
    }

    void rejectsInvalidInputWithoutWriting()
    {
        RunStore store(file("invalid.sqlite"));
        QVERIFY_THROWS_EXCEPTION(Error, store.createRun(makeRun("x", "{not json")));
        QVERIFY_THROWS_EXCEPTION(Error, store.createRun(makeRun("x", "[1, 2]")));
        QVERIFY_THROWS_EXCEPTION(Error, store.updateStatus(42, RunStatus::Running));
        QVERIFY_THROWS_EXCEPTION(Error, store.appendMetrics(42, {{1, 0, "loss", 1, 0}}));
        QVERIFY(store.listRuns().empty());
        QCOMPARE(store.database().queryInteger("SELECT count(*) FROM metrics"), 0);
    }

    void listFiltersSortsAndSearches()
    {
        RunStore store(file("list.sqlite"));
        for (int i = 0; i < 6; ++i) {
            RunRecord run = makeRun("run-" + std::to_string(i), "{}");
            run.domain = i % 2 ? "law" : "finance";
            run.createdAt = 1000 + i;
            run.tags = {i < 2 ? "keep" : "other"};
            run.notes = i == 4 ? "Try 100% of the LR" : "";
            store.createRun(run);
        }
        QCOMPARE(store.listRuns().size(), std::size_t(6));
        QCOMPARE(store.listRuns().front().name, std::string("run-5"));
        RunFilter filter;
        filter.domain = "law";
        filter.descending = false;
        const auto law = store.listRuns(filter);
        QCOMPARE(law.size(), std::size_t(3));
        QCOMPARE(law.front().name, std::string("run-1"));
        filter = {};
        filter.tag = "keep";
        QCOMPARE(store.listRuns(filter).size(), std::size_t(2));
        filter = {};
        filter.search = "100%";
        QCOMPARE(store.listRuns(filter).size(), std::size_t(1));
        filter.search = "RUN-3";
        QCOMPARE(store.listRuns(filter).at(0).name, std::string("run-3"));
        filter = {};
        filter.sortBy = RunSortKey::Name;
        filter.limit = 2;
        filter.offset = 1;
        const auto page = store.listRuns(filter);
        QCOMPARE(page.size(), std::size_t(2));
        QCOMPARE(page.front().name, std::string("run-4"));
    }

    void curvesDiffAndBestMetric()
    {
        RunStore store(file("compare.sqlite"));
        const auto a = store.createRun(makeRun("a", R"({"opt": {"lr": 0.1, "name": "adamw"}})"));
        const auto b = store.createRun(makeRun("b", R"({"opt": {"lr": 0.2, "name": "adamw"},
                                                        "freeze": [0, 1]})"));
        std::vector<MetricPoint> pa, pb;
        for (int step = 1; step <= 10; ++step) {
            pa.push_back({step, step / 10.0, "loss", 1.0 / step, 100.0 + step});
            pb.push_back({step * 2, step / 5.0, "loss", 2.0 / step, 500.0 + 2 * step});
        }
        pb.push_back({3, 0.1, "f1", std::nan(""), 501.0});
        store.appendMetrics(a, pa);
        store.appendMetrics(b, pb);
        const auto byStep = store.curves({b, a}, "loss", CurveAxis::Step);
        QCOMPARE(byStep.size(), std::size_t(2));
        QCOMPARE(byStep[0].runId, b);
        QCOMPARE(byStep[0].points.size(), std::size_t(10));
        QCOMPARE(byStep[0].points[1].x, 4.0);
        const auto byTime = store.curves({a}, "loss", CurveAxis::WallTime);
        QCOMPARE(byTime[0].points.front().x, 0.0);
        QCOMPARE(byTime[0].points.back().x, 9.0);
        QVERIFY(std::isnan(store.metrics(b, "f1").at(0).value));

        const auto diff = store.parameterDiff({a, b}, true);
        QCOMPARE(diff.values.size(), std::size_t(3)); // opt.lr, freeze[0], freeze[1]
        QCOMPARE(*diff.values.at("opt.lr")[1], std::string("0.2"));
        QVERIFY(!diff.values.at("freeze[0]")[0].has_value());
        QCOMPARE(store.parameterDiff({a, b}, false).values.count("opt.name"), std::size_t(1));

        const auto lowest = store.bestMetric({a, b}, "loss", MetricGoal::Minimize);
        QCOMPARE(lowest.size(), std::size_t(2));
        QCOMPARE(lowest[0].value, 0.1);
        QCOMPARE(lowest[0].step, std::int64_t(10));
        QCOMPARE(store.bestMetric({a}, "loss", MetricGoal::Maximize)[0].step, std::int64_t(1));
        QVERIFY(store.bestMetric({b}, "f1", MetricGoal::Maximize).empty()); // NaN only
    }

    void evaluationsArtifactsAndLastCheckpoint()
    {
        RunStore store(file("artifacts.sqlite"));
        const auto id = store.createRun(makeRun("r", "{}"));
        EvaluationRecord evaluation;
        evaluation.runId = id;
        evaluation.step = 50;
        evaluation.perClassJson = R"([{"label": "pos", "f1": 0.9}])";
        evaluation.confusionJson = R"({"labels": ["pos", "neg"], "matrix": [[9, 1], [2, 8]]})";
        store.addEvaluation(evaluation);
        evaluation.perClassJson = "{}";
        QVERIFY_THROWS_EXCEPTION(Error, store.addEvaluation(evaluation));
        QCOMPARE(store.evaluations(id).size(), std::size_t(1));
        QCOMPARE(store.evaluations(id)[0].step, std::int64_t(50));

        QVERIFY(!store.lastCheckpoint(id));
        for (int step : {100, 300, 200})
            store.addArtifact({0, id, "/ckpt/" + std::to_string(step), "checkpoint", "h", 1, step});
        store.addArtifact({0, id, "/export", "model", "h", 1, 400});
        QCOMPARE(store.artifacts(id).size(), std::size_t(4));
        QCOMPARE(store.lastCheckpoint(id)->path, std::string("/ckpt/300"));

        store.deleteRun(id);
        QCOMPARE(store.database().queryInteger("SELECT count(*) FROM artifacts"), 0);
        QCOMPARE(store.database().queryInteger("SELECT count(*) FROM evaluations"), 0);
        QVERIFY_THROWS_EXCEPTION(Error, store.deleteRun(id));
    }

    // Lineage: a run trained on another run's model (model/ or best/) links to it, a chain of
    // them gives the base-model chain, a study's runs are its trials, and unrelated runs stay
    // out.
    void lineageFollowsModelsAndParents()
    {
        RunStore store(file("lineage.sqlite"));
        const auto add = [&](const std::string& name, const std::string& base,
                             std::vector<std::string> tags = {},
                             std::optional<std::int64_t> parent = {}) {
            RunRecord run;
            run.name = name;
            run.modelPath = base;
            run.modelSourceJson = nlohmann::json({{"kind", "folder"}, {"path", base}}).dump();
            run.tags = std::move(tags);
            run.parentId = parent;
            return store.createRun(run);
        };
        const auto produce = [&](std::int64_t runId, const std::string& path) {
            ArtifactRecord model;
            model.runId = runId;
            model.path = path;
            model.kind = "model";
            store.addArtifact(model);
        };
        const std::int64_t general = add("general MLM", "/models/bert");
        produce(general, "/work/general/model");
        const std::int64_t finance = add("finance MLM", "/work/general/model");
        produce(finance, "/work/finance/model");
        const std::int64_t study = add("search", "/work/finance/best", {"study"});
        const std::int64_t trial = add("trial 0", "/work/finance/best", {"trial"}, study);
        produce(trial, "/work/study/trial-000/model");
        const std::int64_t task = add("task", "/work/study/trial-000/best");
        const std::int64_t resumed = add("task resumed", "/work/study/trial-000/best", {}, task);
        const std::int64_t unrelated = add("other", "/models/bert");

        const RunLineage lineage = runLineage(store, task);
        QCOMPARE(lineage.chain, (std::vector<std::int64_t>{general, finance, trial, task}));
        std::set<std::int64_t> ids;
        for (const auto& run : lineage.runs)
            ids.insert(run.id);
        QCOMPARE(ids, (std::set<std::int64_t>{general, finance, study, trial, task, resumed}));
        const auto has = [&](std::int64_t from, std::int64_t to, LineageLink link) {
            for (const auto& edge : lineage.edges)
                if (edge.from == from && edge.to == to && edge.link == link)
                    return true;
            return false;
        };
        QVERIFY(has(general, finance, LineageLink::BaseModel));
        QVERIFY(has(finance, study, LineageLink::BaseModel)); // best/ beside model/
        QVERIFY(has(study, trial, LineageLink::Trial));
        QVERIFY(!has(finance, trial, LineageLink::BaseModel)); // the study's link, not again
        QVERIFY(!has(trial, resumed, LineageLink::BaseModel)); // the resumed run's parent's
        QVERIFY(has(trial, task, LineageLink::BaseModel));
        QVERIFY(has(task, resumed, LineageLink::Resume));
        QCOMPARE(runLineage(store, unrelated).runs.size(), std::size_t(1));
        QVERIFY(errorOf([&] { runLineage(store, 9999); }).contains("9999"));
    }

    void metricWriterBatchesByCountAndTime()
    {
        const std::string path = file("writer.sqlite");
        RunStore reader(path);
        const auto id = reader.createRun(makeRun("w", "{}"));
        MetricWriter::Options options;
        options.maxPoints = 100;
        options.maxDelay = std::chrono::hours(1);
        {
            MetricWriter writer(path, id, options);
            for (int step = 0; step < 250; ++step)
                writer.append(step, 0.0, "loss", step * 0.5);
            QCOMPARE(writer.written(), std::int64_t(200));
            QCOMPARE(writer.pending(), std::size_t(50));
            QCOMPARE(reader.metrics(id).size(), std::size_t(200));
        }
        QCOMPARE(reader.metrics(id).size(), std::size_t(250)); // destructor flushed
        options.maxDelay = std::chrono::milliseconds(0);
        MetricWriter timed(path, id, options);
        timed.append(1000, 0.0, "loss", 1.0);
        QCOMPARE(timed.pending(), std::size_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, MetricWriter(path, 999));
    }

    void trainerThreadWritesWhileGuiThreadReads()
    {
        const std::string path = file("threads.sqlite");
        RunStore gui(path);
        const auto id = gui.createRun(makeRun("threaded", "{}"));
        gui.updateStatus(id, RunStatus::Running);
        constexpr int kSteps = 20000;
        std::atomic<bool> done{false};
        std::string failure;
        std::thread trainer([&] {
            try {
                MetricWriter::Options options;
                options.maxPoints = 200;
                options.maxDelay = std::chrono::hours(1); // batches of exactly 200
                MetricWriter writer(path, id, options);
                for (int step = 0; step < kSteps; ++step)
                    writer.append(step, step / 1000.0, "loss", 1.0 / (step + 1));
                writer.flush();
                writer.store().updateStatus(id, RunStatus::Completed);
            } catch (const std::exception& e) {
                failure = e.what();
            }
            done = true;
        });
        std::size_t lastSeen = 0;
        int reads = 0;
        std::string readError;
        while (!done && readError.empty()) {
            const auto curve = gui.curves({id}, "loss", CurveAxis::Step).at(0);
            if (curve.points.size() < lastSeen || curve.points.size() % 200 != 0)
                readError =
                    "saw a partial batch or fewer points: " + std::to_string(curve.points.size());
            for (std::size_t i = 0; i < curve.points.size() && readError.empty(); ++i)
                if (curve.points[i].step != std::int64_t(i))
                    readError = "gap at step " + std::to_string(i);
            lastSeen = curve.points.size();
            ++reads;
        }
        trainer.join();
        QVERIFY2(failure.empty(), failure.c_str());
        QVERIFY2(readError.empty(), readError.c_str());
        QVERIFY(reads > 1);
        QCOMPARE(gui.metrics(id, "loss").size(), std::size_t(kSteps));
        QCOMPARE(gui.requireRun(id).status, RunStatus::Completed);
        QCOMPARE(gui.database().queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    void defaultPathFollowsTheEnvironment()
    {
        qputenv("DOMAINTUNE_HISTORY", "/tmp/explicit.sqlite");
        QCOMPARE(RunStore::defaultPath(), std::string("/tmp/explicit.sqlite"));
        qunsetenv("DOMAINTUNE_HISTORY");
        qputenv("XDG_DATA_HOME", "/data");
        QCOMPARE(RunStore::defaultPath(), std::string("/data/DomainTune/history.sqlite"));
        qunsetenv("XDG_DATA_HOME");
        qputenv("HOME", "/home/u");
        QCOMPARE(RunStore::defaultPath(),
                 std::string("/home/u/.local/share/DomainTune/history.sqlite"));
    }
};

QTEST_APPLESS_MAIN(TestRunStore)
#include "testrunstore.moc"
