// Downloads by Hub id against a real HTTP server on 127.0.0.1 (tests/hub/fakehub.py) that
// serves model folders in the Hub's URL scheme: the cache layout transformers reads, a redirect
// to a CDN for large files, an interrupted transfer that resumes, a corrupted blob that is
// refused, 404, 401 and the token, offline mode, cancel, and `domaintune-cli models`.
#include "core/common/error.h"
#include "core/hub/hubcache.h"
#include "core/hub/hubdownloader.h"
#include "core/model/checkpointreader.h"
#include "core/model/modelconfig.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/safetensorswriter.h"
#include "core/store/sha256.h"
#include "fakehubserver.h"
#include "testpaths.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;
namespace fs = std::filesystem;

namespace {

const char* const kCommit = "0123456789abcdef0123456789abcdef01234567";

class Recorder : public HubDownloadObserver
{
public:
    void onProgress(const HubDownloadProgress& progress) override
    {
        lastDone = progress.bytesDone;
        lastTotal = progress.bytesTotal;
        if (cancelOnProgress)
            cancel->store(true);
    }
    void onMessage(const std::string& message) override { messages.push_back(message); }
    bool said(const std::string& part) const
    {
        for (const auto& message : messages)
            if (message.find(part) != std::string::npos)
                return true;
        return false;
    }
    std::vector<std::string> messages;
    std::uint64_t lastDone = 0, lastTotal = 0;
    bool cancelOnProgress = false;
    std::atomic_bool* cancel = nullptr;
};

/** A tiny BERT with a WordPiece vocabulary, saved as an HF folder. */
void writeModel(const fs::path& folder)
{
    const nlohmann::json config = {{"model_type", "bert"},    {"architectures", {"BertModel"}},
                                   {"vocab_size", 40},        {"hidden_size", 32},
                                   {"num_hidden_layers", 2},  {"num_attention_heads", 2},
                                   {"intermediate_size", 64}, {"max_position_embeddings", 64}};
    PretrainedModel::create(parseModelConfig(config, "config.json"), HeadKind::Base, 7)
        ->save(folder.string());
    std::ofstream vocab(folder / "vocab.txt");
    for (const char* token : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"})
        vocab << token << '\n';
    for (int i = 0; i < 35; ++i)
        vocab << "w" << i << '\n';
    std::ofstream(folder / "README.md") << "not needed by a model\n";
}

/** The same model with its weights in two safetensors shards and an index, as large
 * checkpoints come. */
void writeShardedCopy(const fs::path& from, const fs::path& to)
{
    fs::create_directories(to);
    for (const char* file : {"config.json", "vocab.txt"})
        fs::copy_file(from / file, to / file);
    const Checkpoint checkpoint = readCheckpoint(from.string());
    std::vector<RawTensor> first, second;
    nlohmann::json index = {{"metadata", {{"total_size", 0}}},
                            {"weight_map", nlohmann::json::object()}};
    for (std::size_t i = 0; i < checkpoint.tensors.size(); ++i) {
        const bool early = i < checkpoint.tensors.size() / 2;
        (early ? first : second).push_back(checkpoint.tensors[i]);
        index["weight_map"][checkpoint.tensors[i].name] =
            early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
    }
    writeSafetensors((to / "model-00001-of-00002.safetensors").string(), first);
    writeSafetensors((to / "model-00002-of-00002.safetensors").string(), second);
    std::ofstream(to / "model.safetensors.index.json") << index.dump();
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

class TestHubDownload : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::FakeHubServer> m_server;
    std::string m_endpoint;
    fs::path m_model, m_log;

    HubDownloadParams params(const std::string& id, const std::string& cache)
    {
        HubDownloadParams p;
        p.id = id;
        p.settings.cacheRoot = cache;
        p.settings.endpoint = m_endpoint;
        return p;
    }

    std::string freshCache(const char* name)
    {
        return (fs::path(m_dir.path().toStdString()) / name).string();
    }

    int logged(const std::string& path, bool withRange) const
    {
        std::ifstream in(m_log);
        int count = 0;
        for (std::string line; std::getline(in, line);) {
            const auto entry = nlohmann::json::parse(line);
            if (entry["method"] == "GET" &&
                entry["path"].get<std::string>().find(path) != std::string::npos &&
                !entry["range"].get<std::string>().empty() == withRange)
                ++count;
        }
        return count;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const fs::path root = m_dir.path().toStdString();
        m_model = root / "repo";
        writeModel(m_model);
        fs::create_directories(root / "t5");
        std::ofstream(root / "t5" / "config.json") << R"({"model_type": "t5"})";
        std::ofstream(root / "t5" / "model.safetensors") << "x";
        m_log = root / "requests.log";
        nlohmann::json config = {{"token", "s3cret"}, {"repos", nlohmann::json::object()}};
        const auto repo = [&](const char* id, nlohmann::json extra = nlohmann::json::object()) {
            extra["dir"] = m_model.string();
            extra["commit"] = kCommit;
            config["repos"][id] = extra;
        };
        repo("acme/tiny-bert");
        repo("acme/flaky", {{"interrupt", {"model.safetensors"}}});
        repo("acme/resumable");
        repo("acme/corrupt", {{"corrupt", {"model.safetensors"}}});
        repo("acme/private", {{"private", true}});
        repo("tinybare");
        config["repos"]["acme/t5"] = {{"dir", (root / "t5").string()}, {"commit", kCommit}};
        writeShardedCopy(m_model, root / "sharded");
        config["repos"]["acme/sharded"] = {{"dir", (root / "sharded").string()},
                                           {"commit", kCommit}};
        std::ofstream(root / "hub.json") << config.dump();
        m_server = std::make_unique<domaintune::test::FakeHubServer>(
            QString::fromStdString((root / "hub.json").string()),
            QString::fromStdString(m_log.string()));
        QVERIFY2(!m_server->endpoint().isEmpty(),
                 "the test Hub (tests/hub/fakehub.py, Debian's python3) did not start");
        m_endpoint = m_server->endpoint().toStdString();
    }

    void cleanupTestCase() { m_server.reset(); }

    void downloadsIntoTheCacheLayout()
    {
        const std::string cache = freshCache("cache-plain");
        Recorder recorder;
        std::atomic_bool cancel{false};
        const auto result = downloadModel(params("acme/tiny-bert", cache), recorder, cancel);
        QCOMPARE(result.commit, std::string(kCommit));
        const fs::path repo = fs::path(cache) / "models--acme--tiny-bert";
        QCOMPARE(fs::path(result.snapshotDir), repo / "snapshots" / kCommit);
        QCOMPARE(readText(repo / "refs" / "main"),
                 std::string(kCommit)); // no newline, as the Hub's
        // Only what a model needs: no README.md.
        QVERIFY(fs::exists(fs::path(result.snapshotDir) / "vocab.txt"));
        QVERIFY(!fs::exists(fs::path(result.snapshotDir) / "README.md"));
        // Snapshot files are relative links into blobs/; the weights' blob is named by SHA-256.
        const fs::path weights = fs::path(result.snapshotDir) / "model.safetensors";
        QVERIFY(fs::is_symlink(weights));
        const std::string sha = Sha256::hexOfFile((m_model / "model.safetensors").string());
        QCOMPARE(fs::read_symlink(weights), fs::path("../../blobs") / sha);
        QCOMPARE(readText(weights), readText(m_model / "model.safetensors"));
        for (const auto& file : result.files)
            if (file.name == "model.safetensors")
                QVERIFY(file.verified);
        for (const auto& entry : fs::directory_iterator(repo / "blobs"))
            QVERIFY2(entry.path().extension() != ".incomplete", entry.path().c_str());
        QCOMPARE(recorder.lastDone, recorder.lastTotal);

        // It loads, and its forward output equals the served folder's.
        const auto original = PretrainedModel::load(m_model.string());
        const auto copy = PretrainedModel::load(result.snapshotDir);
        ForwardInputs inputs;
        inputs.inputIds = {{2, 7, 9, 11, 3}};
        const auto a = original->forward(inputs, true).at("last_hidden_state");
        const auto b = copy->forward(inputs, true).at("last_hidden_state");
        QCOMPARE(a.shape, b.shape);
        QVERIFY(a.values == b.values);

        // A second call finds every blob in place and fetches nothing.
        const auto again = downloadModel(params("acme/tiny-bert", cache), recorder, cancel);
        QCOMPARE(again.bytesFetched, std::uint64_t(0));

        // The listing finds it, loadable, with its ref.
        const auto models = listCachedModels(cache);
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].id, std::string("acme/tiny-bert"));
        QCOMPARE(models[0].refs, std::vector<std::string>{"main"});
        QVERIFY2(models[0].check.loadable, models[0].check.reason.c_str());
        QCOMPARE(models[0].check.modelType, std::string("bert"));
        QCOMPARE(findCachedSnapshot(cache, "acme/tiny-bert"), result.snapshotDir);
        QCOMPARE(findCachedSnapshot(cache, "acme/tiny-bert", kCommit), result.snapshotDir);
    }

