// `domaintune-cli tokenize` as DESIGN.md specifies it, run as a real process on the shared
// bert-base-uncased and GPT-2 vocabularies (skips without ../shared).
#include "processrunner.h"
#include "testpaths.h"
#include "testsupport.h"

#include <QtTest>

namespace {

using Result = domaintune::test::ProcessResult;

Result run(const QStringList& arguments)
{
    return domaintune::test::runProcess(domaintune::test::cliPath(), arguments);
}

QList<int> ints(const QJsonValue& value)
{
    QList<int> out;
    for (const QJsonValue& v : value.toArray())
        out << v.toInt();
    return out;
}

} // namespace

class TestTokenizeCli : public QObject
{
    Q_OBJECT

private slots:
    void bertWithSpecialTokens()
    {
        DOMAINTUNE_SHARED_OR_SKIP(bert, "tokenizers/bert-base-uncased");
        const Result result = run({QStringLiteral("tokenize"), QStringLiteral("--model"), bert,
                                   QStringLiteral("--text"), QStringLiteral("Héllo, world!")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.count('\n'), 1);
        const QJsonObject json = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(ints(json.value(QStringLiteral("ids"))),
                 (QList<int>{101, 7592, 1010, 2088, 999, 102}));
        QCOMPARE(json.value(QStringLiteral("tokens")).toArray().first().toString(),
                 QStringLiteral("[CLS]"));
        const QJsonArray offsets = json.value(QStringLiteral("offsets")).toArray();
        QCOMPARE(offsets.size(), 6);
        QCOMPARE(ints(offsets[0]), (QList<int>{0, 0}));
        QCOMPARE(ints(offsets[1]), (QList<int>{0, 6})); // "Héllo" is 6 bytes
        QCOMPARE(ints(offsets[3]), (QList<int>{8, 13}));
    }

    void gpt2FromAJsonlFile()
    {
        DOMAINTUNE_SHARED_OR_SKIP(gpt2, "tokenizers/gpt2");
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("texts.jsonl"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\"Hello world\"\n\n{\"text\": \" tab\\tseparated\", \"label\": 1}\n\"\"\n");
        file.close();
        const Result result =
            run({QStringLiteral("tokenize"), QStringLiteral("--model"), gpt2,
                 QStringLiteral("--input"), input, QStringLiteral("--no-special-tokens")});
        QCOMPARE(result.exitCode, 0);
        const QList<QByteArray> lines = result.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(ints(first.value(QStringLiteral("ids"))), (QList<int>{15496, 995}));
        QCOMPARE(first.value(QStringLiteral("tokens")).toArray()[1].toString(),
                 QStringLiteral("Ġworld"));
        QCOMPARE(ints(first.value(QStringLiteral("offsets")).toArray()[1]), (QList<int>{5, 11}));
        const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(ints(second.value(QStringLiteral("ids"))), (QList<int>{7400, 197, 25512, 515}));
        QCOMPARE(QJsonDocument::fromJson(lines[2])
                     .object()
                     .value(QStringLiteral("ids"))
                     .toArray()
                     .size(),
                 0);
    }

    void badLinesNameFileAndLine()
    {
        DOMAINTUNE_SHARED_OR_SKIP(bert, "tokenizers/bert-base-uncased");
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("bad.jsonl"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\"fine\"\n{\"txt\": \"no text field\"}\n");
        file.close();
        Result result = run({QStringLiteral("tokenize"), QStringLiteral("--model"), bert,
                             QStringLiteral("--input"), input});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(result.err.count('\n'), 2); // the tokenizer line, then the one-line reason
        QVERIFY2(result.err.contains((input + QStringLiteral(":2:")).toUtf8()), result.err);

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("[1, 2]\n");
        file.close();
        result = run({QStringLiteral("tokenize"), QStringLiteral("--model"), bert,
                      QStringLiteral("--input"), input});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains((input + QStringLiteral(":1:")).toUtf8()), result.err);
    }

    void badUsage()
    {
        const Result neither = run({QStringLiteral("tokenize"), QStringLiteral("--model"),
                                    QStringLiteral("/nonexistent")});
        QCOMPARE(neither.exitCode, 1);
        QVERIFY(neither.err.contains("--text"));
        // A folder given as --input: said, not an empty success.
        QTemporaryDir folder;
        QFile vocab(folder.filePath(QStringLiteral("vocab.txt")));
        QVERIFY(vocab.open(QIODevice::WriteOnly));
        vocab.write("[PAD]\n[UNK]\n[CLS]\n[SEP]\nword\n");
        vocab.close();
        const Result directory = run({QStringLiteral("tokenize"), QStringLiteral("--model"),
                                      vocab.fileName(), QStringLiteral("--input"), folder.path()});
        QCOMPARE(directory.exitCode, 1);
        QVERIFY2(directory.err.contains("is a folder, not a file of texts"),
                 directory.err.constData());
        const Result missing = run({QStringLiteral("tokenize"), QStringLiteral("--model"),
                                    QStringLiteral("/nonexistent/model"), QStringLiteral("--text"),
                                    QStringLiteral("x")});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err.count('\n'), 1);
        QVERIFY(missing.err.contains("/nonexistent/model"));
        const Result help = run({QStringLiteral("tokenize"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("usage: domaintune-cli tokenize"));
    }
};

QTEST_GUILESS_MAIN(TestTokenizeCli)
#include "testtokenizecli.moc"
