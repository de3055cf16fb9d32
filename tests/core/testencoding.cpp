// Encodings a model can take: special-token templates, pairs, truncation, padding, masks,
// type ids and multi-threaded batches.
#include "core/text/tokenizerfactory.h"
#include "tokenizerfixtures.h"

#include <QtTest>

using namespace domaintune;

namespace {

QStringList tokens(const Encoding& encoding)
{
    QStringList out;
    for (const std::string& token : encoding.tokens)
        out << QString::fromStdString(token);
    return out;
}

QList<int> list(const std::vector<int>& values)
{
    return QList<int>(values.begin(), values.end());
}

} // namespace

class TestEncoding : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_bertDir.isValid() && m_robertaDir.isValid());
        test::writeFile(m_bertDir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab(test::kWordPieceTokens));
        m_bert = loadTokenizer(m_bertDir.path().toStdString());
        test::writeByteLevelBpe(
            m_robertaDir.path(),
            {QStringLiteral("h e"), QStringLiteral("l l"), QStringLiteral("he ll"),
             QStringLiteral("hell o"), QStringLiteral("Ġ w")},
            {QStringLiteral("<s>"), QStringLiteral("</s>"), QStringLiteral("<pad>"),
             QStringLiteral("<unk>"), QStringLiteral("<mask>")});
        m_roberta = loadTokenizer(m_robertaDir.path().toStdString());
    }

    void bertTemplate()
    {
        const Encoding single = m_bert->encode("the cat sat");
        QCOMPARE(tokens(single), (QStringList{"[CLS]", "the", "cat", "sat", "[SEP]"}));
        QCOMPARE(list(single.specialTokensMask), (QList<int>{1, 0, 0, 0, 1}));
        QCOMPARE(list(single.wordIds), (QList<int>{-1, 0, 1, 2, -1}));
        QCOMPARE(list(single.attentionMask), (QList<int>{1, 1, 1, 1, 1}));
        QCOMPARE(single.offsets[1], (ByteSpan{0, 3}));
        QCOMPARE(single.offsets[0], (ByteSpan{0, 0}));

        const Encoding pair = m_bert->encodePair("the cat", "on the mat");
        QCOMPARE(tokens(pair),
                 (QStringList{"[CLS]", "the", "cat", "[SEP]", "on", "the", "mat", "[SEP]"}));
        QCOMPARE(list(pair.typeIds), (QList<int>{0, 0, 0, 0, 1, 1, 1, 1}));
        QCOMPARE(list(pair.sequenceIds), (QList<int>{-1, 0, 0, -1, 1, 1, 1, -1}));
        QCOMPARE(pair.offsets[5], (ByteSpan{3, 6})); // "the" in the second text

        EncodeOptions plain;
        plain.addSpecialTokens = false;
        QCOMPARE(tokens(m_bert->encode("the cat", plain)), (QStringList{"the", "cat"}));
    }

    void robertaTemplate()
    {
        const Encoding pair = m_roberta->encodePair("hello", "hello");
        QCOMPARE(tokens(pair), (QStringList{"<s>", "hello", "</s>", "</s>", "hello", "</s>"}));
        QCOMPARE(list(pair.typeIds), (QList<int>{0, 0, 0, 0, 0, 0}));
        QCOMPARE(m_roberta->padToken(), std::string("<pad>"));
        // trim_offsets: RoBERTa's offsets leave the leading space out.
        const Encoding spaced = m_roberta->encode("a wb", {false});
        QCOMPARE(tokens(spaced), (QStringList{"a", "Ġw", "b"}));
        QCOMPARE(spaced.offsets[1], (ByteSpan{2, 3}));
    }

    void truncatesLongestFirst()
    {
        EncodeOptions options;
        options.maxLength = 7;
        const Encoding pair = m_bert->encodePair("the cat sat on the mat", "the cat", options);
        QCOMPARE(pair.size(), std::size_t(7));
        QCOMPARE(tokens(pair),
                 (QStringList{"[CLS]", "the", "cat", "[SEP]", "the", "cat", "[SEP]"}));
        QCOMPARE(pair.truncatedTokens, std::size_t(4));

        options.maxLength = 4;
        const Encoding single = m_bert->encode("the cat sat on the mat", options);
        QCOMPARE(tokens(single), (QStringList{"[CLS]", "the", "cat", "[SEP]"}));
    }

    void truncatesOnlySecond()
    {
        EncodeOptions options;
        options.maxLength = 7;
        options.truncation = Truncation::OnlySecond;
        const Encoding pair = m_bert->encodePair("the cat", "the cat sat on the mat", options);
        QCOMPARE(tokens(pair),
                 (QStringList{"[CLS]", "the", "cat", "[SEP]", "the", "cat", "[SEP]"}));
        // When the first text alone is too long, only-second cannot help: nothing is cut.
        options.maxLength = 4;
        QCOMPARE(m_bert->encodePair("the cat sat", "on", options).size(), std::size_t(7));
    }

    void padsToMaxLength()
    {
        EncodeOptions options;
        options.maxLength = 6;
        options.padding = Padding::MaxLength;
        const Encoding padded = m_bert->encode("the cat", options);
        QCOMPARE(tokens(padded), (QStringList{"[CLS]", "the", "cat", "[SEP]", "[PAD]", "[PAD]"}));
        QCOMPARE(list(padded.attentionMask), (QList<int>{1, 1, 1, 1, 0, 0}));
        QCOMPARE(list(padded.ids).mid(4), (QList<int>{0, 0}));
        QCOMPARE(list(padded.specialTokensMask), (QList<int>{1, 0, 0, 1, 1, 1}));
    }

    void batchUsesThreadsAndPadsToLongest()
    {
        std::vector<std::string> texts;
        for (int i = 0; i < 200; ++i)
            texts.push_back(std::string("the cat ") + std::string(i % 7, 'a') + " sat");
        EncodeOptions options;
        options.padding = Padding::Longest;
        options.threads = 4;
        const std::vector<Encoding> batch = m_bert->encodeBatch(texts, options);
        QCOMPARE(batch.size(), texts.size());
        std::size_t longest = 0;
        for (const std::string& text : texts)
            longest = std::max(longest, m_bert->encode(text).size());
        for (std::size_t i = 0; i < texts.size(); ++i) {
            QCOMPARE(batch[i].size(), longest);
            const Encoding alone = m_bert->encode(texts[i]);
            QCOMPARE(list(batch[i].ids).mid(0, int(alone.size())), list(alone.ids));
        }
        const auto pairs = m_bert->encodePairBatch({{"the", "cat"}, {"on", "the mat"}}, options);
        QCOMPARE(pairs.size(), std::size_t(2));
        QCOMPARE(pairs[0].size(), pairs[1].size());
        QCOMPARE(m_bert->encodeBatch({}, options).size(), std::size_t(0));
    }

private:
    QTemporaryDir m_bertDir;
    QTemporaryDir m_robertaDir;
    std::unique_ptr<Tokenizer> m_bert;
    std::unique_ptr<Tokenizer> m_roberta;
};

QTEST_APPLESS_MAIN(TestEncoding)
#include "testencoding.moc"
