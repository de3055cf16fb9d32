// WordPiece with BERT's BasicTokenizer semantics on a tiny vocabulary: lower-casing, accents,
// CJK, punctuation, control characters, never-split tokens, long words, offsets.
#include "core/text/tokenizerfactory.h"
#include "core/text/unicodeutil.h"
#include "tokenizerfixtures.h"

#include <QtTest>

using namespace domaintune;

namespace {

QStringList tokensOf(const Tokenizer& tokenizer, const std::string& text)
{
    QStringList out;
    for (const Token& token : tokenizer.tokenize(text))
        out << QString::fromStdString(tokenizer.idToToken(token.id));
    return out;
}

QList<QPair<int, int>> offsetsOf(const Tokenizer& tokenizer, const std::string& text)
{
    QList<QPair<int, int>> out;
    for (const Token& token : tokenizer.tokenize(text))
        out << qMakePair(int(token.begin), int(token.end));
    return out;
}

} // namespace

class TestWordPiece : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeFile(m_dir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab(test::kWordPieceTokens));
        test::writeFile(m_dir.filePath(QStringLiteral("tokenizer_config.json")),
                        R"({"do_lower_case": true})");
        m_tokenizer = loadTokenizer(m_dir.path().toStdString());
        QCOMPARE(QString::fromStdString(m_tokenizer->kind()), QStringLiteral("wordpiece"));
    }

    void splitsIntoLongestPieces_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("wordpiece")
            << QStringLiteral("UNaffable") << QStringList{"un", "##aff", "##able"};
        QTest::newRow("punctuation")
            << QStringLiteral("hello,world!") << QStringList{"hello", ",", "world", "!"};
        QTest::newRow("accents") << QStringLiteral("CAFÉ Café") << QStringList{"cafe", "cafe"};
        QTest::newRow("cjk") << QStringLiteral("中文") << QStringList{"中", "文"};
        QTest::newRow("unknown") << QStringLiteral("hello xyz") << QStringList{"hello", "[UNK]"};
        QTest::newRow("partial unknown") << QStringLiteral("unaffablex") << QStringList{"[UNK]"};
        QTest::newRow("repeat") << QStringLiteral("aaa") << QStringList{"a", "##a", "##a"};
        QTest::newRow("control chars dropped")
            << QStringLiteral("hel\u0001lo\u200bworld") << QStringList{"[UNK]"};
        QTest::newRow("control chars between words")
            << QStringLiteral("hello\u0000\tworld\r\n") << QStringList{"hello", "world"};
        QTest::newRow("never split") << QStringLiteral("hello [MASK] world[SEP]")
                                     << QStringList{"hello", "[MASK]", "world", "[SEP]"};
        QTest::newRow("empty") << QString() << QStringList{};
        QTest::newRow("only spaces") << QStringLiteral(" \t\n ") << QStringList{};
    }

    void splitsIntoLongestPieces()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QCOMPARE(tokensOf(*m_tokenizer, text.toStdString()), tokens);
    }

    void offsetsPointIntoTheOriginalText()
    {
        // "É" is two bytes; lower-casing and accent stripping make "e" (one byte).
        QCOMPARE(offsetsOf(*m_tokenizer, "UNaffable"),
                 (QList<QPair<int, int>>{{0, 2}, {2, 5}, {5, 9}}));
        QCOMPARE(offsetsOf(*m_tokenizer, "CAFÉ, 中文"),
                 (QList<QPair<int, int>>{{0, 5}, {5, 6}, {7, 10}, {10, 13}}));
        QCOMPARE(offsetsOf(*m_tokenizer, "\x01hello"), (QList<QPair<int, int>>{{1, 6}}));
    }

    void wordIdsNumberWords()
    {
        const std::vector<Token> tokens = m_tokenizer->tokenize("unaffable hello, world");
        QList<int> words;
        for (const Token& token : tokens)
            words << token.wordId;
        QCOMPARE(words, (QList<int>{0, 0, 0, 1, 2, 3}));
    }

    void longWordsBecomeUnknown()
    {
        const std::string longWord(101, 'a');
        QCOMPARE(tokensOf(*m_tokenizer, longWord), QStringList{"[UNK]"});
        QCOMPARE(tokensOf(*m_tokenizer, std::string(100, 'a')).size(), 100);
        const std::vector<Token> tokens = m_tokenizer->tokenize("hello " + longWord);
        QCOMPARE(tokens.back().begin, 6u);
        QCOMPARE(tokens.back().end, 107u);
    }

    void casedConfigKeepsCase()
    {
        QTemporaryDir dir;
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab(test::kWordPieceTokens));
        test::writeFile(dir.filePath(QStringLiteral("tokenizer_config.json")),
                        R"({"do_lower_case": false})");
        const auto cased = loadTokenizer(dir.path().toStdString());
        QCOMPARE(tokensOf(*cased, "Hello hello HELLO"), (QStringList{"Hello", "hello", "[UNK]"}));
        // Without tokenizer_config.json, a vocabulary with upper-case tokens is taken as cased.
        QFile::remove(dir.filePath(QStringLiteral("tokenizer_config.json")));
        QCOMPARE(tokensOf(*loadTokenizer(dir.path().toStdString()), "Hello"), QStringList{"Hello"});
    }

    void stripAccentsFalseKeepsAccents()
    {
        QTemporaryDir dir;
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab({QStringLiteral("café"), QStringLiteral("cafe")}));
        test::writeFile(dir.filePath(QStringLiteral("tokenizer_config.json")),
                        R"({"do_lower_case": true, "strip_accents": false})");
        QCOMPARE(tokensOf(*loadTokenizer(dir.path().toStdString()), "CAFÉ"), QStringList{"café"});
    }

    void chineseCharsCanStayTogether()
    {
        QTemporaryDir dir;
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab({QStringLiteral("中文"), QStringLiteral("中")}));
        test::writeFile(dir.filePath(QStringLiteral("tokenizer_config.json")),
                        R"({"tokenize_chinese_chars": false})");
        QCOMPARE(tokensOf(*loadTokenizer(dir.path().toStdString()), "中文"), QStringList{"中文"});
    }

    void pythonLowerSemantics()
    {
        // Python's str.lower(): final sigma, and İ -> i + combining dot (stripped as Mn).
        std::u32string lowered;
        unicode::appendLower(lowered, 0x130);
        QCOMPARE(int(lowered.size()), 2);
        QVERIFY(unicode::isBertPunctuation(U'$') && unicode::isBertPunctuation(U'、'));
        QVERIFY(!unicode::isBertPunctuation(U'a') && unicode::isCjkIdeograph(U'中'));
        QVERIFY(!unicode::isCjkIdeograph(U'한'));
        QVERIFY(unicode::isBertControl(0x200B)); // Cf counts as control
        QVERIFY(unicode::isBertControl(0x01) && !unicode::isBertControl(U'\t'));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Tokenizer> m_tokenizer;
};

QTEST_APPLESS_MAIN(TestWordPiece)
#include "testwordpiece.moc"
