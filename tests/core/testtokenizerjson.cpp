// tokenizer.json: WordPiece, BPE and Unigram models with their normalizers, pre-tokenizers,
// post-processors and added tokens, checked against the classic-file tokenizers (and, with
// ../shared, against every reference case), and clear errors for unsupported components.
#include "core/common/error.h"
#include "core/text/tokenizerfactory.h"
#include "core/text/tokenizerjson.h"
#include "testsupport.h"
#include "tokenizerfixtures.h"

#include <QtTest>

using namespace domaintune;

namespace {

QJsonObject vocabObject(const QStringList& tokens)
{
    QJsonObject vocab;
    for (int i = 0; i < tokens.size(); ++i)
        vocab.insert(tokens[i], i);
    return vocab;
}

QJsonObject special(const QString& name, int id)
{
    return {{"SpecialToken", QJsonObject{{"id", name}, {"type_id", 0}}}};
}

QJsonObject bertJson(const QJsonObject& vocab)
{
    const QJsonObject a{{"Sequence", QJsonObject{{"id", "A"}, {"type_id", 0}}}};
    const QJsonObject b{{"Sequence", QJsonObject{{"id", "B"}, {"type_id", 1}}}};
    const QJsonObject sepB{{"SpecialToken", QJsonObject{{"id", "[SEP]"}, {"type_id", 1}}}};
    const QJsonObject specials{
        {"[CLS]",
         QJsonObject{{"id", "[CLS]"}, {"ids", QJsonArray{2}}, {"tokens", QJsonArray{"[CLS]"}}}},
        {"[SEP]",
         QJsonObject{{"id", "[SEP]"}, {"ids", QJsonArray{3}}, {"tokens", QJsonArray{"[SEP]"}}}}};
    return {
        {"version", "1.0"},
        {"added_tokens",
         QJsonArray{QJsonObject{{"id", 4}, {"content", "[MASK]"}, {"special", true}}}},
        {"normalizer", QJsonObject{{"type", "BertNormalizer"}, {"lowercase", true}}},
        {"pre_tokenizer", QJsonObject{{"type", "BertPreTokenizer"}}},
        {"post_processor",
         QJsonObject{{"type", "TemplateProcessing"},
                     {"single", QJsonArray{special("[CLS]", 2), a, special("[SEP]", 3)}},
                     {"pair", QJsonArray{special("[CLS]", 2), a, special("[SEP]", 3), b, sepB}},
                     {"special_tokens", specials}}},
        {"model", QJsonObject{{"type", "WordPiece"}, {"unk_token", "[UNK]"}, {"vocab", vocab}}}};
}

QJsonObject byteLevelJson(const QJsonObject& vocab, const QJsonArray& merges)
{
    return {{"normalizer", QJsonValue()},
            {"pre_tokenizer", QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}}},
            {"post_processor", QJsonObject{{"type", "ByteLevel"}, {"trim_offsets", false}}},
            {"model", QJsonObject{{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}}};
}

QString writeJson(const QTemporaryDir& dir, const QJsonObject& json,
                  const QString& name = QStringLiteral("tokenizer.json"))
{
    const QString path = dir.filePath(name);
    test::writeFile(path, QJsonDocument(json).toJson());
    return path;
}