    void shardedWeightsDownloadCompletely()
    {
        const std::string cache = freshCache("cache-sharded");
        Recorder recorder;
        std::atomic_bool cancel{false};
        const auto result = downloadModel(params("acme/sharded", cache), recorder, cancel);
        const fs::path snapshot = result.snapshotDir;
        QVERIFY(fs::exists(snapshot / "model.safetensors.index.json"));
        QVERIFY(fs::exists(snapshot / "model-00001-of-00002.safetensors"));
        QVERIFY(fs::exists(snapshot / "model-00002-of-00002.safetensors"));
        for (const auto& file : result.files)
            if (file.name.find("-of-") != std::string::npos)
                QVERIFY2(file.verified, file.name.c_str());
        // It loads from the shards and computes what the unsharded original computes.
        ForwardInputs inputs;
        inputs.inputIds = {{2, 5, 8, 3}};
        QVERIFY(PretrainedModel::load(result.snapshotDir)
                    ->forward(inputs, true)
                    .at("last_hidden_state")
                    .values == PretrainedModel::load(m_model.string())
                                   ->forward(inputs, true)
                                   .at("last_hidden_state")
                                   .values);
    }

    void bareIdsWithoutOrganisation()
    {
        const std::string cache = freshCache("cache-bare");
        Recorder recorder;
        std::atomic_bool cancel{false};
        const auto result = downloadModel(params("tinybare", cache), recorder, cancel);
        QVERIFY(fs::is_directory(fs::path(cache) / "models--tinybare" / "snapshots" / kCommit));
        QCOMPARE(listCachedModels(cache).at(0).id, std::string("tinybare"));
        QVERIFY(!result.snapshotDir.empty());
    }

