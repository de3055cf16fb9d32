// Text generation with a causal LM: greedy continuations equal transformers' generate() token
// for token on the tiny GPT-2 reference model (tests/reference/generation.json, written by
// tests/reference/make_generation.py), with and without the key/value cache; stop tokens,
// cancel, the position limit, seeded sampling and plain refusals; decoding tokens to text.
#include "core/common/error.h"
#include "core/model/generation.h"
#include "core/text/encoding.h"
#include "core/text/tokendecoder.h"
#include "core/text/tokenizerfactory.h"
#include "testpaths.h"

#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;

namespace {

const std::string kSource = domaintune::test::sourceFile();
const std::string kModel = kSource + "/tests/reference/models/gpt2-clm";

} // namespace

class TestGeneration : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PretrainedModel> m_model;

private slots:
    void initTestCase() { m_model = PretrainedModel::load(kModel); }

    void greedyMatchesTransformers_data()
    {
        QTest::addColumn<bool>("cache");
        QTest::newRow("with the cache") << true;
        QTest::newRow("without") << false;
    }

    void greedyMatchesTransformers()
    {
        QFETCH(bool, cache);
        std::ifstream in(kSource + "/tests/reference/generation.json");
        const auto reference = nlohmann::json::parse(in);
        int checked = 0;
        for (const auto& item : reference.at("cases")) {
            GenerationOptions options;
            options.useCache = cache;
            options.maxNewTokens = item.at("settings").at("max_new_tokens");
            options.repetitionPenalty = item.at("settings").value("repetition_penalty", 1.0);
            const auto prompt = item.at("prompt").get<std::vector<std::int64_t>>();
            const auto result = generate(*m_model, prompt, options);
            QCOMPARE(result.newIds, item.at("new_ids").get<std::vector<std::int64_t>>());
            QCOMPARE(result.stopReason, std::string("max_new_tokens"));
            ++checked;
        }
        QCOMPARE(checked, 15);
    }

    void stopsCancelsAndKeepsToThePositions()
    {
        GenerationOptions options;
        options.stopIds = {9};
        auto result = generate(*m_model, {5, 12, 30}, options);
        QCOMPARE(result.newIds, (std::vector<std::int64_t>{9}));
        QCOMPARE(result.stopReason, std::string("eos"));

        options.stopIds.clear();
        std::vector<std::int64_t> streamed;
        result = generate(*m_model, {5, 12, 30}, options, [&](std::int64_t id) {
            streamed.push_back(id);
            return streamed.size() < 3;
        });
        QCOMPARE(result.newIds.size(), std::size_t(3));
        QCOMPARE(streamed, result.newIds);
        QCOMPARE(result.stopReason, std::string("cancelled"));

        // 40 positions: a 35-token prompt gets 5 new tokens, however many are asked for.
        options.maxNewTokens = 20;
        result = generate(*m_model, std::vector<std::int64_t>(35, 7), options);
        QCOMPARE(result.newIds.size(), std::size_t(5));
        QCOMPARE(result.stopReason, std::string("max_positions"));
    }

    void samplingIsSeeded()
    {
        GenerationOptions options;
        options.greedy = false;
        options.temperature = 2.0;
        options.maxNewTokens = 12;
        options.seed = 3;
        const auto first = generate(*m_model, {5, 12, 30}, options).newIds;
        QCOMPARE(generate(*m_model, {5, 12, 30}, options).newIds, first);
        bool differs = false;
        for (std::uint64_t seed = 4; seed < 9; ++seed) {
            options.seed = seed;
            differs = differs || generate(*m_model, {5, 12, 30}, options).newIds != first;
        }
        QVERIFY(differs);
        // top-k 1 leaves one token: sampling becomes greedy.
        options.topK = 1;
        GenerationOptions greedy;
        greedy.maxNewTokens = 12;
        QCOMPARE(generate(*m_model, {5, 12, 30}, options).newIds,
                 generate(*m_model, {5, 12, 30}, greedy).newIds);
        // top-p this small keeps only the most likely token too.
        options.topK = 0;
        options.topP = 1e-6;
        QCOMPARE(generate(*m_model, {5, 12, 30}, options).newIds,
                 generate(*m_model, {5, 12, 30}, greedy).newIds);
    }

    void refusesWhatItCannotDo()
    {
        const auto classifier =
            PretrainedModel::load(kSource + "/tests/reference/models/bert-seq-cls");
        QVERIFY_THROWS_EXCEPTION(Error, generate(*classifier, {5}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, generate(*m_model, {}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, generate(*m_model, {48}, {}));
        GenerationOptions cold;
        cold.greedy = false;
        cold.temperature = 0;
        QVERIFY_THROWS_EXCEPTION(Error, generate(*m_model, {5}, cold));
        try {
            generate(*classifier, {5}, {});
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("causal language model"), e.what());
        }
    }

    // The interface other tools rely on: JSON with new_ids, ids (prompt + new) and text.
    void cliPrintsTheContinuation()
    {
        QProcess cli;
        cli.start(domaintune::test::cliPath(),
                  {QStringLiteral("generate"), QStringLiteral("--model"),
                   QString::fromStdString(kModel), QStringLiteral("--input-ids"),
                   QStringLiteral("5,12,30"), QStringLiteral("--max-new-tokens"),
                   QStringLiteral("4"), QStringLiteral("--greedy")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const auto json = nlohmann::json::parse(cli.readAllStandardOutput().toStdString());
        QCOMPARE(json.at("new_ids"), nlohmann::json({9, 9, 9, 9}));
        QCOMPARE(json.at("ids"), nlohmann::json({5, 12, 30, 9, 9, 9, 9}));
        QVERIFY(json.at("text").is_null()); // the tiny model has no tokenizer
        QCOMPARE(json.at("stop_reason"), nlohmann::json("max_new_tokens"));

        cli.start(domaintune::test::cliPath(),
                  {QStringLiteral("generate"), QStringLiteral("--model"),
                   QString::fromStdString(kModel), QStringLiteral("--input-ids"),
                   QStringLiteral("5,x")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY(cli.readAllStandardError().contains("\"x\" is not one"));

        // A number with trailing junk is refused, not read as its prefix.
        cli.start(domaintune::test::cliPath(),
                  {QStringLiteral("generate"), QStringLiteral("--model"),
                   QString::fromStdString(kModel), QStringLiteral("--input-ids"),
                   QStringLiteral("5"), QStringLiteral("--temperature"), QStringLiteral("0.5x")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY(cli.readAllStandardError().contains("--temperature expects a number"));
    }

    void decodesTokensToText_data()
    {
        QTest::addColumn<QString>("tokenizer");
        QTest::addColumn<QString>("text");
        QTest::newRow("byte-level BPE") << "roberta"
                                        << "The licensee shall pay 12.5% — café 中文.";
        QTest::newRow("sentencepiece") << "xlmr"
                                       << "The licensee shall pay";
    }

    void decodesTokensToText()
    {
        QFETCH(QString, tokenizer);
        QFETCH(QString, text);
        const auto loaded = loadTokenizer(kSource + "/tests/reference/tokenizers/" +
                                          tokenizer.toStdString() + "/tokenizer.json");
        EncodeOptions options;
        options.addSpecialTokens = false;
        const auto encoding = loaded->encode(text.toStdString(), options);
        const std::vector<std::int64_t> ids(encoding.ids.begin(), encoding.ids.end());
        QCOMPARE(QString::fromStdString(decodeTokens(*loaded, ids)), text);
    }
};

QTEST_APPLESS_MAIN(TestGeneration)
#include "testgeneration.moc"
