// Byte-level BPE: GPT-2's pre-tokenisation pattern, merges by rank, byte offsets and the
// thread-safe word cache, on a tiny vocabulary.
#include "core/text/gpt2pretokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "tokenizerfixtures.h"

#include <QtTest>

#include <thread>

using namespace domaintune;

namespace {

QStringList pieces(const std::string& text)
{
    std::vector<ByteSpan> words;
    Gpt2PreTokenizer::split(text, words);
    QStringList out;
    for (const ByteSpan& word : words)
        out << QString::fromStdString(text.substr(word.begin, word.end - word.begin));
    return out;
}

} // namespace

class TestByteLevelBpe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::writeByteLevelBpe(m_dir.path(),
                                {QStringLiteral("h e"), QStringLiteral("l l"),
                                 QStringLiteral("he ll"), QStringLiteral("hell o"),
                                 QStringLiteral("Ġ w"), QStringLiteral("o r"),
                                 QStringLiteral("Ġw or"), QStringLiteral("a a")},
                                {QStringLiteral("<|endoftext|>")});
        m_tokenizer = loadTokenizer(m_dir.path().toStdString());
        QCOMPARE(QString::fromStdString(m_tokenizer->kind()), QStringLiteral("bpe"));
    }

    void preTokenizesLikeGpt2_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("contractions")
            << QStringLiteral("I'm here, they'll go")
            << QStringList{"I", "'m", " here", ",", " they", "'ll", " go"};
        QTest::newRow("spaces before a word")
            << QStringLiteral("a   b") << QStringList{"a", "  ", " b"};
        QTest::newRow("trailing spaces") << QStringLiteral("a  ") << QStringList{"a", "  "};
        QTest::newRow("newline before word")
            << QStringLiteral("a\nb") << QStringList{"a", "\n", "b"};
        QTest::newRow("numbers and punctuation")
            << QStringLiteral("x12.5%!") << QStringList{"x", "12", ".", "5", "%!"};
        QTest::newRow("quote run") << QStringLiteral("''s") << QStringList{"''", "s"};
        QTest::newRow("unicode letters")
            << QStringLiteral("Héllo wörld 中文") << QStringList{"Héllo", " wörld", " 中文"};
        QTest::newRow("empty") << QString() << QStringList{};
    }

    void preTokenizesLikeGpt2()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(pieces(text.toStdString()), expected);
    }

    void mergesByRank()
    {
        const std::vector<Token> tokens = m_tokenizer->tokenize("hello world aaa");
        QStringList out;
        for (const Token& token : tokens)
            out << QString::fromStdString(m_tokenizer->idToToken(token.id));
        QCOMPARE(out, (QStringList{"hello", "Ġwor", "l", "d", "Ġ", "aa", "a"}));
        QCOMPARE(tokens[1].begin, 5u);
        QCOMPARE(tokens[1].end, 9u);
    }

    void multiByteCharactersKeepWholeCharacterOffsets()
    {
        const std::string text = "a\xE2\x82\xAC"; // "a€": the euro sign is 3 byte tokens
        const std::vector<Token> tokens = m_tokenizer->tokenize(text);
        QCOMPARE(tokens.size(), std::size_t(4));
        for (std::size_t i = 1; i < 4; ++i) {
            QCOMPARE(tokens[i].begin, 1u);
            QCOMPARE(tokens[i].end, 4u);
        }
    }

    void specialTokenInText()
    {
        const std::vector<Token> tokens = m_tokenizer->tokenize("hello<|endoftext|>hello");
        QCOMPARE(tokens.size(), std::size_t(3));
        QCOMPARE(tokens[1].id, m_tokenizer->tokenToId("<|endoftext|>"));
        QVERIFY(tokens[1].special);
        // GPT-2 has no template: encode() adds nothing.
        QCOMPARE(m_tokenizer->encode("hello").size(), std::size_t(1));
    }

    void cacheIsSafeFromManyThreads()
    {
        std::vector<std::string> texts;
        for (int i = 0; i < 400; ++i)
            texts.push_back("hello world " + std::to_string(i) + " aaaa" + std::string(i % 9, 'l'));
        std::vector<std::vector<int>> expected;
        for (const std::string& text : texts)
            expected.push_back(m_tokenizer->encode(text).ids);
        const auto fresh = loadTokenizer(m_dir.path().toStdString());
        EncodeOptions options;
        options.threads = 8;
        const std::vector<Encoding> batch = fresh->encodeBatch(texts, options);
        for (std::size_t i = 0; i < texts.size(); ++i)
            QCOMPARE(batch[i].ids, expected[i]);
    }

    void longRunsAreLinearithmic()
    {
        // One 2 MB "word": quadratic merging would take minutes.
        QElapsedTimer timer;
        timer.start();
        const std::vector<Token> tokens = m_tokenizer->tokenize(std::string(2 << 20, 'a'));
        QCOMPARE(tokens.size(), std::size_t(1 << 20));
        QVERIFY2(timer.elapsed() < 20000, "byte-level BPE on a long run is too slow");
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Tokenizer> m_tokenizer;
};

QTEST_APPLESS_MAIN(TestByteLevelBpe)
#include "testbytelevelbpe.moc"