    void droppedConnectionResumesWithRange()
    {
        const std::string cache = freshCache("cache-flaky");
        Recorder recorder;
        std::atomic_bool cancel{false};
        const auto result = downloadModel(params("acme/flaky", cache), recorder, cancel);
        QVERIFY(recorder.said("The connection dropped during model.safetensors"));
        QCOMPARE(readText(fs::path(result.snapshotDir) / "model.safetensors"),
                 readText(m_model / "model.safetensors"));
        QCOMPARE(logged("/cdn/", true), 1); // the second request asked for the rest only
    }

    void partialFileFromAnEarlierRunIsResumed()
    {
        const std::string cache = freshCache("cache-resume");
        const std::string sha = Sha256::hexOfFile((m_model / "model.safetensors").string());
        const fs::path blobs = fs::path(cache) / "models--acme--resumable" / "blobs";
        fs::create_directories(blobs);
        const std::string whole = readText(m_model / "model.safetensors");
        std::ofstream(blobs / (sha + ".incomplete"), std::ios::binary) << whole.substr(0, 1000);
        const int rangedBefore = logged("/cdn/", true);
        Recorder recorder;
        std::atomic_bool cancel{false};
        const auto result = downloadModel(params("acme/resumable", cache), recorder, cancel);
        QVERIFY(recorder.said("Resuming model.safetensors at byte 1000"));
        QCOMPARE(logged("/cdn/", true), rangedBefore + 1);
        QCOMPARE(readText(blobs / sha), whole);
        QVERIFY(!fs::exists(blobs / (sha + ".incomplete")));
        QVERIFY(!result.snapshotDir.empty());
    }

