// The sentencepiece-backed tokenizer: native ids (ALBERT, T5, Llama) and the fairseq layout
// of Hugging Face's XLMRobertaTokenizer, with templates and offsets.
#include "core/text/sentencepiecemodel.h"
#include "core/text/sentencepiecetokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "tokenizerfixtures.h"

#include <QtTest>

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

private:
    QTemporaryDir m_native;
    QTemporaryDir m_xlmr;
};

QTEST_APPLESS_MAIN(TestSentencePieceTokenizer)
#include "testsentencepiecetokenizer.moc"
