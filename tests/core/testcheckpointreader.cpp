#include "checkpointfixtures.h"
#include "core/common/error.h"
#include "core/model/checkpointreader.h"
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using domaintune::Checkpoint;
using domaintune::DType;
using domaintune::RawTensor;
using domaintune::readCheckpoint;
using nlohmann::json;
namespace fixture = domaintune::test;
namespace pickle = domaintune::test::pickle;

namespace {

// Summarises every reference folder's weights with torch (torch.load for .bin; for
// .safetensors the header is read by hand, as the safetensors package may be absent).
const char* const kSummaryScript = R"PY(
import sys, json, os, struct
try:
    import torch
except ImportError:
    sys.exit(3)
root, out = sys.argv[1], sys.argv[2]
result = {}
for name in sorted(os.listdir(root)):
    folder = os.path.join(root, name)
    if os.path.exists(folder + '/model.safetensors'):
        blob = open(folder + '/model.safetensors', 'rb').read()
        n = struct.unpack('<Q', blob[:8])[0]
        header = json.loads(blob[8:8 + n])
        header.pop('__metadata__', None)
        sd = {}
        for key, info in header.items():
            begin, end = info['data_offsets']
            data = bytearray(blob[8 + n + begin:8 + n + end])
            sd[key] = torch.frombuffer(data, dtype=torch.float32).reshape(info['shape'])
    elif os.path.exists(folder + '/pytorch_model.bin'):
        sd = torch.load(folder + '/pytorch_model.bin', map_location='cpu')
    else:
        continue
    result[name] = {k: {'shape': list(t.shape), 'sum': t.double().sum().item(),
                        'abs': t.double().abs().sum().item()} for k, t in sd.items()}
json.dump(result, open(out, 'w'))
)PY";

std::vector<std::string> names(const Checkpoint& checkpoint)
{
    std::vector<std::string> result;
    for (const auto& tensor : checkpoint.tensors)
        result.push_back(tensor.name);
    return result;
}

json tensorEntry(const char* dtype, std::vector<int> shape, std::uint64_t begin, std::uint64_t end)
{
    return json{{"dtype", dtype}, {"shape", shape}, {"data_offsets", {begin, end}}};
}

} // namespace

class TestCheckpointReader : public QObject
{
    Q_OBJECT

private:
    QString folder(const QString& name)
    {
        QTemporaryDir* dir = new QTemporaryDir;
        m_dirs.emplace_back(dir);
        return dir->filePath(name);
    }

    static void writeShards(const QString& dir)
    {
        QDir().mkpath(dir);
        fixture::writeFile(dir + "/model-00001-of-00002.safetensors",
                           fixture::safetensorsBytes({{"a", tensorEntry("F32", {2}, 0, 8)},
                                                      {"b", tensorEntry("F32", {1}, 8, 12)}},
                                                     fixture::floatBytes({1, 2, 3})));
        fixture::writeFile(dir + "/model-00002-of-00002.safetensors",
                           fixture::safetensorsBytes({{"c", tensorEntry("F32", {1}, 0, 4)}},
                                                     fixture::floatBytes({4})));
    }

    static json shardIndex()
    {
        return json{{"metadata", {{"total_size", 16}}},
                    {"weight_map",
                     {{"a", "model-00001-of-00002.safetensors"},
                      {"b", "model-00001-of-00002.safetensors"},
                      {"c", "model-00002-of-00002.safetensors"}}}};
    }

    static void writeJson(const QString& path, const json& value)
    {
        fixture::writeFile(path, QByteArray::fromStdString(value.dump(2)));
    }

    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;

private slots:
    void shardNameLongerThanAFileNameIsRefused()
    {
        // Found by fuzz_checkpoint: std::filesystem threw "File name too long" past the reader.
        const QString dir = folder("longshard");
        QDir().mkpath(dir);
        const std::string shard = "model-0" + std::string(300, '{') + ".safetensors";
        fixture::writeFile(
            dir + "/model.safetensors.index.json",
            QByteArray::fromStdString(R"({"weight_map": {"a.weight": ")" + shard + R"("}})"));
        const QString message =
            domaintune::test::errorOf([&] { readCheckpoint(dir.toStdString()); });
        QVERIFY2(message.contains(QStringLiteral("not a file inside the model folder")),
                 qPrintable(message));
    }

