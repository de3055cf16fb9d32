// The sentencepiece-backed tokenizer: native ids (ALBERT, T5, Llama) and the fairseq layout
// of Hugging Face's XLMRobertaTokenizer, with templates and offsets.
#include "core/common/error.h"
#include "core/text/precompiledcharsmap.h"
#include "core/text/sentencepiecemodel.h"
#include "core/text/sentencepiecetokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "testpaths.h"
#include "tokenizerfixtures.h"

#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;

namespace {

const char* kCorpus = "/usr/share/common-licenses/GPL-3";
const std::string kText = "The licensee shall comply with this License.";

} // namespace

class TestSentencePieceTokenizer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QString::fromUtf8(kCorpus)), kCorpus);
        QVERIFY(m_native.isValid() && m_xlmr.isValid());
        const QString prefix = m_native.filePath(QStringLiteral("spiece"));
        SentencePieceModel::train(
            QStringLiteral("--input=%1 --model_prefix=%2 --vocab_size=500 --model_type=unigram "
                           "--character_coverage=1.0 --num_threads=1 --minloglevel=2")
                .arg(QString::fromUtf8(kCorpus), prefix)
                .toStdString());
        QVERIFY(QFile::copy(prefix + QStringLiteral(".model"),
                            m_xlmr.filePath(QStringLiteral("sentencepiece.bpe.model"))));
    }

    void nativeIdsAreTheModelsIds()
    {
        const auto tokenizer = loadTokenizer(m_native.path().toStdString());
        QCOMPARE(QString::fromStdString(tokenizer->kind()), QStringLiteral("sentencepiece"));
        const SentencePieceModel model(
            m_native.filePath(QStringLiteral("spiece.model")).toStdString());
        const std::vector<SentencePiece> pieces = model.encode(kText);
        const std::vector<Token> tokens = tokenizer->tokenize(kText);
        QCOMPARE(tokens.size(), pieces.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            QCOMPARE(tokens[i].id, pieces[i].id);
            QCOMPARE(std::size_t(tokens[i].begin), pieces[i].begin);
            QCOMPARE(tokenizer->idToToken(tokens[i].id), pieces[i].piece);
        }
        QCOMPARE(tokens.front().wordId, 0);
        QVERIFY(tokens.back().wordId >= 6);
    }

    void xlmRobertaUsesFairseqIds()
    {
        const auto tokenizer = loadTokenizer(m_xlmr.path().toStdString());
        const SentencePieceModel model(
            m_xlmr.filePath(QStringLiteral("sentencepiece.bpe.model")).toStdString());
        QCOMPARE(tokenizer->vocabSize(), model.vocabSize() + 2);
        QCOMPARE(tokenizer->tokenToId("<s>"), 0);
        QCOMPARE(tokenizer->tokenToId("<pad>"), 1);
        QCOMPARE(tokenizer->tokenToId("</s>"), 2);
        QCOMPARE(tokenizer->tokenToId("<unk>"), 3);
        QCOMPARE(tokenizer->tokenToId("<mask>"), model.vocabSize() + 1);
        const std::vector<SentencePiece> pieces = model.encode(kText);
        const Encoding encoding = tokenizer->encode(kText);
        QCOMPARE(encoding.size(), pieces.size() + 2);
        QCOMPARE(encoding.ids.front(), 0);
        QCOMPARE(encoding.ids.back(), 2);
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            QCOMPARE(encoding.ids[i + 1], pieces[i].id + 1);
            QCOMPARE(encoding.tokens[i + 1], pieces[i].piece);
        }
        const Encoding pair = tokenizer->encodePair("a", "b");
        QCOMPARE(pair.ids[0], 0);
        QCOMPARE(std::count(pair.ids.begin(), pair.ids.end(), 2), 3L);
        QCOMPARE(tokenizer->padId(), 1);
    }

    void unknownCharactersMapToFairseqUnk()
    {
        const auto tokenizer = loadTokenizer(m_xlmr.path().toStdString());
        // The GPL has no Hangul: the unigram model maps it to its unknown piece.
        const std::vector<Token> tokens = tokenizer->tokenize("한");
        QVERIFY(!tokens.empty());
        QVERIFY(
            std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.id == 3; }));
    }

    // sentencepiece walks the normaliser's trie without bounds checks: a model whose character
    // map points outside itself crashed it on the first text (found by fuzz_sentencepiece). It
    // is refused on loading instead, with the file named.
    void damagedCharacterMapIsRefused()
    {
        const std::string reference = domaintune::test::sourceFile(
            "/tests/reference/tokenizers/xlmr/sentencepiece.bpe.model");
        std::ifstream in(reference, std::ios::binary);
        std::string model((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // The map inside the model is the one tokenizer.json carries (base64).
        std::ifstream json(
            domaintune::test::sourceFile("/tests/reference/tokenizers/xlmr/tokenizer.json"));
        const auto config = nlohmann::json::parse(json);
        std::string map;
        for (const auto& step : config["normalizer"]["normalizers"])
            if (step["type"] == "Precompiled")
                map = decodeBase64(step["precompiled_charsmap"].get<std::string>());
        const auto at = model.find(map);
        QVERIFY(!map.empty() && at != std::string::npos);
        QTemporaryDir dir;
        const std::string path =
            dir.filePath(QStringLiteral("sentencepiece.bpe.model")).toStdString();
        // The root unit (after the 4-byte size) sends the walk far beyond the trie.
        model.replace(at + 4, 4, std::string("\x00\xfc\xff\x7f", 4));
        std::ofstream(path, std::ios::binary) << model;
        try {
            const auto tokenizer = loadTokenizer(dir.path().toStdString());
            tokenizer->tokenize(kText);
            QFAIL("the damaged model was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(QStringLiteral("character map")), e.what());
            QVERIFY2(QString(e.what()).contains(QStringLiteral("sentencepiece.bpe.model")),
                     e.what());
        }
    }

private:
    QTemporaryDir m_native;
    QTemporaryDir m_xlmr;
};

QTEST_APPLESS_MAIN(TestSentencePieceTokenizer)
#include "testsentencepiecetokenizer.moc"
