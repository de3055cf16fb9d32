// Tokenizers in the RoBERTa and XLM-R formats, made by Hugging Face's own libraries
// (tests/reference/make_tokenizers.py: byte-level BPE wrapped by RobertaTokenizerFast; a
// sentencepiece unigram model with the nmt_nfkc rule converted by XLMRobertaTokenizerFast, whose
// tokenizer.json carries the Precompiled, Strip and Replace normalisers), against the ids, tokens
// and UTF-8 byte offsets those libraries computed on the same files. Needs nothing outside the
// repository; the sentencepiece rows need the plugin (always built).
#include "core/text/encoding.h"
#include "core/text/normalizedtext.h"
#include "core/text/precompiledcharsmap.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "testpaths.h"

#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;

namespace {

const std::string kRoot = domaintune::test::sourceFile("/tests/reference/tokenizers/");

nlohmann::json expectedOf(const std::string& name)
{
    std::ifstream in(kRoot + name + "/expected.json");
    return nlohmann::json::parse(in);
}

QString describe(const Encoding& encoding)
{
    QStringList parts;
    for (std::size_t i = 0; i < encoding.ids.size(); ++i)
        parts << QStringLiteral("%1:%2[%3,%4)")
                     .arg(QString::fromStdString(encoding.tokens[i]))
                     .arg(encoding.ids[i])
                     .arg(encoding.offsets[i].begin)
                     .arg(encoding.offsets[i].end);
    return parts.join(' ');
}

/** Words drawn from @p words by a fixed generator (@p seed), separated by spaces and now and then
 * a line break, until the text is @p beyond bytes over Tokenizer::kHugeTextBytes. */
std::string hugeText(const std::vector<const char*>& words, unsigned seed, std::size_t beyond)
{
    std::string text;
    unsigned state = seed;
    while (text.size() <= Tokenizer::kHugeTextBytes + beyond) {
        state = state * 1103515245u + 12345u;
        text += words[(state >> 8) % words.size()];
        text += (state >> 20) % 7 == 0 ? "\n" : " ";
    }
    return text;
}

} // namespace

