// Finding the tokenizer in a model folder or file, and bad input of every kind: broken
// vocabularies, missing specials, invalid UTF-8, empty text, control characters, 10 MB lines.
#include "core/common/error.h"
#include "core/text/tokenizerfactory.h"
#include "tokenizerfixtures.h"

#include <QtTest>

using namespace domaintune;

namespace {

QString errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestTokenizerFactory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeFile(m_dir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab(test::kWordPieceTokens));
        m_bert = loadTokenizer(m_dir.path().toStdString());
    }

    void detectsTheKind()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        QVERIFY(errorOf([&] { detectTokenizerFiles(path); }).contains("no tokenizer found"));
        test::writeFile(dir.filePath(QStringLiteral("tokenizer.json")), "{}");
        QCOMPARE(detectTokenizerFiles(path).kind, TokenizerKind::TokenizerJson);
        test::writeFile(dir.filePath(QStringLiteral("spiece.model")), "x");
        QCOMPARE(detectTokenizerFiles(path).kind, TokenizerKind::SentencePiece);
        test::writeByteLevelBpe(dir.path(), {QStringLiteral("a b")});
        QCOMPARE(detectTokenizerFiles(path).kind, TokenizerKind::ByteLevelBpe);
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")), "[UNK]\n");
        QCOMPARE(detectTokenizerFiles(path).kind, TokenizerKind::WordPiece);

        // Single files.
        const auto kindOf = [&](const char* name) {
            return detectTokenizerFiles(dir.filePath(QString::fromLatin1(name)).toStdString()).kind;
        };
        QCOMPARE(kindOf("vocab.txt"), TokenizerKind::WordPiece);
        QCOMPARE(kindOf("vocab.json"), TokenizerKind::ByteLevelBpe);
        QCOMPARE(kindOf("merges.txt"), TokenizerKind::ByteLevelBpe);
        QCOMPARE(kindOf("spiece.model"), TokenizerKind::SentencePiece);
        QCOMPARE(kindOf("tokenizer.json"), TokenizerKind::TokenizerJson);
        QVERIFY(errorOf([&] { kindOf("missing.txt"); }).contains("no such file"));
        QCOMPARE(QString::fromStdString(tokenizerKindName(TokenizerKind::ByteLevelBpe)),
                 QStringLiteral("bpe"));
    }

    void duplicateTokenNamesFileAndLine()
    {
        QTemporaryDir dir;
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")),
                        "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\nworld\nhello\n");
        const QString error = errorOf([&] { loadTokenizer(dir.path().toStdString()); });
        QVERIFY2(error.contains(dir.filePath(QStringLiteral("vocab.txt")) + QStringLiteral(":7:")),
                 qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("duplicate token 'hello'")));
    }

    void missingSpecialsAreNamed()
    {
        QTemporaryDir dir;
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")), "[PAD]\n[CLS]\n[SEP]\nhello\n");
        QVERIFY(errorOf([&] { loadTokenizer(dir.path().toStdString()); }).contains("[UNK]"));
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")), "[PAD]\n[UNK]\n[SEP]\nhello\n");
        const QString error = errorOf([&] { loadTokenizer(dir.path().toStdString()); });
        QVERIFY2(error.contains("[CLS]") && error.contains("vocab.txt"), qPrintable(error));
    }

    void badMergesAndVocabJson()
    {
        QTemporaryDir dir;
        test::writeByteLevelBpe(dir.path(), {QStringLiteral("a b")});
        test::writeFile(dir.filePath(QStringLiteral("merges.txt")), "#version: 0.2\na b\nq zz\n");
        QString error = errorOf([&] { loadTokenizer(dir.path().toStdString()); });
        QVERIFY2(error.contains("merges.txt:3:") && error.contains("q zz"), qPrintable(error));
        test::writeFile(dir.filePath(QStringLiteral("merges.txt")), "a b c\n");
        error = errorOf([&] { loadTokenizer(dir.path().toStdString()); });
        QVERIFY2(error.contains("merges.txt:1:"), qPrintable(error));
        test::writeFile(dir.filePath(QStringLiteral("vocab.json")), "{\"a\": 0,");
        error = errorOf([&] { loadTokenizer(dir.path().toStdString()); });
        QVERIFY2(error.contains("vocab.json") && error.contains("JSON"), qPrintable(error));
        test::writeFile(dir.filePath(QStringLiteral("merges.txt")), "#version: 0.2\n");
        test::writeFile(dir.filePath(QStringLiteral("vocab.json")), R"({"a": 0, "b": 1})");
        error = errorOf([&] { loadTokenizer(dir.path().toStdString()); });
        QVERIFY2(error.contains("256 byte"), qPrintable(error));
    }

    void badTokenizerConfigIsNamed()
    {
        QTemporaryDir dir;
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab(test::kWordPieceTokens));
        test::writeFile(dir.filePath(QStringLiteral("tokenizer_config.json")), "{oops");
        QVERIFY(errorOf([&] {
                    loadTokenizer(dir.path().toStdString());
                }).contains("tokenizer_config.json"));
    }

    void invalidUtf8IsReplacedAndReported()
    {
        const std::string text = "hello \xFF\xFE world \xE4\xB8"; // stray bytes, truncated 中
        const Encoding encoding = m_bert->encode(text);
        QCOMPARE(encoding.invalidUtf8, std::size_t(3)); // FF, FE, and the truncated E4 B8
        QCOMPARE(encoding.tokens, (std::vector<std::string>{"[CLS]", "hello", "world", "[SEP]"}));
        QCOMPARE(encoding.offsets[2], (ByteSpan{9, 14}));

        std::size_t invalid = 0;
        const auto tokens = m_bert->tokenize(std::string("\xC3\x28", 2), &invalid);
        QCOMPARE(invalid, std::size_t(1));
        QCOMPARE(tokens.size(), std::size_t(1)); // "(" survives with its own offset
        QCOMPARE(tokens[0].begin, 1u);
    }

    void emptyAndControlText()
    {
        QCOMPARE(m_bert->tokenize("").size(), std::size_t(0));
        QCOMPARE(m_bert->encode("").tokens, (std::vector<std::string>{"[CLS]", "[SEP]"}));
        const std::string controls("\x00\x01\x02\x1b\x7f", 5);
        QCOMPARE(m_bert->tokenize(controls).size(), std::size_t(0));
        const auto tokens = m_bert->tokenize(std::string("the\x00\x07 cat", 9));
        QCOMPARE(tokens.size(), std::size_t(2));
        QCOMPARE(tokens[1].begin, 6u);
    }

    void tenMegabyteLine()
    {
        std::string line;
        while (line.size() < 10u << 20)
            line += "the cat sat on the mat, hello world! ";
        QElapsedTimer timer;
        timer.start();
        const std::vector<Token> tokens = m_bert->tokenize(line);
        QVERIFY(tokens.size() > 2'000'000);
        QCOMPARE(std::size_t(tokens.back().end), line.size() - 1);
        QVERIFY2(timer.elapsed() < 30000, "a 10 MB line took longer than 30 s");
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Tokenizer> m_bert;
};

QTEST_APPLESS_MAIN(TestTokenizerFactory)
#include "testtokenizerfactory.moc"
