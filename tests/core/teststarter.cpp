// The starter assets the GUI opens with: where locateStarterAssets() looks and when it calls
// them ready, and a real `domaintune-cli starter build --tiny` end to end (the model loads and
// runs, the sample task has several classes, the recipe's hashes match, a rerun does nothing).
#include "core/data/corpusimporter.h"
#include "core/data/debianlicenses.h"
#include "core/data/dpkgdatabase.h"
#include "core/data/generalcorpus.h"
#include "core/starter/starterassets.h"
#include "core/store/sha256.h"
#include "processrunner.h"
#include "testpaths.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace domaintune;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

/** Sets (or, for a null value, unsets) an environment variable until the end of the scope. */
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

struct CliRun
{
    int exitCode = -1;
    QJsonObject json;
    QByteArray errors;
    qint64 milliseconds = 0;
};

CliRun runCli(const QStringList& arguments)
{
    QElapsedTimer timer;
    timer.start();
    const auto result = test::runProcess(domaintune::test::cliPath(), arguments,
                                         QProcessEnvironment::systemEnvironment(), 240000);
    CliRun run;
    run.exitCode = result.exitCode;
    run.json = QJsonDocument::fromJson(result.out).object();
    run.errors = result.err;
    run.milliseconds = timer.elapsed();
    return run;
}

/** Skips the test unless at least one general-corpus package is installed. */
bool corpusPackagesInstalled()
{
    const auto installed = DpkgDatabase("/").installedVersions();
    for (const auto& source : generalCorpusSources())
        for (const auto& package : source.packages)
            if (installed.count(package))
                return true;
    return false;
}

#define SKIP_WITHOUT_CORPUS_PACKAGES()                                                             \
    if (!corpusPackagesInstalled())                                                                \
        QSKIP("none of the general-corpus packages (wordnet-base, fortunes, manpages-zh, ...) is " \
              "installed; sudo scripts/install-deps installs them");

QString sha256Of(const QString& path)
{
    return QString::fromStdString(Sha256::hexOfFile(path.toStdString()));
}

} // namespace

class TestStarter : public QObject
{
    Q_OBJECT

private slots:
    void locatesTheRootFromTheEnvironment()
    {
        {
            ScopedEnv dir("DOMAINTUNE_STARTER_DIR", "/nonexistent/starter");
            const StarterAssets assets = locateStarterAssets();
            QCOMPARE(assets.root, std::string("/nonexistent/starter"));
            QCOMPARE(assets.modelDir, std::string("/nonexistent/starter/model"));
            QCOMPARE(assets.sampleTaskFile,
                     std::string("/nonexistent/starter/sample/debian-licenses.csv"));
            QCOMPARE(assets.recipeFile, std::string("/nonexistent/starter/recipe.json"));
            QVERIFY(!assets.modelReady);
            QVERIFY(!assets.sampleReady);
        }
        ScopedEnv noDir("DOMAINTUNE_STARTER_DIR", "");
        {
            ScopedEnv cache("XDG_CACHE_HOME", "/nonexistent/cache");
            QCOMPARE(locateStarterAssets().root,
                     std::string("/nonexistent/cache/domaintune/starter"));
        }
        ScopedEnv noCache("XDG_CACHE_HOME", QByteArray());
        ScopedEnv home("HOME", "/nonexistent/home");
        QCOMPARE(defaultStarterRoot(), std::string("/nonexistent/home/.cache/domaintune/starter"));
    }