class TestReferenceTokenizers : public QObject
{
    Q_OBJECT

private slots:
    void matchesTheFastTokenizer_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("withOffsets");
        QTest::newRow("roberta tokenizer.json") << "roberta"
                                                << "tokenizer.json" << true;
        QTest::newRow("roberta vocab.json + merges.txt") << "roberta"
                                                         << "" << true;
        QTest::newRow("xlmr tokenizer.json (Precompiled)") << "xlmr"
                                                           << "tokenizer.json" << true;
    }

    void matchesTheFastTokenizer()
    {
        QFETCH(QString, name);
        QFETCH(QString, file);
        QFETCH(bool, withOffsets);
        const auto expected = expectedOf(name.toStdString());
        const auto tokenizer = loadTokenizer(kRoot + name.toStdString() + "/" + file.toStdString());
        int checked = 0;
        for (const auto& item : expected.at("cases")) {
            const std::string text = item.at("text");
            const Encoding encoding = tokenizer->encode(text);
            const auto ids = item.at("ids").get<std::vector<int>>();
            const QString context = QStringLiteral("\"%1\"\n ours: %2\n tokens expected: %3")
                                        .arg(QString::fromStdString(text), describe(encoding),
                                             QString::fromStdString(item.at("tokens").dump()));
            QVERIFY2(encoding.ids == ids, qPrintable(context));
            if (withOffsets) {
                const auto offsets =
                    item.at("offsets").get<std::vector<std::vector<std::size_t>>>();
                QCOMPARE(encoding.offsets.size(), offsets.size());
                for (std::size_t i = 0; i < offsets.size(); ++i)
                    QVERIFY2(encoding.offsets[i].begin == offsets[i][0] &&
                                 encoding.offsets[i].end == offsets[i][1],
                             qPrintable(QStringLiteral("token %1 should span [%2,%3): %4")
                                            .arg(i)
                                            .arg(offsets[i][0])
                                            .arg(offsets[i][1])
                                            .arg(context)));
            }
            ++checked;
        }
        QVERIFY(checked >= 20);
    }

    // The sentencepiece model itself, through the plugin, against transformers' slow
    // XLMRobertaTokenizer (sentencepiece's own normaliser, not the tokenizers library's).
    void sentencePieceModelMatchesTheSlowTokenizer()
    {
        const auto expected = expectedOf("xlmr");
        const auto tokenizer = loadTokenizer(kRoot + "xlmr");
        QCOMPARE(
            QString::fromStdString(tokenizerKindName(detectTokenizerFiles(kRoot + "xlmr").kind)),
            QStringLiteral("sentencepiece"));
        for (const auto& item : expected.at("cases")) {
            const std::string text = item.at("text");
            const auto ids = item.at("sentencepiece_ids").get<std::vector<int>>();
            const Encoding encoding = tokenizer->encode(text);
            QVERIFY2(encoding.ids == ids,
                     qPrintable(QStringLiteral("\"%1\": %2")
                                    .arg(QString::fromStdString(text), describe(encoding))));
        }
    }

    // A huge single-line text that is truncated is tokenized in chunks (bounded memory): the
    // tokens, ids, offsets and word ids equal the first maxLength of tokenizing it whole, for
    // byte-level BPE, the XLM-R tokenizer.json and the sentencepiece model.
    void hugeTruncatedTextsEncodeAsTheirPrefix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("roberta") << "roberta/tokenizer.json";
        QTest::newRow("xlmr tokenizer.json") << "xlmr/tokenizer.json";
        QTest::newRow("xlmr sentencepiece") << "xlmr";
    }

    void hugeTruncatedTextsEncodeAsTheirPrefix()
    {
        QFETCH(QString, path);
        const auto tokenizer = loadTokenizer(kRoot + path.toStdString());
        const std::string text = hugeText({"The", "contract", "ends", "in", "2026,", "café",
                                           "naïve", "\xe5\x90\x88\xe5\x90\x8c", "risk", "—"},
                                          11, 200000);
        EncodeOptions truncated;
        truncated.maxLength = 20000; // past the first 64 KiB chunk
        const Encoding chunked = tokenizer->encode(text, truncated);
        const Encoding whole = tokenizer->encode(text.substr(0, 400000));
        QCOMPARE(chunked.size(), std::size_t(20000));
        QVERIFY(chunked.truncatedTokens > 0);
        // The whole encoding's last special token(s) are not in the prefix: compare the text's.
        for (std::size_t i = 0; i + 1 < chunked.size(); ++i) {
            QCOMPARE(chunked.ids[i], whole.ids[i]);
            QCOMPARE(chunked.offsets[i].begin, whole.offsets[i].begin);
            QCOMPARE(chunked.offsets[i].end, whole.offsets[i].end);
            QCOMPARE(chunked.wordIds[i], whole.wordIds[i]);
        }
    }

    // Counting the tokens of a huge text (data statistics) chunks it the same way and keeps
    // no tokens: the counts equal those of tokenizing it whole.
    void hugeTextsAreCountedAsTheirWholeTokenization_data()
    {
        hugeTruncatedTextsEncodeAsTheirPrefix_data();
    }

    void hugeTextsAreCountedAsTheirWholeTokenization()
    {
        QFETCH(QString, path);
        const auto tokenizer = loadTokenizer(kRoot + path.toStdString());
        const std::string text = hugeText({"The", "contract", "ends", "in", "2026,", "café",
                                           "<unk>", "\xe5\x90\x88\xe5\x90\x8c", "\xff", "—"},
                                          5, 100000);
        const int unk = tokenizer->tokenToId("<unk>");
        std::size_t invalid = 0;
        const std::vector<Token> whole = tokenizer->tokenize(text, &invalid);
        const Tokenizer::TokenCount counted = tokenizer->count(text, unk);
        QCOMPARE(counted.tokens, whole.size());
        QCOMPARE(counted.special,
                 std::size_t(std::count_if(whole.begin(), whole.end(),
                                           [](const Token& token) { return token.special; })));
        if (path.endsWith(QStringLiteral(".json"))) // "<unk>" in the text is an added token
            QVERIFY(counted.special > 0);
        QCOMPARE(counted.unknown,
                 std::size_t(std::count_if(whole.begin(), whole.end(), [unk](const Token& token) {
                     return !token.special && token.id == unk;
                 })));
        QCOMPARE(counted.invalidUtf8, invalid);
        QVERIFY(invalid > 0);
    }

    // The quirk the library keeps on purpose: a short grapheme cluster is looked up whole and
    // the shortest key that prefixes it stands for all of it (here full-width A + a combining
    // acute accent becomes plain "A"; sentencepiece itself gives "Á").
    void precompiledLooksUpWholeGraphemes()
    {
        const auto expected = expectedOf("xlmr");
        bool found = false;
        for (const auto& item : expected.at("cases"))
            found = found || item.at("ids") != item.at("sentencepiece_ids");
        QVERIFY2(found, "the reference no longer shows where the two normalisers differ");
    }

    void damagedCharsMapsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("too short") << QByteArray("\x01\x00", 2) << "shorter than its 4-byte";
        QTest::newRow("trie larger than the map")
            << QByteArray("\x00\x01\x00\x00\x00\x00\x00\x00", 8) << "does not fit";
        QTest::newRow("trie size not whole units")
            << QByteArray("\x03\x00\x00\x00\x00\x00\x00\x00", 8) << "does not fit";
        QTest::newRow("replacements not UTF-8")
            << QByteArray("\x04\x00\x00\x00\x00\x04\x00\x00\xff\xfe", 10) << "not UTF-8";
    }

    void damagedCharsMapsAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        try {
            PrecompiledCharsMap::parse(std::string_view(bytes.constData(), bytes.size()));
            QFAIL("a damaged map was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void base64()
    {
        QCOMPARE(QByteArray::fromStdString(decodeBase64("aGVsbG8gd29ybGQ=")),
                 QByteArray("hello world"));
        QCOMPARE(QByteArray::fromStdString(decodeBase64("YQ")), QByteArray("a"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decodeBase64("a$bc"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decodeBase64("abcde"));
    }

    // transform_range's alignment rules, on their own.
    void transformAlignsAsTheLibrary()
    {
        NormalizedText text("a\xEF\xAC\x81z"); // a, U+FB01 (3 bytes), z
        // ﬁ -> f (replaces), i (inserted: the origin of the byte before it, i.e. ﬁ's).
        text.transformRange(1, 4, {{U'f', 0}, {U'i', 1}}, 0);
        QCOMPARE(QString::fromStdString(text.text()), QStringLiteral("afiz"));
        QCOMPARE(text.original(1, 2), (ByteSpan{1, 4}));
        QCOMPARE(text.original(2, 3), (ByteSpan{1, 4}));
        QCOMPARE(text.original(3, 4), (ByteSpan{4, 5}));
        // Removing: "fiz" -> "x" replacing f and removing the two after it.
        text.transformRange(1, 4, {{U'x', -2}}, 0);
        QCOMPARE(QString::fromStdString(text.text()), QStringLiteral("ax"));
        QCOMPARE(text.original(1, 2), (ByteSpan{1, 4}));
        // Initial removal: drop "a", keep "x".
        text.transformRange(0, 2, {{U'x', 0}}, 1);
        QCOMPARE(QString::fromStdString(text.text()), QStringLiteral("x"));
        QCOMPARE(text.original(0, 1), (ByteSpan{1, 4}));
    }
};

QTEST_APPLESS_MAIN(TestReferenceTokenizers)
#include "testreferencetokenizers.moc"
