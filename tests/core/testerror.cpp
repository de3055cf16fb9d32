#include "core/common/error.h"

#include <QtTest>

using domaintune::Error;

class TestError : public QObject
{
    Q_OBJECT

private slots:
    void composesFileLineWhatAndHint_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("hint");
        QTest::addColumn<QString>("expected");
        QTest::newRow("all parts") << "data.csv" << qint64(12) << "unterminated quote"
                                   << "Close the quote or choose another delimiter."
                                   << "data.csv:12: unterminated quote. Close the quote or "
                                      "choose another delimiter.";
        QTest::newRow("no line") << "vocab.txt" << qint64(0) << "file is empty"
                                 << ""
                                 << "vocab.txt: file is empty";
        QTest::newRow("no file") << "" << qint64(3) << "bad value."
                                 << "Use a number."
                                 << "bad value. Use a number.";
    }

    void composesFileLineWhatAndHint()
    {
        QFETCH(QString, file);
        QFETCH(qint64, line);
        QFETCH(QString, what);
        QFETCH(QString, hint);
        QFETCH(QString, expected);
        const Error error(file.toStdString(), line, what.toStdString(), hint.toStdString());
        QCOMPARE(QString::fromUtf8(error.what()), expected);
        QCOMPARE(QString::fromStdString(error.file()), file);
        QCOMPARE(qint64(error.line()), line);
        QCOMPARE(QString::fromStdString(error.hint()), hint);
    }

    void plainMessageIsKeptVerbatim()
    {
        const Error error("Model folder has no config.json.");
        QCOMPARE(QString::fromUtf8(error.what()),
                 QStringLiteral("Model folder has no config.json."));
        QVERIFY(error.file().empty());
        QCOMPARE(error.line(), std::int64_t(0));
    }

    void isCatchableAsStdException()
    {
        try {
            throw Error("x.json", 1, "not JSON");
        } catch (const std::exception& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("x.json:1: not JSON"));
            return;
        }
        QFAIL("Error was not caught as std::exception");
    }
};

QTEST_APPLESS_MAIN(TestError)
#include "testerror.moc"