    void prefersSafetensorsOverPyTorch()
    {
        const QString dir = folder("model");
        QDir().mkpath(dir);
        fixture::writeFile(dir + "/model.safetensors",
                           fixture::safetensorsBytes({{"x", tensorEntry("F32", {1}, 0, 4)}},
                                                     fixture::floatBytes({1})));
        fixture::writeFile(dir + "/pytorch_model.bin", "not even a checkpoint");
        const Checkpoint checkpoint = readCheckpoint(dir.toStdString());
        QCOMPARE(checkpoint.format, std::string("safetensors"));
        QCOMPARE(names(checkpoint), std::vector<std::string>{"x"});
        // The same file, named directly.
        QCOMPARE(readCheckpoint((dir + "/model.safetensors").toStdString()).tensors.size(),
                 std::size_t(1));
    }

    void readsPyTorchWhenThatIsAllThereIs()
    {
        const QString dir = folder("model");
        QDir().mkpath(dir);
        fixture::writeFile(dir + "/pytorch_model.bin",
                           fixture::torchZip(pickle::dict({{"w", pickle::tensor("0", "HalfStorage",
                                                                                2, 0, {2}, {1})}}),
                                             {{"0", QByteArray("\x00\x3c\x00\x40", 4)}}));
        const Checkpoint checkpoint = readCheckpoint(dir.toStdString());
        QCOMPARE(checkpoint.format, std::string("pytorch-zip"));
        QCOMPARE(checkpoint.tensors.at(0).dtype, DType::F16);
        QCOMPARE(fixture::elementAt(checkpoint.tensors.at(0), 1), 2.0);
    }

    void listsWhatWasLookedFor()
    {
        const QString dir = folder("empty");
        QDir().mkpath(dir);
        fixture::writeFile(dir + "/tf_model.h5", "x");
        DOMAINTUNE_VERIFY_ERROR(readCheckpoint(dir.toStdString()), "model.safetensors",
                                "model.safetensors.index.json", "pytorch_model.bin",
                                "pytorch_model.bin.index.json", "tf_model.h5", "Download");
    }

