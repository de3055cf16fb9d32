// `domaintune-cli forward` against every reference fixture, exactly as DESIGN.md specifies
// the contract: inputs JSON in, {"logits"} or {"last_hidden_state", "pooler_output"} out.
#include "testpaths.h"
#include "testsupport.h"

#include <QtTest>

#include <cmath>

namespace {

void flatten(const QJsonValue& value, QVector<double>& out)
{
    if (value.isArray())
        for (const auto& item : value.toArray())
            flatten(item, out);
    else
        out.push_back(value.toDouble());
}

QJsonObject readObject(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestForwardCli : public QObject
{
    Q_OBJECT

private slots:
    void matchesEveryFixture_data()
    {
        QTest::addColumn<QString>("folder");
        const QString root = domaintune::test::sharedDir() + QStringLiteral("/fixtures/reference");
        domaintune::test::addFolderRowsOrAbsent(root);
        // Tiny models of every family and head saved and run by transformers (committed).
        domaintune::test::addFolderRowsOrAbsent(
            domaintune::test::sourcePath("/tests/reference/models"));
    }

    void matchesEveryFixture()
    {
        QFETCH(QString, folder);
        if (!QFileInfo::exists(folder + QStringLiteral("/expected.json")))
            QSKIP(qPrintable(QStringLiteral("shared data not present (%1)").arg(folder)));
        const QJsonObject expected = readObject(folder + QStringLiteral("/expected.json"));
        const QJsonObject outputs = expected.value(QStringLiteral("outputs")).toObject();
        const double tolerance = expected.value(QStringLiteral("tolerance")).toDouble(1e-4);

        QTemporaryFile inputs;
        QVERIFY(inputs.open());
        inputs.write(QJsonDocument(expected.value(QStringLiteral("inputs")).toObject()).toJson());
        inputs.close();
        QStringList arguments{QStringLiteral("forward"), QStringLiteral("--model"), folder,
                              QStringLiteral("--inputs"), inputs.fileName()};
        if (outputs.contains(QStringLiteral("last_hidden_state")))
            arguments << QStringLiteral("--head") << QStringLiteral("base");
        QProcess cli;
        cli.start(domaintune::test::cliPath(), arguments);
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QJsonParseError error;
        const QJsonObject ours =
            QJsonDocument::fromJson(cli.readAllStandardOutput(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);

        QVector<double> mask;
        flatten(outputs.value(QStringLiteral("compare_mask")), mask);
        int compared = 0;
        for (auto it = outputs.begin(); it != outputs.end(); ++it) {
            if (it.key() == QLatin1String("compare_mask"))
                continue;
            QVector<double> want, got;
            flatten(it.value(), want);
            flatten(ours.value(it.key()), got);
            QCOMPARE(got.size(), want.size());
            const qsizetype perPosition = mask.isEmpty() ? 1 : want.size() / mask.size();
            for (qsizetype i = 0; i < want.size(); ++i) {
                if (!mask.isEmpty() && mask[i / perPosition] == 0)
                    continue;
                if (std::abs(got[i] - want[i]) > tolerance)
                    QFAIL(qPrintable(QStringLiteral("%1[%2]: %3 vs reference %4")
                                         .arg(it.key())
                                         .arg(i)
                                         .arg(got[i])
                                         .arg(want[i])));
            }
            ++compared;
        }
        QVERIFY(compared > 0);
    }

    void reportsBadInputsInOneLine()
    {
        QTemporaryFile inputs;
        QVERIFY(inputs.open());
        inputs.write("{\"input_ids\": [[1, 2], [3]]");
        inputs.close();
        QProcess cli;
        cli.start(domaintune::test::cliPath(),
                  {QStringLiteral("forward"), QStringLiteral("--model"),
                   QStringLiteral("/nonexistent"), QStringLiteral("--inputs"), inputs.fileName()});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY(cli.readAllStandardOutput().isEmpty());
        const QByteArray err = cli.readAllStandardError();
        QCOMPARE(err.count('\n'), 1);
        QVERIFY(err.contains(inputs.fileName().toUtf8()));
        QVERIFY(err.contains("not valid JSON"));
    }
};

QTEST_GUILESS_MAIN(TestForwardCli)
#include "testforwardcli.moc"
