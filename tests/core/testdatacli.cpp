// Runs the real `domaintune-cli data inspect`, `data split` and `data debian-licenses` and
// checks their JSON.

#include "testpaths.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QJsonObject json;
    QByteArray errors;
};

Run runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(domaintune::test::cliPath(), arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitCode();
    run.json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    run.errors = process.readAllStandardError();
    return run;
}

void writeText(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestDataCli : public QObject
{
    Q_OBJECT

private slots:
    void inspectPhraseBank()
    {
        DOMAINTUNE_SHARED_OR_SKIP(path, "data/finance/financial-phrasebank.csv");
        const Run run = runCli({"data", "inspect", path});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json["format"].toString(), QStringLiteral("csv"));
        QCOMPARE(run.json["encoding"].toString(), QStringLiteral("ISO-8859-1"));
        QCOMPARE(run.json["rows"].toInt(), 4846);
        QCOMPARE(run.json["columns"].toArray().size(), 2);
        QCOMPARE(run.json["labels"].toObject()["neutral"].toInt(), 2879);
        QCOMPARE(run.json["fingerprint"].toString().size(), 64);
    }

    void inspectWithEncodingOverrideAndTokenizer()
    {
        QTemporaryDir dir;
        writeText(dir.filePath("t.csv"), "text,label\ncaf\xE9 the bank,a\nthe banks,b\n");
        writeText(dir.filePath("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\nbank\n##s\n");
        const Run run = runCli({"data", "inspect", dir.filePath("t.csv"), "--encoding", "latin-1",
                                "--model", dir.filePath("vocab.txt")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json["encoding"].toString(), QStringLiteral("ISO-8859-1"));
        QCOMPARE(run.json["rows"].toInt(), 2);
        const QJsonObject stats = run.json["statistics"].toObject();
        QCOMPARE(stats["tokens"].toInt(), 6); // café->[UNK] the bank | the bank ##s
        QCOMPARE(stats["unknown_token"].toString(), QStringLiteral("[UNK]"));
        QVERIFY(stats["token_lengths"].toObject()["histogram"].toArray().size() >= 1);
    }

    void inspectConllWithSplits()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, "data/finance/sec-filings-ner");
        const Run run = runCli({"data", "inspect", "train=" + folder + "/FIN5.txt",
                                "test=" + folder + "/FIN3.txt", "--no-near-duplicates"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json["format"].toString(), QStringLiteral("conll"));
        QCOMPARE(run.json["rows"].toInt(), 1467); // sentences: 1,164 + 303
        QCOMPARE(run.json["splits"].toObject()["test"].toInt(), 303);
        const QJsonObject first = run.json["sources"].toArray()[0].toObject();
        QCOMPARE(first["tag_scheme"].toString(), QStringLiteral("IO"));
    }

    // Memory stays bounded whatever the data's size: beyond --max-held-mb the statistics cover
    // the examples held, rows and labels still every example, and no fingerprint of a prefix.
    void inspectHoldsAtMostItsBudget()
    {
        QTemporaryDir dir;
        QByteArray csv = "text,label\n";
        const QByteArray filler(2000, 'y');
        for (int i = 0; i < 1500; ++i) // 3 MB
            csv += "text " + QByteArray::number(i) + " " + filler + "," + (i % 2 ? "odd" : "even") +
                   "\n";
        writeText(dir.filePath("big.csv"), csv);
        const Run run = runCli({"data", "inspect", dir.filePath("big.csv"), "--max-held-mb", "1"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json["rows"].toInt(), 1500);
        QCOMPARE(run.json["labels"].toObject()["odd"].toInt(), 750);
        const QJsonObject held = run.json["held"].toObject();
        QVERIFY(held["partial"].toBool());
        const int kept = held["examples"].toInt();
        QVERIFY2(kept > 300 && kept < 520, QByteArray::number(kept).constData());
        QVERIFY(held["megabytes"].toDouble() <= 1.0);
        QCOMPARE(run.json["statistics"].toObject()["examples"].toInt(), kept);
        QVERIFY(run.json["fingerprint"].isNull());
        QVERIFY2(run.errors.contains("cover the first " + QByteArray::number(kept) + " of 1500"),
                 run.errors.constData());

        const Run whole = runCli({"data", "inspect", dir.filePath("big.csv")});
        QCOMPARE(whole.exitCode, 0);
        QVERIFY(!whole.json["held"].toObject()["partial"].toBool());
        QCOMPARE(whole.json["statistics"].toObject()["examples"].toInt(), 1500);
        QCOMPARE(whole.json["fingerprint"].toString().size(), 64);

        const Run zero = runCli({"data", "inspect", dir.filePath("big.csv"), "--max-held-mb", "0"});
        QCOMPARE(zero.exitCode, 1);
        QVERIFY(zero.errors.contains("--max-held-mb takes a number of megabytes"));
        const Run split = runCli({"data", "split", dir.filePath("big.csv"), "--output",
                                  dir.filePath("out"), "--max-held-mb", "1"});
        QCOMPARE(split.exitCode, 1);
        QVERIFY(split.errors.contains("--max-held-mb is for data inspect"));
    }

    void splitWritesJsonl()
    {
        QTemporaryDir dir;
        QByteArray csv = "text,label\n";
        for (int i = 0; i < 100; ++i)
            csv += "sentence number " + QByteArray::number(i) + " about things," +
                   (i % 2 ? "odd" : "even") + "\n";
        csv += "sentence number 0 about things,even\n"; // an exact duplicate
        writeText(dir.filePath("in.csv"), csv);
        const QString out = dir.filePath("out");
        const Run run = runCli({"data", "split", dir.filePath("in.csv"), "--output", out, "--seed",
                                "3", "--drop-duplicates"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json["dropped"].toInt(), 1);
        QCOMPARE(run.json["rows"].toInt(), 100);
        const QJsonObject splits = run.json["splits"].toObject();
        QCOMPARE(splits["train"].toInt() + splits["validation"].toInt() + splits["test"].toInt(),
                 100);
        QFile train(out + "/train.jsonl");
        QVERIFY(train.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = train.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), splits["train"].toInt());
        QVERIFY(QJsonDocument::fromJson(lines[0]).object().contains("labels"));
        // Same seed, same split.
        const Run again = runCli({"data", "split", dir.filePath("in.csv"), "--output",
                                  dir.filePath("again"), "--seed", "3", "--drop-duplicates"});
        QCOMPARE(again.json["fingerprint"].toString(), run.json["fingerprint"].toString());
    }

    void failuresExitNonZero()
    {
        QTemporaryDir dir;
        writeText(dir.filePath("bad.csv"), "text,label\na,x\nb,y,z\n");
        const Run stop = runCli({"data", "inspect", dir.filePath("bad.csv"), "--stop-at-first"});
        QVERIFY(stop.exitCode != 0);
        QVERIFY(stop.errors.contains("bad.csv:3"));
        const Run missing = runCli({"data", "inspect", dir.filePath("nope.csv")});
        QVERIFY(missing.exitCode != 0);
    }

    void licencesByLicenceOrFamily()
    {
        QTemporaryDir docs;
        const QByteArray header =
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n";
        for (const char* version : {"2", "3+"}) {
            QDir().mkpath(docs.filePath(version));
            writeText(docs.filePath(QStringLiteral("%1/copyright").arg(version)),
                      header + "License: GPL-" + version +
                          "\n This program is free software; you can redistribute it under the "
                          "terms of the GNU General Public License, version " +
                          version + ".\n");
        }
        const QString out = docs.filePath("licences.jsonl");
        const QStringList base{"data",       "debian-licenses", "--output",        out,
                               "--doc-root", docs.path(),       "--min-per-label", "2"};
        // Two GPL versions, one text each: too few per licence, enough for the family.
        const Run byLicence = runCli(base);
        QVERIFY(byLicence.exitCode != 0);
        QVERIFY2(byLicence.errors.contains("--min-per-label"), byLicence.errors.constData());
        const Run byFamily = runCli(base + QStringList{"--by", "family"});
        QVERIFY2(byFamily.exitCode == 0, byFamily.errors.constData());
        QCOMPARE(byFamily.json["rows"].toInt(), 2);
        QCOMPARE(byFamily.json["labels"].toObject()["GPL"].toInt(), 2);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(first["label"].toString(), QStringLiteral("GPL"));
        QCOMPARE(first["licence"].toString(), QStringLiteral("GPL-2"));
        const Run wrong = runCli(base + QStringList{"--by", "colour"});
        QVERIFY(wrong.exitCode != 0);
        QVERIFY2(wrong.errors.contains("--by takes licence or family"), wrong.errors.constData());
    }
};

QTEST_GUILESS_MAIN(TestDataCli)
#include "testdatacli.moc"