    void readsShardedSafetensors()
    {
        const QString dir = folder("sharded");
        writeShards(dir);
        writeJson(dir + "/model.safetensors.index.json", shardIndex());
        const Checkpoint checkpoint = readCheckpoint(dir.toStdString());
        QCOMPARE(names(checkpoint), (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(checkpoint.files.size(), std::size_t(3));
        QCOMPARE(checkpoint.metadata.at("total_size"), std::string("16"));
        QCOMPARE(fixture::elementAt(checkpoint.tensors[2], 0), 4.0);
        QCOMPARE(checkpoint.format, std::string("sharded safetensors"));
    }

    void readsShardedPyTorch()
    {
        const QString dir = folder("shardedbin");
        QDir().mkpath(dir);
        for (int shard : {1, 2}) {
            const QByteArray key = "w" + QByteArray::number(shard);
            fixture::writeFile(
                dir + QString("/pytorch_model-0000%1-of-00002.bin").arg(shard),
                fixture::torchZip(
                    pickle::dict({{key, pickle::tensor("0", "LongStorage", 1, 0, {1}, {1})}}),
                    {{"0", QByteArray(8, char(shard))}}));
        }
        writeJson(dir + "/pytorch_model.bin.index.json",
                  {{"weight_map",
                    {{"w1", "pytorch_model-00001-of-00002.bin"},
                     {"w2", "pytorch_model-00002-of-00002.bin"}}}});
        const Checkpoint checkpoint = readCheckpoint(dir.toStdString());
        QCOMPARE(names(checkpoint), (std::vector<std::string>{"w1", "w2"}));
        QCOMPARE(checkpoint.tensors[1].dtype, DType::I64);
        QCOMPARE(fixture::elementAt(checkpoint.tensors[1], 0), double(0x0202020202020202ll));
    }

    void reportsShardProblems()
    {
        const QString dir = folder("broken");
        writeShards(dir);
        json index = shardIndex();
        index["weight_map"]["d"] = "model-00003-of-00003.safetensors";
        index["weight_map"]["e"] = "model-00004-of-00004.safetensors";
        writeJson(dir + "/model.safetensors.index.json", index);
        DOMAINTUNE_VERIFY_ERROR(readCheckpoint(dir.toStdString()), "2 of the 4 shard files",
                                "model-00003-of-00003.safetensors",
                                "model-00004-of-00004.safetensors", "Download every shard");

        index = shardIndex();
        index["weight_map"]["z"] = "model-00002-of-00002.safetensors";
        writeJson(dir + "/model.safetensors.index.json", index);
        DOMAINTUNE_VERIFY_ERROR(readCheckpoint(dir.toStdString()), "tensor 'z'",
                                "model-00002-of-00002.safetensors", "does not contain");

        index = shardIndex();
        index["weight_map"]["c"] = "../../etc/passwd";
        writeJson(dir + "/model.safetensors.index.json", index);
        DOMAINTUNE_VERIFY_ERROR(readCheckpoint(dir.toStdString()), "'../../etc/passwd'",
                                "not a file inside the model folder");

        writeJson(dir + "/model.safetensors.index.json", {{"metadata", json::object()}});
        DOMAINTUNE_VERIFY_ERROR(readCheckpoint(dir.toStdString()), "\"weight_map\"");
    }

    void readsEveryReferenceFolder()
    {
        DOMAINTUNE_SHARED_OR_SKIP(root, "fixtures/reference");
        const QStringList folders = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(!folders.isEmpty());
        QString summaryProblem;
        json summary;
        const QString summaryPath = folder("summary.json");
        if (QFileInfo::exists("/usr/bin/python3")) {
            QProcess python;
            python.start("/usr/bin/python3", {"-c", kSummaryScript, root, summaryPath});
            QVERIFY(python.waitForFinished(180000));
            if (python.exitCode() == 3)
                summaryProblem = "python3-torch is not installed";
            else
                QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        } else {
            summaryProblem = "/usr/bin/python3 is missing";
        }
        if (summaryProblem.isEmpty())
            summary = json::parse(std::ifstream(summaryPath.toStdString()));
        else
            qWarning("value cross-check skipped: %s", qPrintable(summaryProblem));
        for (const QString& name : folders) {
            const QString dir = root + "/" + name;
            const Checkpoint checkpoint = readCheckpoint(dir.toStdString());
            const json config = json::parse(std::ifstream((dir + "/config.json").toStdString()));
            QVERIFY2(checkpoint.tensors.size() > 10, qPrintable(name));
            checkEmbedding(checkpoint, config, name);
            if (!summary.empty())
                compareWithTorch(checkpoint, summary.at(name.toStdString()), name);
        }
    }

private:
    static void checkEmbedding(const Checkpoint& checkpoint, const json& config,
                               const QString& folderName)
    {
        const bool gpt2 = config.at("model_type") == "gpt2";
        const std::int64_t vocab = config.at("vocab_size");
        const std::int64_t hidden = gpt2 ? config.at("n_embd") : config.at("hidden_size");
        bool found = false;
        for (const auto& tensor : checkpoint.tensors) {
            QCOMPARE(tensor.dtype, DType::F32);
            QVERIFY(tensor.storageBytes >= std::size_t(tensor.numel()) * 4);
            const std::string& n = tensor.name;
            const std::string suffix = gpt2 ? "wte.weight" : "word_embeddings.weight";
            if (n.size() >= suffix.size() &&
                n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0) {
                QCOMPARE(tensor.shape, (std::vector<std::int64_t>{vocab, hidden}));
                found = true;
            }
        }
        QVERIFY2(found, qPrintable(folderName + ": no word embedding tensor"));
    }

    static void compareWithTorch(const Checkpoint& checkpoint, const json& expected,
                                 const QString& folderName)
    {
        QCOMPARE(checkpoint.tensors.size(), expected.size());
        for (const auto& tensor : checkpoint.tensors) {
            const json& want = expected.at(tensor.name);
            QCOMPARE(tensor.shape, want.at("shape").get<std::vector<std::int64_t>>());
            double sum = 0;
            double abs = 0;
            for (std::int64_t i = 0; i < tensor.numel(); ++i) {
                const double value = fixture::elementAt(tensor, i);
                sum += value;
                abs += std::fabs(value);
            }
            const double tolerance = 1e-9 * (1 + want.at("abs").get<double>());
            QVERIFY2(std::fabs(sum - want.at("sum").get<double>()) <= tolerance,
                     qPrintable(folderName + ": " + tensor.name.c_str()));
            QVERIFY2(std::fabs(abs - want.at("abs").get<double>()) <= tolerance,
                     qPrintable(folderName + ": " + tensor.name.c_str()));
        }
    }
};

QTEST_APPLESS_MAIN(TestCheckpointReader)
#include "testcheckpointreader.moc"