    void readinessFollowsTheRecipe()
    {
        QTemporaryDir root;
        const QString r = root.path();
        writeFile(r + "/model/config.json", "{\"model_type\": \"bert\"}");
        writeFile(r + "/model/model.safetensors", "weights");
        writeFile(r + "/model/spiece.model", "vocabulary");
        writeFile(r + "/sample/debian-licenses.csv", "text,label\n\"a\",\"b\"\n");
        const QJsonObject recipe{
            {"model",
             QJsonObject{{"sha256", sha256Of(r + "/model/model.safetensors")}, {"bytes", 7}}},
            {"sample", QJsonObject{{"sha256", sha256Of(r + "/sample/debian-licenses.csv")},
                                   {"format", kSampleFormat}}}};
        writeFile(r + "/recipe.json", QJsonDocument(recipe).toJson());
        StarterAssets assets = starterAssetsAt(r.toStdString());
        QVERIFY(assets.modelReady);
        QVERIFY(assets.sampleReady);

        // A sample of an earlier layout (labelled by licence, no "format") is made again.
        QJsonObject earlier = recipe;
        earlier["sample"] = QJsonObject{{"sha256", sha256Of(r + "/sample/debian-licenses.csv")}};
        writeFile(r + "/recipe.json", QJsonDocument(earlier).toJson());
        QVERIFY(!starterAssetsAt(r.toStdString()).sampleReady);
        earlier["sample"] =
            QJsonObject{{"sha256", sha256Of(r + "/sample/debian-licenses.csv")}, {"format", "two"}};
        writeFile(r + "/recipe.json", QJsonDocument(earlier).toJson());
        QVERIFY(!starterAssetsAt(r.toStdString()).sampleReady);
        writeFile(r + "/recipe.json", QJsonDocument(recipe).toJson());

        writeFile(r + "/model/model.safetensors", "Weights"); // same size, other bytes
        assets = starterAssetsAt(r.toStdString());
        QVERIFY(!assets.modelReady);
        QVERIFY(assets.sampleReady);

        writeFile(r + "/model/model.safetensors", "weights");
        QVERIFY(QFile::remove(r + "/model/spiece.model"));
        QVERIFY(!starterAssetsAt(r.toStdString()).modelReady);

        writeFile(r + "/recipe.json", "{ damaged");
        assets = starterAssetsAt(r.toStdString());
        QVERIFY(!assets.modelReady);
        QVERIFY(!assets.sampleReady);
    }

