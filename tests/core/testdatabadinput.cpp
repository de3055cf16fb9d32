#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "datatestutil.h"

#include <QtTest>

using namespace domaintune;
using domaintune::test::writeFile;

namespace {

ImportOptions stopAtFirst()
{
    ImportOptions options;
    options.policy = BadInputPolicy::StopAtFirst;
    return options;
}

// Imports @p path under StopAtFirst and returns the error's line (-1 when nothing was thrown).
std::int64_t stopLine(const std::string& path, std::string* what = nullptr)
{
    try {
        importCorpus(path, stopAtFirst());
    } catch (const Error& e) {
        if (what)
            *what = e.what();
        // Every problem names the file and says what to do; -2 flags a message without them.
        return e.file() == path && !e.hint().empty() ? e.line() : -2;
    }
    return -1;
}

} // namespace

class TestDataBadInput : public QObject
{
    Q_OBJECT

private slots:
    void raggedRows()
    {
        QTemporaryDir dir;
        const std::string path =
            writeFile(dir, "r.csv", "text,label\na,x\nb,x,extra\nc\nd,y\ne,x\nf,y\n");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.size(), std::size_t(4));
        QCOMPARE(corpus.report().skippedRecords(), std::size_t(2));
        QCOMPARE(corpus.report().issues()[0].line, std::int64_t(3));
        QCOMPARE(corpus.report().issues()[1].line, std::int64_t(4));
        QVERIFY(corpus.report().issues()[0].what.find("expected 2 fields, found 3") !=
                std::string::npos);
        QCOMPARE(stopLine(path), std::int64_t(3));
    }

    void classicMacLineEndings()
    {
        // CR alone ends the lines (no LF anywhere): 3 rows of 2 columns, not 1 row of 4.
        QTemporaryDir dir;
        const std::string path =
            writeFile(dir, "mac.csv", "text,label\rProfit rose,pos\rSales fell,neg\rFlat,neu\r");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.size(), std::size_t(3));
        QCOMPARE(corpus.examples()[1].text, std::string("Sales fell"));
        QCOMPARE(corpus.report().issueCount(), std::size_t(0));
        // A stray CR inside a line of an LF file stays in its line.
        const std::string lf = writeFile(dir, "lf.csv", "text,label\na\rb,x\nc,y\n");
        QCOMPARE(importCorpus(lf).size(), std::size_t(2));
    }

    void unterminatedQuote()
    {
        QTemporaryDir dir;
        const std::string path =
            writeFile(dir, "u.csv", "text,label\nfine,x\n\"broken,x\nafter one,y\nafter two,x\n");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.report().skippedRecords(), std::size_t(1));
        QCOMPARE(corpus.report().issues()[0].line, std::int64_t(3));
        // The reader resumes after the bad line: nothing else is lost.
        QCOMPARE(corpus.size(), std::size_t(3));
        QCOMPARE(corpus.examples()[2].text, std::string("after two"));
        std::string what;
        QCOMPARE(stopLine(path, &what), std::int64_t(3));
        QVERIFY(what.find("never closed") != std::string::npos);
    }

    void mixedEncodings()
    {
        QTemporaryDir dir;
        std::string text = "text,label\n";
        for (int i = 0; i < 8; ++i)
            text += "caf\xC3\xA9 cr\xC3\xA8me " + std::to_string(i) + ",x\n";
        text += "caf\xE9 latin-1,y\n"; // line 10
        const std::string path = writeFile(dir, "m.csv", text);
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.sources()[0].encoding, std::string("UTF-8"));
        QCOMPARE(corpus.size(), std::size_t(9));
        QCOMPARE(corpus.report().invalidSequences(), std::size_t(1));
        QCOMPARE(corpus.report().issues()[0].line, std::int64_t(10));
        QCOMPARE(corpus.examples()[8].text, std::string("caf\xEF\xBF\xBD latin-1"));
        QCOMPARE(stopLine(path), std::int64_t(10));
    }

    void halfUtf8HalfLatin1IsReadLineByLine()
    {
        // As many latin-1 lines as UTF-8 ones: neither "mostly UTF-8" nor one legacy encoding.
        // Each line is read in its own encoding and the latin-1 ones are reported.
        QTemporaryDir dir;
        std::string text = "text,label\n";
        for (int i = 0; i < 4; ++i) {
            text += "caf\xC3\xA9 utf " + std::to_string(i) + ",x\n";
            text += "caf\xE9 latin " + std::to_string(i) + ",y\n";
        }
        const std::string path = writeFile(dir, "half.csv", text);
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.size(), std::size_t(8));
        for (const auto& example : corpus.examples())
            QVERIFY2(example.text.rfind("caf\xC3\xA9 ", 0) == 0, example.text.c_str());
        QCOMPARE(corpus.report().issues().size(), std::size_t(4));
        QCOMPARE(corpus.report().issues()[0].line, std::int64_t(3));
        QVERIFY2(corpus.report().issues()[0].what.find("not UTF-8 like the rest") !=
                     std::string::npos,
                 corpus.report().issues()[0].what.c_str());
    }

    void blankLabels()
    {
        QTemporaryDir dir;
        const std::string path =
            writeFile(dir, "b.csv", "text,label\na,x\nb,\nc,y\nd,  \ne,x\nf,y\n");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.size(), std::size_t(4));
        QCOMPARE(corpus.report().skippedRecords(), std::size_t(2));
        QCOMPARE(corpus.report().issues()[0].line, std::int64_t(3));
        QCOMPARE(corpus.report().issues()[1].line, std::int64_t(5));
        QCOMPARE(stopLine(path), std::int64_t(3));
    }

    void brokenConllLine()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "c.conll",
                                           "EU\tB-ORG\nrejects\tO\n\nGerman\tB-MISC\n"
                                           "call broken line\n\nPeter\tB-PER\nBlackburn\tI-PER\n");
        ImportOptions options;
        options.format = CorpusFormat::Conll;
        const Corpus corpus = importCorpus(path, options);
        QCOMPARE(corpus.size(), std::size_t(2)); // the broken sentence is skipped
        QCOMPARE(corpus.report().issues()[0].line, std::int64_t(5));
        QCOMPARE(corpus.examples()[1].tokens, (std::vector<std::string>{"Peter", "Blackburn"}));
        options.policy = BadInputPolicy::StopAtFirst;
        QVERIFY_THROWS_EXCEPTION(Error, importCorpus(path, options));
    }

    void emptyFile()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "empty.csv", "");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.size(), std::size_t(0));
        QCOMPARE(corpus.report().issueCount(), std::size_t(1));
        QVERIFY(corpus.report().issues()[0].what.find("empty") != std::string::npos);
        QCOMPARE(stopLine(path), std::int64_t(0));
    }

    void binaryFile()
    {
        QTemporaryDir dir;
        std::string bytes("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0", 20);
        for (int i = 0; i < 4096; ++i)
            bytes += static_cast<char>((i * 7919) % 256);
        const std::string path = writeFile(dir, "image.csv", bytes);
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.size(), std::size_t(0));
        QVERIFY(corpus.report().issues()[0].what.find("binary") != std::string::npos);
        QCOMPARE(stopLine(path), std::int64_t(0));
    }

    void unknownColumnIsAnError()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "k.csv", "text,label\na,x\n");
        ImportOptions options;
        options.mapping.text = "body";
        QVERIFY_THROWS_EXCEPTION(Error, importCorpus(path, options));
    }
};

QTEST_APPLESS_MAIN(TestDataBadInput)
#include "testdatabadinput.moc"
