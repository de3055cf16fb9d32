// `domaintune-cli train` as a user or a cluster job runs it: real data, the run history, and
// a run killed with SIGKILL that resumes to exactly the weights of an uninterrupted run.
#include "core/store/runstore.h"
#include "processrunner.h"
#include "testpaths.h"
#include "testsupport.h"

#include <QtTest>

#include <csignal>
#include <nlohmann/json.hpp>

namespace {

using Result = domaintune::test::ProcessResult;

QProcessEnvironment environmentWith(const QString& history)
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DOMAINTUNE_HISTORY"), history);
    return environment;
}

Result runCli(const QStringList& arguments, const QString& history)
{
    return domaintune::test::runProcess(domaintune::test::cliPath(), arguments,
                                        environmentWith(history));
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTrainCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DOMAINTUNE_SHARED_OR_SKIP(data, QStringLiteral("data/finance/financial-phrasebank.csv"));
        DOMAINTUNE_SHARED_OR_SKIP(model, QStringLiteral("fixtures/reference/bert-seqcls"));
        m_data = data;
        m_model = model;
        m_history = m_dir.filePath(QStringLiteral("history.sqlite"));
        // A run spec as the GUI saves it: checkpoints every 40 steps, one thread (bit-identical
        // results need the same thread count).
        QFile config(m_dir.filePath(QStringLiteral("run.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(R"({"model": "%1", "task": "seq-cls", "train": "%2",
            "max_steps": 400, "max_length": 32, "batch_size": 8, "checkpoint_steps": 40,
            "threads": 1, "seed": 5, "learning_rate": 0.0005})")
                         .arg(m_model, m_data)
                         .toUtf8());
    }

    void trainsAndRecordsTheRun()
    {
        const Result result =
            runCli({QStringLiteral("train"), QStringLiteral("--model"), m_model,
                    QStringLiteral("--task"), QStringLiteral("seq-cls"), QStringLiteral("--train"),
                    m_data, QStringLiteral("--max-steps"), QStringLiteral("6"),
                    QStringLiteral("--max-length"), QStringLiteral("32"),
                    QStringLiteral("--output"), m_dir.filePath(QStringLiteral("quick"))},
                   m_history);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(json.value(QStringLiteral("steps")).toInt(), 6);
        QVERIFY(
            json.value(QStringLiteral("metrics")).toObject().contains(QStringLiteral("f1_macro")));
        QVERIFY(QFileInfo::exists(json.value(QStringLiteral("output")).toString() +
                                  QStringLiteral("/model.safetensors")));
        const int runId = json.value(QStringLiteral("run_id")).toInt();
        QVERIFY(runId > 0);
        QVERIFY(result.err.contains("data: "));

        const Result list = runCli({QStringLiteral("runs"), QStringLiteral("list")}, m_history);
        QCOMPARE(list.exitCode, 0);
        const QJsonArray runs = QJsonDocument::fromJson(list.out).array();
        QVERIFY(std::any_of(runs.begin(), runs.end(), [&](const QJsonValue& run) {
            return run.toObject().value(QStringLiteral("id")).toInt() == runId &&
                   run.toObject().value(QStringLiteral("status")).toString() ==
                       QStringLiteral("completed");
        }));
    }

    void predictsWithTheTrainedModel()
    {
        const QString model = m_dir.filePath(QStringLiteral("quick/model"));
        QVERIFY2(QFileInfo::exists(model), "trainsAndRecordsTheRun must run first");
        const QString input = m_dir.filePath(QStringLiteral("texts.csv"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("text\r\nProfit rose 20 % in the third quarter .\r\n"
                   "\"Sales fell, and the company cut 300 jobs .\"\r\n");
        file.close();
        const QString csv = m_dir.filePath(QStringLiteral("predictions.csv"));
        const Result result =
            runCli({QStringLiteral("predict"), QStringLiteral("--model"), model,
                    QStringLiteral("--input"), input, QStringLiteral("--output"), csv},
                   m_history);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(QJsonDocument::fromJson(result.out).object().value(QStringLiteral("rows")).toInt(),
                 2);
        QFile out(csv);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = out.readAll().split('\n');
        QCOMPARE(lines[0].trimmed(), QByteArray("text,label,p_negative,p_neutral,p_positive"));
        QVERIFY(lines[2].startsWith("\"Sales fell, and the company cut 300 jobs .\","));
        // Probabilities of a row sum to one.
        const QList<QByteArray> cells = lines[1].trimmed().split(',');
        QCOMPARE(cells.size(), 5);
        const double sum = cells[2].toDouble() + cells[3].toDouble() + cells[4].toDouble();
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        QVERIFY(QByteArrayList({"negative", "neutral", "positive"}).contains(cells[1]));
    }

    void predictNeverDropsARowSilently()
    {
        const QString model = m_dir.filePath(QStringLiteral("quick/model"));
        QVERIFY2(QFileInfo::exists(model), "trainsAndRecordsTheRun must run first");
        const QString input = m_dir.filePath(QStringLiteral("twenty.jsonl"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 20; ++i)
            file.write(
                i == 7 ? "{\"text\": \"broken\n"
                       : QStringLiteral("{\"text\": \"Profit rose %1 %% .\"}\n").arg(i).toUtf8());
        file.close();
        const QString output = m_dir.filePath(QStringLiteral("twenty.csv"));
        const Result result =
            runCli({QStringLiteral("predict"), QStringLiteral("--model"), model,
                    QStringLiteral("--input"), input, QStringLiteral("--output"), output},
                   m_history);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("twenty.jsonl:7:"), result.err.constData());
        QVERIFY2(result.err.contains("no predictions were written"), result.err.constData());
        QVERIFY(!QFileInfo::exists(output));
    }

    void evaluatesAndExportsTheRun()
    {
        const QString model = m_dir.filePath(QStringLiteral("quick/model"));
        const Result evaluation = runCli({QStringLiteral("eval"), QStringLiteral("--model"), model,
                                          QStringLiteral("--data"), m_data},
                                         m_history);
        QVERIFY2(evaluation.exitCode == 0, evaluation.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(evaluation.out).object();
        QCOMPARE(json.value(QStringLiteral("task")).toString(), QStringLiteral("seq-cls"));
        QCOMPARE(json.value(QStringLiteral("examples")).toInt(), 4846);
        const double accuracy = json.value(QStringLiteral("metrics"))
                                    .toObject()
                                    .value(QStringLiteral("accuracy"))
                                    .toDouble();
        QVERIFY(accuracy > 0 && accuracy <= 1);
        std::int64_t total = 0;
        for (const auto& row : json.value(QStringLiteral("confusion")).toArray())
            for (const auto& cell : row.toArray())
                total += cell.toInt();
        QCOMPARE(total, 4846);

        const Result list = runCli({QStringLiteral("runs"), QStringLiteral("list")}, m_history);
        const int runId = QJsonDocument::fromJson(list.out)
                              .array()
                              .first()
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toInt();
        const QString exported = m_dir.filePath(QStringLiteral("exported"));
        const Result exportResult =
            runCli({QStringLiteral("export"), QStringLiteral("--run"), QString::number(runId),
                    QStringLiteral("--output"), exported},
                   m_history);
        QVERIFY2(exportResult.exitCode == 0, exportResult.err.constData());
        QCOMPARE(QJsonDocument::fromJson(exportResult.out)
                     .object()
                     .value(QStringLiteral("architecture"))
                     .toString(),
                 QStringLiteral("BertForSequenceClassification"));
        for (const char* file : {"config.json", "model.safetensors", "vocab.txt"})
            QVERIFY2(QFileInfo::exists(exported + QLatin1Char('/') + QLatin1String(file)), file);
    }

    void resumesAfterKill9ToTheSameWeights()
    {
        const QString config = m_dir.filePath(QStringLiteral("run.json"));
        const QString whole = m_dir.filePath(QStringLiteral("whole"));
        const QString killed = m_dir.filePath(QStringLiteral("killed"));
        const Result reference = runCli({QStringLiteral("train"), QStringLiteral("--config"),
                                         config, QStringLiteral("--output"), whole},
                                        m_history);
        QVERIFY2(reference.exitCode == 0, reference.err.constData());

        QProcess child;
        child.setProcessEnvironment(environmentWith(m_history));
        child.start(domaintune::test::cliPath(),
                    {QStringLiteral("train"), QStringLiteral("--config"), config,
                     QStringLiteral("--output"), killed});
        QVERIFY(child.waitForStarted());
        const QString state = killed + QStringLiteral("/checkpoint/state.json");
        QElapsedTimer waited;
        waited.start();
        while (!QFileInfo::exists(state) && waited.elapsed() < 120000 &&
               child.state() == QProcess::Running)
            QThread::msleep(5);
        QVERIFY2(child.state() == QProcess::Running, "the run ended before it could be killed");
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY(!QFileInfo::exists(killed + QStringLiteral("/model/model.safetensors")));

        const Result resumed =
            runCli({QStringLiteral("train"), QStringLiteral("--config"), config,
                    QStringLiteral("--output"), killed, QStringLiteral("--resume")},
                   m_history);
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QVERIFY(resumed.err.contains("Resuming at step"));
        const QByteArray a = fileBytes(whole + QStringLiteral("/model/model.safetensors"));
        const QByteArray b = fileBytes(killed + QStringLiteral("/model/model.safetensors"));
        QVERIFY(!a.isEmpty());
        QVERIFY2(a == b, "the resumed run's final weights differ from the uninterrupted run's");

        // The history links the resumed run to the run it continues.
        const auto json = nlohmann::json::parse(resumed.out.toStdString());
        domaintune::RunStore store(m_history.toStdString());
        const domaintune::RunRecord run = store.requireRun(json.at("run_id").get<std::int64_t>());
        QVERIFY(run.parentId.has_value());
        const domaintune::RunRecord previous = store.requireRun(*run.parentId);
        QCOMPARE(nlohmann::json::parse(previous.specJson).at("output").get<std::string>(),
                 killed.toStdString());
        // The killed run never finished: it stays "running" until its heartbeat goes stale, and
        // is then marked interrupted.
        QVERIFY(previous.status == domaintune::RunStatus::Running ||
                previous.status == domaintune::RunStatus::Interrupted);

        // Resuming the now completed run again adds no run and says why.
        const auto runsBefore = store.listRuns().size();
        const Result again =
            runCli({QStringLiteral("train"), QStringLiteral("--config"), config,
                    QStringLiteral("--output"), killed, QStringLiteral("--resume")},
                   m_history);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already completed"), again.err.constData());
        QCOMPARE(domaintune::RunStore(m_history.toStdString()).listRuns().size(), runsBefore);
    }

    void reportsBadSettingsInOneLine()
    {
        const Result result = runCli({QStringLiteral("train"), QStringLiteral("--model"), m_model,
                                      QStringLiteral("--task"), QStringLiteral("sentiment"),
                                      QStringLiteral("--train"), m_data, QStringLiteral("--output"),
                                      m_dir.filePath(QStringLiteral("bad"))},
                                     m_history);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(result.err.count('\n'), 1);
        QVERIFY(result.err.contains("sentiment"));
    }

private:
    QTemporaryDir m_dir;
    QString m_data, m_model, m_history;
};

QTEST_GUILESS_MAIN(TestTrainCli)
#include "testtraincli.moc"