    void writesTheGeneralCorpus()
    {
        SKIP_WITHOUT_CORPUS_PACKAGES();
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("general.txt"));
        const CliRun run = runCli({"data", "general-corpus", "--output", output, "--max-mb", "1"});
        QVERIFY2(run.exitCode == 0, run.errors.constData());
        QVERIFY(run.json["lines"].toInt() > 100);
        QVERIFY(run.json["bytes"].toInteger() <= 1 << 20);
        QVERIFY(!run.json["sources"].toArray().isEmpty());
        QVERIFY(!run.json["licenses"].toObject().isEmpty());
        QCOMPARE(run.json["sha256"].toString(), sha256Of(output));
        for (const auto& value : run.json["sources"].toArray()) {
            const QJsonObject source = value.toObject();
            QVERIFY(!source["license"].toString().isEmpty());
            QVERIFY(!source["packages"].toObject().isEmpty());
        }
    }

    void buildsTheTinyStarterOnce()
    {
        SKIP_WITHOUT_CORPUS_PACKAGES();
        QTemporaryDir root;
        const QString r = root.path();
        const CliRun build = runCli({"starter", "build", "--tiny", "--dir", r});
        QVERIFY2(build.exitCode == 0, build.errors.constData());
        QCOMPARE(build.json["status"].toString(), QStringLiteral("built"));
        QVERIFY(build.json["model_ready"].toBool());
        QVERIFY(build.json["sample_ready"].toBool());
        qInfo("tiny starter build: %lld ms", build.milliseconds);

        // The model folder loads and runs: tokenize English and Chinese, then forward.
        const QString model = r + "/model";
        const CliRun tokens = runCli({"tokenize", "--model", model, "--text",
                                      QString::fromUtf8("The licensee may copy 自由软件.")});
        QVERIFY2(tokens.exitCode == 0, tokens.errors.constData());
        const QJsonArray ids = tokens.json["ids"].toArray();
        QVERIFY(ids.size() >= 4);
        QVERIFY(!tokens.json["tokens"].toArray().contains(QStringLiteral("<unk>")));
        writeFile(r + "/inputs.json",
                  QJsonDocument(QJsonObject{{"input_ids", QJsonArray{ids}}}).toJson());
        const CliRun forward =
            runCli({"forward", "--model", model, "--inputs", r + "/inputs.json"});
        QVERIFY2(forward.exitCode == 0, forward.errors.constData());
        const QJsonArray logits = forward.json["logits"].toArray();
        QCOMPARE(logits.size(), 1);
        QCOMPARE(logits[0].toArray().size(), ids.size());

        // The sample task is a real classification task, labelled by licence family (the
        // first run on it learns: docs/starter-model.md), with the licence in its own column.
        const std::string sampleFile = r.toStdString() + "/sample/debian-licenses.csv";
        const Corpus sample = importCorpus(sampleFile);
        QVERIFY(sample.size() >= 50);
        QVERIFY(sample.labelCounts().size() >= 2);
        for (const auto& [family, count] : sample.labelCounts())
            QVERIFY2(licenseFamily(family) == family, family.c_str()); // no "GPL-2+"
        ImportOptions byLicence;
        byLicence.mapping.label = "licence";
        const Corpus licences = importCorpus(sampleFile, byLicence);
        QCOMPARE(licences.size(), sample.size());
        QVERIFY(licences.labelCounts().size() > sample.labelCounts().size());
        for (const auto& [licence, count] : licences.labelCounts())
            QVERIFY2(sample.labelCounts().count(licenseFamily(licence)), licence.c_str());

        // The recipe names what went in and hashes what came out.
        QFile recipeFile(r + "/recipe.json");
        QVERIFY(recipeFile.open(QIODevice::ReadOnly));
        const QJsonObject recipe = QJsonDocument::fromJson(recipeFile.readAll()).object();
        QCOMPARE(recipe["model"].toObject()["sha256"].toString(),
                 sha256Of(model + "/model.safetensors"));
        QCOMPARE(recipe["sample"].toObject()["sha256"].toString(),
                 sha256Of(r + "/sample/debian-licenses.csv"));
        QCOMPARE(recipe["inputs"].toObject()["training"].toObject()["seed"].toInt(), 42);
        QVERIFY(!recipe["inputs"].toObject()["packages"].toObject().isEmpty());
        QCOMPARE(recipe["corpus"].toObject()["sha256"].toString().size(), 64);
        QVERIFY(recipe["model"].toObject()["heldout_metrics"].toObject().contains("perplexity"));
        QVERIFY(!QFileInfo::exists(r + "/.build"));

        // A second call finds everything in place and does nothing.
        const QDateTime written = QFileInfo(model + "/model.safetensors").lastModified();
        const CliRun again = runCli({"starter", "build", "--tiny", "--dir", r});
        QVERIFY2(again.exitCode == 0, again.errors.constData());
        QCOMPARE(again.json["status"].toString(), QStringLiteral("up-to-date"));
        QVERIFY(!again.json["built_model"].toBool());
        QCOMPARE(QFileInfo(model + "/model.safetensors").lastModified(), written);
        QVERIFY2(again.milliseconds < 10000, qPrintable(QString::number(again.milliseconds)));

        const CliRun status = runCli({"starter", "status", "--dir", r});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.json["model_ready"].toBool());
        QCOMPARE(status.json["sample_task_file"].toString(), r + "/sample/debian-licenses.csv");

        // A damaged model is noticed and rebuilt.
        writeFile(model + "/model.safetensors", "damaged");
        const CliRun repair = runCli({"starter", "build", "--tiny", "--dir", r});
        QVERIFY2(repair.exitCode == 0, repair.errors.constData());
        QVERIFY(repair.json["built_model"].toBool());
        QVERIFY(!repair.json["built_sample"].toBool());
        QVERIFY(starterAssetsAt(r.toStdString()).modelReady);
        QVERIFY(starterAssetsAt(r.toStdString()).sampleReady); // its record was kept
    }

    void theShippedStarterMatchesItsRecipe()
    {
        // assets/starter is part of the repository: its weights must be the recipe's, small,
        // and load and run like any model folder.
        const QString shipped = domaintune::test::sourcePath("/assets/starter");
        QFile recipeFile(shipped + "/recipe.json");
        QVERIFY2(recipeFile.open(QIODevice::ReadOnly), qPrintable(recipeFile.fileName()));
        const QJsonObject recipe = QJsonDocument::fromJson(recipeFile.readAll()).object();
        const QString weights = shipped + "/model/model.safetensors";
        QCOMPARE(recipe["model"].toObject()["sha256"].toString(), sha256Of(weights));
        QVERIFY(QFileInfo(weights).size() < 10'000'000);
        QCOMPARE(recipe["inputs"].toObject()["preset"].toString(), QStringLiteral("default"));
        QVERIFY(recipe["model"].toObject()["steps"].toInt() >= 1000);
        const CliRun tokens =
            runCli({"tokenize", "--model", shipped + "/model", "--text",
                    QString::fromUtf8("The licensee may redistribute the software. 自由软件")});
        QVERIFY2(tokens.exitCode == 0, tokens.errors.constData());
        QVERIFY(!tokens.json["tokens"].toArray().contains(QStringLiteral("<unk>")));
    }

    void buildUsesTheShippedModel()
    {
        SKIP_WITHOUT_CORPUS_PACKAGES();
        // A shipped starter made of a tiny build's model and the real shipped recipe's
        // settings: `starter build` (default preset) must copy it, not pretrain.
        QTemporaryDir work;
        const QString tiny = work.filePath(QStringLiteral("tiny"));
        const CliRun built = runCli({"starter", "build", "--tiny", "--dir", tiny});
        QVERIFY2(built.exitCode == 0, built.errors.constData());
        QFile real(domaintune::test::sourcePath("/assets/starter/recipe.json"));
        QVERIFY(real.open(QIODevice::ReadOnly));
        QJsonObject recipe = QJsonDocument::fromJson(real.readAll()).object();
        const QString shipped = work.filePath(QStringLiteral("shipped"));
        QVERIFY(QDir().mkpath(shipped + "/model"));
        for (const QString& name : QDir(tiny + "/model").entryList(QDir::Files))
            QVERIFY(QFile::copy(tiny + "/model/" + name, shipped + "/model/" + name));
        QJsonObject model = recipe["model"].toObject();
        model["sha256"] = sha256Of(shipped + "/model/model.safetensors");
        model["bytes"] = QFileInfo(shipped + "/model/model.safetensors").size();
        recipe["model"] = model;
        writeFile(shipped + "/recipe.json", QJsonDocument(recipe).toJson());

        ScopedEnv use("DOMAINTUNE_SHIPPED_STARTER", shipped.toUtf8());
        const QString root = work.filePath(QStringLiteral("root"));
        const CliRun build = runCli({"starter", "build", "--dir", root});
        QVERIFY2(build.exitCode == 0, build.errors.constData());
        QVERIFY(build.errors.contains("shipped with DomainTune"));
        QCOMPARE(build.json["status"].toString(), QStringLiteral("built"));
        QVERIFY(build.json["model_ready"].toBool());
        QVERIFY(build.json["sample_ready"].toBool());
        QVERIFY2(build.milliseconds < 60000, qPrintable(QString::number(build.milliseconds)));
        QCOMPARE(sha256Of(root + "/model/model.safetensors"), model["sha256"].toString());
        QFile written(root + "/recipe.json");
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QJsonObject result = QJsonDocument::fromJson(written.readAll()).object();
        QCOMPARE(result["origin"].toObject()["shipped"].toString(), shipped);
        QCOMPARE(result["model"].toObject()["sha256"].toString(), model["sha256"].toString());

        const CliRun again = runCli({"starter", "build", "--dir", root});
        QVERIFY2(again.exitCode == 0, again.errors.constData());
        QCOMPARE(again.json["status"].toString(), QStringLiteral("up-to-date"));

        // Weights that do not match the shipped recipe are refused: the build says so and
        // starts pretraining instead (stopped here once the message is out).
        writeFile(shipped + "/model/model.safetensors", "damaged");
        QProcess refused;
        refused.start(domaintune::test::cliPath(),
                      {"starter", "build", "--dir", root, "--force", "--threads", "1"});
        QVERIFY(refused.waitForStarted());
        QByteArray errors;
        QElapsedTimer waited;
        waited.start();
        while (!errors.contains("pretraining here instead") && waited.elapsed() < 60000 &&
               refused.state() == QProcess::Running) {
            refused.waitForReadyRead(1000);
            errors += refused.readAllStandardError();
        }
        refused.kill();
        refused.waitForFinished();
        QVERIFY2(errors.contains("does not match its recipe's SHA-256"), errors.constData());
        QVERIFY(!errors.contains("shipped with DomainTune ("));
    }
};

QTEST_APPLESS_MAIN(TestStarter)
#include "teststarter.moc"