    void corruptedBlobIsRefused()
    {
        const std::string cache = freshCache("cache-corrupt");
        Recorder recorder;
        std::atomic_bool cancel{false};
        try {
            downloadModel(params("acme/corrupt", cache), recorder, cancel);
            QFAIL("a corrupted blob was accepted");
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("does not match its checksum") != std::string::npos, e.what());
            QVERIFY2(message.find("model.safetensors") != std::string::npos, e.what());
        }
        const fs::path repo = fs::path(cache) / "models--acme--corrupt";
        QVERIFY(!fs::exists(repo / "refs" / "main"));
        QVERIFY(!fs::exists(repo / "snapshots"));
        for (const auto& entry : fs::directory_iterator(repo / "blobs"))
            QVERIFY2(entry.path().extension() != ".incomplete" &&
                         entry.path().filename().string().size() != 64,
                     entry.path().c_str());
        QVERIFY(listCachedModels(cache).empty());
    }

    void missingModelAndRevisionSay404()
    {
        Recorder recorder;
        std::atomic_bool cancel{false};
        auto p = params("acme/nothing-here", freshCache("cache-404"));
        QVERIFY_THROWS_EXCEPTION(Error, downloadModel(p, recorder, cancel));
        try {
            downloadModel(p, recorder, cancel);
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("No model acme/nothing-here") != std::string::npos,
                     e.what());
        }
        p = params("acme/tiny-bert", freshCache("cache-404"));
        p.revision = "v9";
        try {
            downloadModel(p, recorder, cancel);
            QFAIL("an unknown revision was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("revision 'v9'") != std::string::npos, e.what());
        }
    }

    void privateModelNeedsTheToken()
    {
        const std::string cache = freshCache("cache-private");
        Recorder recorder;
        std::atomic_bool cancel{false};
        auto p = params("acme/private", cache);
        try {
            downloadModel(p, recorder, cancel);
            QFAIL("a private model downloaded without a token");
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("HTTP 401") != std::string::npos, e.what());
            QVERIFY2(message.find("set HF_TOKEN") != std::string::npos, e.what());
        }
        p.settings.token = "wrong";
        try {
            downloadModel(p, recorder, cancel);
            QFAIL("a wrong token was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("is not accepted") != std::string::npos, e.what());
        }
        p.settings.token = "s3cret";
        QVERIFY(!downloadModel(p, recorder, cancel).snapshotDir.empty());
    }

    void offlineUsesTheCacheOnly()
    {
        const std::string cache = freshCache("cache-plain"); // filled by the first test
        Recorder recorder;
        std::atomic_bool cancel{false};
        auto p = params("acme/tiny-bert", cache);
        p.settings.offline = true;
        p.settings.endpoint = "http://127.0.0.1:9"; // nothing listens there: must not be asked
        const auto result = downloadModel(p, recorder, cancel);
        QVERIFY(result.fromCacheOnly);
        QCOMPARE(result.commit, std::string(kCommit));
        p.id = "acme/not-cached";
        try {
            downloadModel(p, recorder, cancel);
            QFAIL("offline mode downloaded");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("HF_HUB_OFFLINE is set") != std::string::npos,
                     e.what());
        }
    }

    void cancelLeavesNoSnapshot()
    {
        const std::string cache = freshCache("cache-cancel");
        Recorder recorder;
        std::atomic_bool cancel{true};
        QVERIFY_THROWS_EXCEPTION(HubDownloadCancelled,
                                 downloadModel(params("acme/tiny-bert", cache), recorder, cancel));
        QVERIFY(!fs::exists(fs::path(cache) / "models--acme--tiny-bert" / "snapshots"));
        QVERIFY(!fs::exists(fs::path(cache) / "models--acme--tiny-bert" / "refs"));
    }

    void unreachableServerSaysSo()
    {
        Recorder recorder;
        std::atomic_bool cancel{false};
        auto p = params("acme/tiny-bert", freshCache("cache-down"));
        p.settings.endpoint = "http://127.0.0.1:9";
        try {
            downloadModel(p, recorder, cancel);
            QFAIL("no server, yet no error");
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("cannot fetch http://127.0.0.1:9/api/models/acme/tiny-bert") !=
                         std::string::npos,
                     e.what());
            QVERIFY2(message.find("HF_HUB_OFFLINE=1") != std::string::npos, e.what());
        }
    }

    void listingSaysWhyAModelCannotLoad()
    {
        const std::string cache = freshCache("cache-t5");
        Recorder recorder;
        std::atomic_bool cancel{false};
        // Downloaded as transformers would (it is a repository with a config and weights) ...
        downloadModel(params("acme/t5", cache), recorder, cancel);
        // ... and listed with the reason DomainTune cannot use it.
        const auto models = listCachedModels(cache);
        QCOMPARE(models.size(), std::size_t(1));
        QVERIFY(!models[0].check.loadable);
        QCOMPARE(models[0].check.modelType, std::string("t5"));
        QVERIFY2(models[0].check.reason.find("t5") != std::string::npos,
                 models[0].check.reason.c_str());
    }

    void commandLineDownloadsAndLists()
    {
        const QString cache = QString::fromStdString(freshCache("cache-cli"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HF_ENDPOINT"), QString::fromStdString(m_endpoint));
        environment.insert(QStringLiteral("HF_HUB_CACHE"), cache);
        environment.remove(QStringLiteral("HF_HUB_OFFLINE"));
        QByteArray lastError;
        const auto run = [&](const QStringList& arguments, int expectedExit) {
            QProcess cli;
            cli.setProcessEnvironment(environment);
            cli.start(domaintune::test::cliPath(), arguments);
            if (!cli.waitForFinished(60000))
                return QJsonDocument();
            lastError = cli.readAllStandardError();
            if (cli.exitCode() != expectedExit)
                qWarning() << "exit" << cli.exitCode() << lastError;
            return cli.exitCode() == expectedExit
                       ? QJsonDocument::fromJson(cli.readAllStandardOutput())
                       : QJsonDocument();
        };
        const auto downloaded = run({"models", "download", "acme/tiny-bert"}, 0);
        QCOMPARE(downloaded.object().value("commit").toString(), QString::fromLatin1(kCommit));
        const auto listed = run({"models", "list"}, 0);
        QVERIFY(listed.isArray());
        QCOMPARE(listed.array().size(), 1);
        const QJsonObject model = listed.array().at(0).toObject();
        QCOMPARE(model.value("id").toString(), QStringLiteral("acme/tiny-bert"));
        QCOMPARE(model.value("loadable").toBool(), true);
        QCOMPARE(
            run({"models", "info", "acme/tiny-bert"}, 0).object().value("model_type").toString(),
            QStringLiteral("bert"));
        // --model takes the Hub id of a cached model, as transformers' from_pretrained does.
        const auto tokens = run({"tokenize", "--model", "acme/tiny-bert", "--text", "w1 w2"}, 0);
        QCOMPARE(tokens.object().value("ids").toArray().size(), 4); // [CLS] w1 w2 [SEP]
        run({"tokenize", "--model", "acme/not-cached", "--text", "x"}, 1);
        QVERIFY2(lastError.contains("Download it first: domaintune-cli models download "
                                    "acme/not-cached"),
                 lastError.constData());
        run({"models", "download", "acme/nothing-here"}, 1);
        QVERIFY2(lastError.contains("No model acme/nothing-here"), lastError.constData());
        environment.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));
        QVERIFY(
            run({"models", "download", "acme/tiny-bert"}, 0).object().value("offline").toBool());
        environment.remove(QStringLiteral("HF_HUB_OFFLINE"));
        QVERIFY(run({"models", "remove", "acme/tiny-bert"}, 0)
                    .object()
                    .value("bytes_freed")
                    .toDouble() > 0);
        QCOMPARE(run({"models", "list"}, 0).array().size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestHubDownload)
#include "testhubdownload.moc"
