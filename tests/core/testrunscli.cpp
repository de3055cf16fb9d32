// `domaintune-cli runs ...` against real history files: JSON on stdout, exit 0 only on success,
// one-line reasons on stderr, and a refused import that leaves the history unchanged.
#include "core/store/runstore.h"
#include "core/store/statement.h"
#include "core/train/task.h"
#include "testpaths.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune;

namespace {

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result cli(const QStringList& arguments, const QString& historyEnv = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!historyEnv.isEmpty())
        environment.insert(QStringLiteral("DOMAINTUNE_HISTORY"), historyEnv);
    process.setProcessEnvironment(environment);
    process.start(domaintune::test::cliPath(), QStringList{QStringLiteral("runs")} + arguments);
    process.waitForFinished(30000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace

class TestRunsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_history;
    QStringList with(QStringList arguments) const
    {
        return arguments << QStringLiteral("--history") << m_history;
    }

private slots:
    void initTestCase()
    {
        m_history = m_dir.filePath(QStringLiteral("history.sqlite"));
        RunStore store(m_history.toStdString());
        for (int i = 1; i <= 2; ++i) {
            RunRecord run;
            run.name = "run-" + std::to_string(i);
            run.task = "seq-cls";
            run.status = i == 1 ? RunStatus::Completed : RunStatus::Failed;
            run.specJson = R"({"seed": 1, "lr": )" + std::to_string(i) + "}";
            const auto id = store.createRun(run);
            std::vector<MetricPoint> points;
            for (int step = 0; step < 10; ++step)
                points.push_back({step, 0.0, "loss", double(10 - step) * i, 100.0 + step});
            store.appendMetrics(id, points);
        }
    }

    void listPrintsAJsonArray()
    {
        const Result all = cli(with({"list"}));
        QVERIFY2(all.exitCode == 0, all.err.constData());
        const QJsonArray runs = QJsonDocument::fromJson(all.out).array();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].toObject()["name"].toString(), QStringLiteral("run-2"));
        const Result failed = cli(with({"list", "--status", "failed"}));
        QCOMPARE(QJsonDocument::fromJson(failed.out).array().size(), 1);
        const Result empty = cli({"list"}, m_dir.filePath(QStringLiteral("env/new.sqlite")));
        QCOMPARE(empty.exitCode, 0);
        QCOMPARE(empty.out.trimmed(), QByteArray("[]"));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("env/new.sqlite"))));
    }

    void showAndCompare()
    {
        const Result show = cli(with({"show", "1"}));
        QVERIFY2(show.exitCode == 0, show.err.constData());
        const QJsonObject shown = QJsonDocument::fromJson(show.out).object();
        QCOMPARE(shown["run"].toObject()["name"].toString(), QStringLiteral("run-1"));
        QCOMPARE(shown["metrics"].toArray().at(0).toString(), QStringLiteral("loss"));

        const Result compare = cli(with({"compare", "1", "2", "--metric", "loss"}));
        QVERIFY2(compare.exitCode == 0, compare.err.constData());
        const QJsonObject compared = QJsonDocument::fromJson(compare.out).object();
        const QJsonObject parameters = compared["parameters"].toObject();
        QCOMPARE(parameters.keys(), QStringList{QStringLiteral("lr")}); // seed is equal
        QCOMPARE(compared["best"].toArray().at(1).toObject()["value"].toDouble(), 2.0);
        QCOMPARE(compared["curves"].toArray().at(0).toObject()["points"].toArray().size(), 10);
    }

    void failuresExitNonZeroWithOneLine()
    {
        for (const QStringList& arguments :
             {QStringList{"show", "99"}, QStringList{"frobnicate"}, QStringList{"list", "--bogus"},
              QStringList{"export", "1"}, QStringList{"import", "/no/such.dtbundle"}}) {
            const Result result = cli(with(arguments));
            QVERIFY2(result.exitCode != 0, qPrintable(arguments.join(' ')));
            QVERIFY(result.out.isEmpty());
            QCOMPARE(result.err.trimmed().count('\n'), 0);
            QVERIFY(result.err.startsWith("domaintune-cli runs: "));
        }
    }

    void mistypedHistoryPathIsAnError()
    {
        const QString typo = m_dir.filePath(QStringLiteral("histroy/typo.sqlite"));
        const Result result = cli({"list", "--history", typo});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("no run history here"), result.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("histroy")))); // nothing made
    }

    void damagedRowIsNamedAndSkipped()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged.sqlite"));
        std::int64_t damaged = 0;
        {
            RunStore store(path.toStdString());
            for (int i = 1; i <= 3; ++i) {
                RunRecord run;
                run.name = "run-" + std::to_string(i);
                const auto id = store.createRun(run);
                if (i == 2)
                    damaged = id;
            }
            // The schema's CHECK keeps bad JSON out; damage (a disk error, a hand edit with
            // checks off) gets past it.
            store.database().prepare("PRAGMA ignore_check_constraints = ON").step();
            store.database()
                .prepare("UPDATE runs SET spec = '{not json' WHERE id = ?")
                .bind(1, damaged)
                .step();
        }
        const Result list = cli({"list", "--history", path});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 2); // the others still list
        QVERIFY2(list.err.contains(QStringLiteral("Run %1 is damaged").arg(damaged).toUtf8()),
                 list.err.constData());
        const Result show = cli({"show", QString::number(damaged), "--history", path});
        QCOMPARE(show.exitCode, 1);
        QVERIFY2(show.err.contains("is damaged in the history"), show.err.constData());
        QVERIFY2(!show.err.contains("parse_error"), show.err.constData());
    }

    void exportImportDeleteRoundTrip()
    {
        const QString bundle = m_dir.filePath(QStringLiteral("team.dtbundle"));
        const Result exported = cli(with({"export", "1", "2", "--output", bundle}));
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QCOMPARE(QJsonDocument::fromJson(exported.out).object()["runs"].toInt(), 2);

        const QString other = m_dir.filePath(QStringLiteral("colleague.sqlite"));
        const Result imported = cli({"import", bundle}, other);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(QJsonDocument::fromJson(imported.out).object()["imported"].toArray().size(), 2);
        const Result again = cli({"import", bundle}, other);
        QCOMPARE(QJsonDocument::fromJson(again.out).object()["skipped"].toArray().size(), 2);

        QFile file(bundle);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(file.size() - 5);
        file.write("XXXXX");
        file.close();
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.sqlite"));
        const Result tampered = cli({"import", bundle}, fresh);
        QCOMPARE(tampered.exitCode, 1);
        QVERIFY2(tampered.err.contains("checksum"), tampered.err.constData());
        QCOMPARE(cli({"list"}, fresh).out.trimmed(), QByteArray("[]"));

        const Result deleted = cli({"delete", "1"}, other);
        QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
        QCOMPARE(QJsonDocument::fromJson(cli({"list"}, other).out).array().size(), 1);
    }

    // The train usage is text, written once; it must name every task of the registry.
    void trainUsageNamesEveryTask()
    {
        QProcess process;
        process.start(domaintune::test::cliPath(),
                      {QStringLiteral("train"), QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(30000));
        const QByteArray usage = process.readAllStandardOutput() + process.readAllStandardError();
        for (const TaskInfo& info : allTasks())
            QVERIFY2(usage.contains(info.name), info.name);
    }
};

QTEST_GUILESS_MAIN(TestRunsCli)
#include "testrunscli.moc"
