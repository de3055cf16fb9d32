// Runs the real executables as a user or script would, and checks the CLI contract: JSON on
// stdout, messages on stderr, exit code 0 only on success.
#include "processrunner.h"
#include "testpaths.h"

#include <QtTest>

namespace {

using Result = domaintune::test::ProcessResult;
using domaintune::test::runProcess;

Result run(const QString& program, const QStringList& arguments,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    return runProcess(program, arguments, environment, 60000);
}

const QString kCli = domaintune::test::cliPath();

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void versionAndHelp()
    {
        const Result version = run(kCli, {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("domaintune-cli "));
        QVERIFY(QRegularExpression(QStringLiteral("\\d+\\.\\d+\\.\\d+"))
                    .match(QString::fromUtf8(version.out))
                    .hasMatch());

        const Result help = run(kCli, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("usage: domaintune-cli"));
        QVERIFY(help.out.contains("system"));

        const Result commandHelp = run(kCli, {QStringLiteral("system"), QStringLiteral("--help")});
        QCOMPARE(commandHelp.exitCode, 0);
        QVERIFY(commandHelp.out.contains("usage: domaintune-cli system"));
    }

    void badUsageFailsWithOneLine()
    {
        const Result none = run(kCli, {});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.out.isEmpty());

        const Result unknown = run(kCli, {QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.out.isEmpty());
        QCOMPARE(unknown.err.count('\n'), 1);
        QVERIFY(unknown.err.contains("frobnicate"));

        const Result flag = run(kCli, {QStringLiteral("system"), QStringLiteral("--bogus")});
        QCOMPARE(flag.exitCode, 1);
        QCOMPARE(flag.err.count('\n'), 1);
        QVERIFY(flag.err.contains("--bogus"));
    }

    void systemReportsOpenBlasAsJson()
    {
        const Result result = run(kCli, {QStringLiteral("system")});
        QCOMPARE(result.exitCode, 0);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(result.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(
            json.value(QStringLiteral("torch_version"))
                .toString()
                .startsWith(QLatin1String("1.")) ||
            json.value(QStringLiteral("torch_version")).toString().startsWith(QLatin1String("2.")));
        QVERIFY(json.value(QStringLiteral("torch_threads")).toInt() >= 1);
        QCOMPARE(json.value(QStringLiteral("cuda_available")).type(), QJsonValue::Bool);
        const QJsonObject blas = json.value(QStringLiteral("blas")).toObject();
        QCOMPARE(blas.value(QStringLiteral("kind")).toString(), QStringLiteral("openblas"));
        QCOMPARE(blas.value(QStringLiteral("slow")).toBool(), false);
        QVERIFY(!result.err.contains("warning"));
    }

    void systemWarnsWhenTheReferenceBlasIsActive()
    {
        // Debian keeps the reference BLAS in .../blas/; putting that folder first on the
        // library path is exactly the slow set-up a user without OpenBLAS has.
        const QString reference = QStringLiteral("/usr/lib/x86_64-linux-gnu/blas");
        if (!QFileInfo::exists(reference + QStringLiteral("/libblas.so.3")))
            QSKIP("Debian's reference BLAS (libblas3) is not installed here");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LD_LIBRARY_PATH"), reference);
        const Result result = run(kCli, {QStringLiteral("system")}, environment);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject blas =
            QJsonDocument::fromJson(result.out).object().value(QStringLiteral("blas")).toObject();
        QCOMPARE(blas.value(QStringLiteral("kind")).toString(), QStringLiteral("reference"));
        QCOMPARE(blas.value(QStringLiteral("slow")).toBool(), true);
        QVERIFY(result.err.contains("warning:"));
        QVERIFY(result.err.contains("libopenblas0-pthread"));
    }

    void guiAnswersVersionWithoutADisplay()
    {
        if (domaintune::test::guiPath().isEmpty())
            QSKIP("this build has no GUI (DOMAINTUNE_BUILD_GUI=OFF)");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(QString::fromLatin1(name));
        const Result version =
            run(domaintune::test::guiPath(), {QStringLiteral("--version")}, environment);
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("domaintune "));

        const Result start = run(domaintune::test::guiPath(), {}, environment);
        QCOMPARE(start.exitCode, 1);
        QCOMPARE(start.err.count('\n'), 1);
        QVERIFY(start.err.contains("xvfb-run"));
        QVERIFY(start.err.contains("QT_QPA_PLATFORM=offscreen"));
    }

    void guiStartsOffscreenAndKeepsRunning()
    {
        if (domaintune::test::guiPath().isEmpty())
            QSKIP("this build has no GUI (DOMAINTUNE_BUILD_GUI=OFF)");
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const QTemporaryDir home;
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
        process.setProcessEnvironment(environment);
        process.start(domaintune::test::guiPath(),
                      {QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QVERIFY(process.waitForStarted());
        // A GUI that is still running after a few seconds has built its window and entered
        // the event loop; a crash or an early error would have ended it.
        QVERIFY2(!process.waitForFinished(5000),
                 qPrintable(QStringLiteral("the GUI exited early: ") +
                            QString::fromUtf8(process.readAllStandardError())));
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "testcli.moc"