QString errorOf(const QString& path)
{
    try {
        loadTokenizer(path.toStdString());
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QJsonObject readObject(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

} // namespace

class TestTokenizerJson : public QObject
{
    Q_OBJECT

private slots:
    void wordPieceMatchesVocabTxt()
    {
        QTemporaryDir dir;
        QStringList tokens = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
        tokens << test::kWordPieceTokens;
        const auto json =
            loadTokenizer(writeJson(dir, bertJson(vocabObject(tokens))).toStdString());
        test::writeFile(dir.filePath(QStringLiteral("vocab.txt")),
                        test::wordPieceVocab(test::kWordPieceTokens));
        test::writeFile(dir.filePath(QStringLiteral("tokenizer_config.json")),
                        R"({"do_lower_case": true})");
        const auto classic = loadTokenizer(dir.filePath(QStringLiteral("vocab.txt")).toStdString());
        QCOMPARE(QString::fromStdString(json->kind()), QStringLiteral("tokenizer.json"));
        for (const char* text : {"UNaffable, Café!", "中文 hello [MASK] world", "", "xyz aaa"}) {
            const Encoding a = json->encode(text), b = classic->encode(text);
            QCOMPARE(a.ids, b.ids);
            QCOMPARE(a.offsets, b.offsets);
            QCOMPARE(a.typeIds, b.typeIds);
        }
        QCOMPARE(json->encodePair("the", "cat").typeIds, (std::vector<int>{0, 0, 0, 1, 1}));
    }

    void byteLevelBpeMatchesVocabJson()
    {
        QTemporaryDir dir;
        const QStringList merges = {"h e", "l l", "he ll", "hell o", "Ġ w"};
        test::writeByteLevelBpe(dir.path(), merges);
        const QJsonObject vocab = readObject(dir.filePath(QStringLiteral("vocab.json")));
        const auto classic = loadTokenizer(dir.path().toStdString());
        QJsonArray pairs; // the newer [left, right] form of merges
        for (const QString& merge : merges)
            pairs.append(QJsonArray::fromStringList(merge.split(QLatin1Char(' '))));
        for (const QJsonArray& form : {QJsonArray::fromStringList(merges), pairs}) {
            const auto json =
                loadTokenizer(writeJson(dir, byteLevelJson(vocab, form)).toStdString());
            for (const char* text : {"hello world", "héllo\n\n wörld  ", "I'm 12.5%"}) {
                QCOMPARE(json->encode(text).ids, classic->encode(text).ids);
                QCOMPARE(json->encode(text).offsets, classic->encode(text).offsets);
            }
        }
    }

    void unigramWithMetaspace()
    {
        QTemporaryDir dir;
        QJsonArray vocab;
        const QList<QPair<QString, double>> pieces = {
            {"<unk>", 0}, {"▁", -2}, {"▁he", -3}, {"llo", -3}, {"▁hello", -4},
            {"h", -5},    {"e", -5}, {"l", -5},   {"o", -5},   {"▁world", -4}};
        for (const auto& piece : pieces)
            vocab.append(QJsonArray{piece.first, piece.second});
        const QJsonObject root{
            {"normalizer",
             QJsonObject{{"type", "Sequence"},
                         {"normalizers", QJsonArray{QJsonObject{{"type", "NFKC"}},
                                                    QJsonObject{{"type", "Lowercase"}}}}}},
            {"pre_tokenizer", QJsonObject{{"type", "Metaspace"},
                                          {"replacement", "▁"},
                                          {"prepend_scheme", "always"}}},
            {"post_processor", QJsonValue()},
            {"model", QJsonObject{{"type", "Unigram"}, {"unk_id", 0}, {"vocab", vocab}}}};
        const auto tokenizer = loadTokenizer(writeJson(dir, root).toStdString());
        const Encoding encoding = tokenizer->encode("Hello World xhe");
        QStringList tokens;
        for (const std::string& token : encoding.tokens)
            tokens << QString::fromStdString(token);
        QCOMPARE(tokens, (QStringList{"▁hello", "▁world", "▁", "<unk>", "h", "e"}));
        QCOMPARE(encoding.offsets[0], (ByteSpan{0, 5}));
        QCOMPARE(encoding.offsets[1], (ByteSpan{5, 11}));
        QCOMPARE(encoding.offsets[3], (ByteSpan{12, 13}));
        // NFKC: the "ﬁ" ligature is f + i, both unknown here and fused into one <unk>.
        const Encoding ligature = tokenizer->encode("\xEF\xAC\x81");
        QCOMPARE(ligature.ids.back(), 0);
        QCOMPARE(ligature.offsets.back(), (ByteSpan{0, 3}));
    }

    void unsupportedComponentsAreNamed_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("component");
        QTest::newRow("normalizer") << "normalizer"
                                    << "Nmt"
                                    << "normalizer";
        QTest::newRow("pre-tokenizer") << "pre_tokenizer"
                                       << "Split"
                                       << "pre-tokenizer";
        QTest::newRow("model") << "model"
                               << "WordLevel"
                               << "model";
        QTest::newRow("post-processor") << "post_processor"
                                        << "Frobnicate"
                                        << "post-processor";
    }

    void unsupportedComponentsAreNamed()
    {
        QFETCH(QString, section);
        QFETCH(QString, type);
        QFETCH(QString, component);
        QTemporaryDir dir;
        QJsonObject root = bertJson(vocabObject({"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}));
        root.insert(section, QJsonObject{{"type", type}});
        const QString path = writeJson(dir, root);
        const QString error = errorOf(path);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("unsupported ") + component + " '" + type + "'"),
                 qPrintable(error));
    }

    void damagedFilesGiveClearErrors()
    {
        QTemporaryDir dir;
        test::writeFile(dir.filePath(QStringLiteral("tokenizer.json")), "{\"model\": ");
        QVERIFY(errorOf(dir.filePath(QStringLiteral("tokenizer.json"))).contains("not valid JSON"));
        test::writeFile(dir.filePath(QStringLiteral("tokenizer.json")), "{\"version\": \"1.0\"}");
        QVERIFY(errorOf(dir.path()).contains("no \"model\""));
        // A model without "vocab" (found by fuzz_tokenizer: the lookup read freed memory).
        for (const char* type : {"BPE", "WordPiece"}) {
            test::writeFile(dir.filePath(QStringLiteral("tokenizer.json")),
                            QByteArray("{\"model\": {\"type\": \"") + type +
                                "\", \"merges\": [], \"unk_token\": \"x\"}}");
            const QString error = errorOf(dir.path());
            QVERIFY2(error.contains("the model's \"vocab\" is not an object"), qPrintable(error));
        }
        // Ids that are no int (found by fuzz_tokenizer: 1e92 converted to int, undefined).
        for (const char* id : {"1e92", "99999999999999999999", "-3000000000", "2.5", "\"7\""}) {
            test::writeFile(dir.filePath(QStringLiteral("tokenizer.json")),
                            QByteArray("{\"model\": {\"type\": \"WordPiece\", \"vocab\": "
                                       "{\"[UNK]\": 0, \"cip\": ") +
                                id + "}}}");
            const QString error = errorOf(dir.path());
            QVERIFY2(error.contains("the id of token 'cip' is not a whole number"),
                     qPrintable(error));
        }
    }

    void sharedVocabulariesThroughTokenizerJson()
    {
        DOMAINTUNE_SHARED_OR_SKIP(cases, "fixtures/reference/tokenizer-cases.json");
        QTemporaryDir dir;
        const QString gpt2 = test::sharedDir() + QStringLiteral("/tokenizers/gpt2");
        QFile merges(gpt2 + QStringLiteral("/merges.txt"));
        QVERIFY(merges.open(QIODevice::ReadOnly));
        QJsonArray mergeList;
        for (const QByteArray& line : merges.readAll().split('\n'))
            if (!line.isEmpty() && !line.startsWith("#version"))
                mergeList.append(QString::fromUtf8(line));
        const auto json = loadTokenizer(
            writeJson(dir,
                      byteLevelJson(readObject(gpt2 + QStringLiteral("/vocab.json")), mergeList))
                .toStdString());
        const QJsonArray all = readObject(cases).value(QStringLiteral("cases")).toArray();
        QVERIFY(!all.isEmpty());
        for (const QJsonValue& value : all) {
            const QJsonObject c = value.toObject();
            std::vector<int> expected;
            for (const QJsonValue& id : c.value("gpt2").toObject().value("ids").toArray())
                expected.push_back(id.toInt());
            QCOMPARE(json->encode(c.value("text").toString().toStdString()).ids, expected);
        }
    }
};

QTEST_APPLESS_MAIN(TestTokenizerJson)
#include "testtokenizerjson.moc"
