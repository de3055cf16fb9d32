// 100% parity with the reference tokenizers on every case of
// ../shared/fixtures/reference/tokenizer-cases.json, with the real bert-base-uncased and GPT-2
// vocabularies, and offsets that point at exactly what each token covers.
#include "core/text/bytelevel.h"
#include "core/text/tokenizerfactory.h"
#include "core/text/wordpiecetokenizer.h"
#include "testsupport.h"

#include <QtTest>

using namespace domaintune;

namespace {

QJsonArray loadCases(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("cases"))
        .toArray();
}

QList<int> toIntList(const QJsonArray& array)
{
    QList<int> out;
    for (const QJsonValue& value : array)
        out << value.toInt();
    return out;
}

QList<int> idsOf(const std::vector<Token>& tokens)
{
    QList<int> out;
    for (const Token& token : tokens)
        out << token.id;
    return out;
}

} // namespace

class TestTokenizerParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DOMAINTUNE_SHARED_OR_SKIP(cases, "fixtures/reference/tokenizer-cases.json");
        m_cases = loadCases(cases);
        QVERIFY2(m_cases.size() >= 40, "tokenizer-cases.json has fewer cases than expected");
        const QString bert = domaintune::test::sharedDir() + "/tokenizers/bert-base-uncased";
        const QString gpt2 = domaintune::test::sharedDir() + "/tokenizers/gpt2";
        m_bert = loadTokenizer(bert.toStdString());
        m_gpt2 = loadTokenizer(gpt2.toStdString());
        QCOMPARE(QString::fromStdString(m_bert->kind()), QStringLiteral("wordpiece"));
        QCOMPARE(QString::fromStdString(m_gpt2->kind()), QStringLiteral("bpe"));
        QCOMPARE(m_bert->vocabSize(), 30522);
        QCOMPARE(m_gpt2->vocabSize(), 50257);
    }

    void bertUncasedMatchesEveryCase()
    {
        int compared = 0;
        for (const QJsonValue& value : m_cases) {
            const QJsonObject c = value.toObject();
            const std::string text = c.value(QStringLiteral("text")).toString().toStdString();
            const QJsonObject expected = c.value(QStringLiteral("bert_uncased")).toObject();
            const std::vector<Token> tokens = m_bert->tokenize(text);
            QCOMPARE(idsOf(tokens), toIntList(expected.value(QStringLiteral("ids")).toArray()));
            QStringList ours;
            for (const Token& token : tokens)
                ours << QString::fromStdString(m_bert->idToToken(token.id));
            QStringList theirs;
            for (const QJsonValue& token : expected.value(QStringLiteral("tokens")).toArray())
                theirs << token.toString();
            QCOMPARE(ours, theirs);
            ++compared;
        }
        QCOMPARE(compared, m_cases.size());
    }

    void gpt2MatchesEveryCase()
    {
        int compared = 0;
        for (const QJsonValue& value : m_cases) {
            const QJsonObject c = value.toObject();
            const std::string text = c.value(QStringLiteral("text")).toString().toStdString();
            const QJsonObject expected = c.value(QStringLiteral("gpt2")).toObject();
            QCOMPARE(idsOf(m_gpt2->tokenize(text)),
                     toIntList(expected.value(QStringLiteral("ids")).toArray()));
            if (expected.contains(QStringLiteral("tokens"))) {
                QStringList theirs;
                for (const QJsonValue& token : expected.value(QStringLiteral("tokens")).toArray())
                    theirs << token.toString();
                QStringList ours;
                for (const Token& token : m_gpt2->tokenize(text))
                    ours << QString::fromStdString(m_gpt2->idToToken(token.id));
                QCOMPARE(ours, theirs);
            }
            ++compared;
        }
        QCOMPARE(compared, m_cases.size());
    }

    void bertOffsetsCoverWhatEachTokenIs()
    {
        const auto& wordPiece = dynamic_cast<const WordPieceTokenizer&>(*m_bert);
        const int unk = m_bert->tokenToId("[UNK]");
        for (const QJsonValue& value : m_cases) {
            const std::string text =
                value.toObject().value(QStringLiteral("text")).toString().toStdString();
            for (const Token& token : m_bert->tokenize(text)) {
                QVERIFY(token.begin < token.end && token.end <= text.size());
                if (token.id == unk)
                    continue;
                std::string piece = m_bert->idToToken(token.id);
                if (piece.rfind("##", 0) == 0)
                    piece.erase(0, 2);
                const std::string covered = text.substr(token.begin, token.end - token.begin);
                // CJK characters normalise to " 字 ": the spaces are not part of the token.
                QCOMPARE(QString::fromStdString(wordPiece.normalizer().normalize(covered).text())
                             .trimmed(),
                         QString::fromStdString(piece));
            }
        }
    }

    void gpt2OffsetsCoverWhatEachTokenIs()
    {
        for (const QJsonValue& value : m_cases) {
            const std::string text =
                value.toObject().value(QStringLiteral("text")).toString().toStdString();
            std::string joined;
            for (const Token& token : m_gpt2->tokenize(text)) {
                QVERIFY(token.begin < token.end && token.end <= text.size());
                const std::string& piece = m_gpt2->idToToken(token.id);
                const std::string covered =
                    bytelevel::encode(text.substr(token.begin, token.end - token.begin));
                // A token holding part of a multi-byte character covers that whole character.
                QVERIFY2(covered.find(piece) != std::string::npos, piece.c_str());
                joined += piece;
            }
            QCOMPARE(joined, bytelevel::encode(text));
        }
    }

private:
    QJsonArray m_cases;
    std::unique_ptr<Tokenizer> m_bert;
    std::unique_ptr<Tokenizer> m_gpt2;
};

QTEST_APPLESS_MAIN(TestTokenizerParity)
#include "testtokenizerparity.moc"
