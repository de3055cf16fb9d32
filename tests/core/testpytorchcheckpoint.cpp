#include "checkpointfixtures.h"
#include "core/common/error.h"
#include "core/model/pytorchcheckpoint.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

using domaintune::Checkpoint;
using domaintune::DType;
using domaintune::Error;
using domaintune::PyTorchCheckpoint;
using domaintune::RawTensor;
using nlohmann::json;
namespace fixture = domaintune::test;
namespace pickle = domaintune::test::pickle;

namespace {

// Saves one state dict in both torch.save formats, plus a wrapped one, and the expected values.
const char* const kSaveScript = R"PY(
import sys, json, collections
try:
    import torch
except ImportError:
    sys.exit(3)
out = sys.argv[1]
base = torch.arange(12, dtype=torch.float32).reshape(3, 4) * 0.5 - 1
sd = collections.OrderedDict()
sd['base'] = base
sd['transposed'] = base.t()
sd['row'] = base[1]
sd['column'] = base[:, 2]
sd['half'] = torch.tensor([1.5, -2.25, 65504.0, 6e-8], dtype=torch.float16)
sd['bf16'] = torch.tensor([1.5, -2.25, 3e38, 1e-30], dtype=torch.bfloat16)
sd['double'] = torch.tensor([[1e-300, 2.5]], dtype=torch.float64)
sd['long'] = torch.tensor([1, -2, 2**40], dtype=torch.int64)
sd['int'] = torch.tensor([7, -8], dtype=torch.int32)
sd['short'] = torch.tensor([-3], dtype=torch.int16)
sd['char'] = torch.tensor([-4, 5], dtype=torch.int8)
sd['byte'] = torch.tensor([200], dtype=torch.uint8)
sd['bool'] = torch.tensor([True, False, True])
sd['param'] = torch.nn.Parameter(torch.linspace(-1, 1, 5))
sd['scalar'] = torch.tensor(3.25)
sd['empty'] = torch.zeros(0, 4)
sd['big'] = torch.randn(64, 33, generator=torch.Generator().manual_seed(0))
sd._metadata = collections.OrderedDict([('', {'version': 1})])
torch.save(sd, out + '/zip.bin')
torch.save(sd, out + '/legacy.bin', _use_new_zipfile_serialization=False)
torch.save({'epoch': 3, 'state_dict': sd}, out + '/wrapped.bin')
torch.save([base], out + '/list.bin')
expected = {k: {'dtype': str(v.dtype), 'shape': list(v.shape),
                'values': v.detach().double().flatten().tolist()} for k, v in sd.items()}
json.dump(expected, open(out + '/expected.json', 'w'))
)PY";

DType dtypeOf(const std::string& torchName)
{
    static const std::map<std::string, DType> names = {
        {"torch.float32", DType::F32},   {"torch.float16", DType::F16},
        {"torch.bfloat16", DType::BF16}, {"torch.float64", DType::F64},
        {"torch.int64", DType::I64},     {"torch.int32", DType::I32},
        {"torch.int16", DType::I16},     {"torch.int8", DType::I8},
        {"torch.uint8", DType::U8},      {"torch.bool", DType::Bool}};
    return names.at(torchName);
}

const RawTensor* findTensor(const Checkpoint& checkpoint, const std::string& name)
{
    for (const auto& tensor : checkpoint.tensors)
        if (tensor.name == name)
            return &tensor;
    return nullptr;
}

/** {w: 2x3 F32, t: its transpose (same storage), v: row 1 (offset 3)}. */
QByteArray threeViewsPickle()
{
    return pickle::dict({{"w", pickle::tensor("0", "FloatStorage", 6, 0, {2, 3}, {3, 1})},
                         {"t", pickle::tensor("0", "FloatStorage", 6, 0, {3, 2}, {1, 3})},
                         {"v", pickle::tensor("0", "FloatStorage", 6, 3, {3}, {1})}});
}

} // namespace

class TestPyTorchCheckpoint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pythonDir;

    std::string write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        fixture::writeFile(path, bytes);
        return path.toStdString();
    }

    static void checkThreeViews(const Checkpoint& checkpoint)
    {
        QCOMPARE(checkpoint.tensors.size(), std::size_t(3));
        const RawTensor* w = findTensor(checkpoint, "w");
        const RawTensor* t = findTensor(checkpoint, "t");
        const RawTensor* v = findTensor(checkpoint, "v");
        QVERIFY(w && t && v);
        QCOMPARE(checkpoint.tensors[0].name, std::string("w")); // dict order is kept
        QCOMPARE(fixture::elementAt(*w, 5), 6.0);
        QCOMPARE(fixture::elementAt(*t, 1), 4.0); // t[0][1] = w[1][0]
        QVERIFY(!t->isContiguous());
        QCOMPARE(t->data, w->data); // one storage, no copy
        QCOMPARE(v->data, w->data + 12);
        QCOMPARE(fixture::elementAt(*v, 2), 6.0);
        QCOMPARE(v->storageBytes, std::size_t(12));
    }

    QString runPython(const char* script, const QStringList& arguments)
    {
        if (!QFileInfo::exists("/usr/bin/python3"))
            return "/usr/bin/python3 is missing";
        QProcess python;
        python.start("/usr/bin/python3", QStringList{"-c", script} + arguments);
        if (!python.waitForFinished(180000))
            return "python did not finish";
        if (python.exitCode() == 3)
            return "python3-torch is not installed";
        if (python.exitCode() != 0)
            return "FAIL " + QString::fromLocal8Bit(python.readAllStandardError());
        return {};
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsHandMadeZip()
    {
        const QByteArray storage = fixture::floatBytes({1, 2, 3, 4, 5, 6});
        for (bool zip64 : {false, true}) {
            const std::string path =
                write(zip64 ? "zip64.bin" : "zip.bin",
                      fixture::torchZip(threeViewsPickle(), {{"0", storage}}, zip64));
            const Checkpoint checkpoint = PyTorchCheckpoint::read(path);
            QCOMPARE(checkpoint.format, std::string("pytorch-zip"));
            checkThreeViews(checkpoint);
        }
    }

    void readsHandMadeLegacyFile()
    {
        const QByteArray storage = fixture::floatBytes({1, 2, 3, 4, 5, 6});
        const std::string path =
            write("legacy.bin", fixture::torchLegacy(threeViewsPickle(), {{"0", storage}}, {4}));
        const Checkpoint checkpoint = PyTorchCheckpoint::read(path);
        QCOMPARE(checkpoint.format, std::string("pytorch-legacy"));
        checkThreeViews(checkpoint);
    }

    void matchesTorchSave_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zip format") << "zip.bin";
        QTest::newRow("legacy format") << "legacy.bin";
        QTest::newRow("wrapped in state_dict") << "wrapped.bin";
    }

    void matchesTorchSave()
    {
        QFETCH(QString, file);
        if (m_pythonDir.isEmpty()) {
            m_pythonDir = m_dir.filePath("python");
            QDir().mkpath(m_pythonDir);
            const QString problem = runPython(kSaveScript, {m_pythonDir});
            QVERIFY2(!problem.startsWith("FAIL"), qPrintable(problem));
            if (!problem.isEmpty()) {
                m_pythonDir = "skip: " + problem;
            }
        }
        if (m_pythonDir.startsWith("skip: "))
            QSKIP(qPrintable(m_pythonDir.mid(6) + "; the torch.save cross-check needs it"));
        std::ifstream in((m_pythonDir + "/expected.json").toStdString());
        const json expected = json::parse(in);
        const Checkpoint checkpoint =
            PyTorchCheckpoint::read((m_pythonDir + "/" + file).toStdString());
        QCOMPARE(checkpoint.tensors.size(), expected.size());
        QCOMPARE(checkpoint.notes.empty(), file != "wrapped.bin");
        for (const auto& tensor : checkpoint.tensors) {
            const json& want = expected.at(tensor.name);
            QCOMPARE(tensor.dtype, dtypeOf(want.at("dtype")));
            QCOMPARE(tensor.shape, want.at("shape").get<std::vector<std::int64_t>>());
            const auto values = want.at("values").get<std::vector<double>>();
            QCOMPARE(std::size_t(tensor.numel()), values.size());
            for (std::size_t i = 0; i < values.size(); ++i)
                QVERIFY2(fixture::elementAt(tensor, std::int64_t(i)) == values[i],
                         qPrintable(QString("%1[%2]").arg(tensor.name.c_str()).arg(i)));
        }
        const RawTensor* base = findTensor(checkpoint, "base");
        QCOMPARE(findTensor(checkpoint, "transposed")->data, base->data);
        QCOMPARE(findTensor(checkpoint, "row")->data, base->data + 16);
        QCOMPARE(findTensor(checkpoint, "column")->data, base->data + 8);
        QCOMPARE(findTensor(checkpoint, "column")->strides, (std::vector<std::int64_t>{4}));
    }

    void rejectsPickleThatIsNotATensorDict()
    {
        if (m_pythonDir.isEmpty() || m_pythonDir.startsWith("skip: "))
            QSKIP("needs the files matchesTorchSave wrote with torch");
        DOMAINTUNE_VERIFY_ERROR(PyTorchCheckpoint::read((m_pythonDir + "/list.bin").toStdString()),
                                "list.bin", "a list of 1 items", "not a dict", "state_dict()");
    }

    void refusesForbiddenGlobals_data()
    {
        QTest::addColumn<QByteArray>("pickleBytes");
        QTest::addColumn<QString>("global");
        QTest::newRow("os.system") << pickle::proto() + pickle::global("os", "system") + "(" +
                                          pickle::str("echo pwned") + "tR."
                                   << "os.system";
        QTest::newRow("builtins.eval") << pickle::proto() + pickle::global("builtins", "eval") +
                                              "(" + pickle::str("1+1") + "tR."
                                       << "builtins.eval";
        QTest::newRow("a class instance")
            << pickle::proto() + pickle::global("__main__", "Evil") + ")\x81."
            << "__main__.Evil";
        QTest::newRow("a whole model")
            << pickle::proto() + pickle::global("torch.nn.modules.linear", "Linear") + ")\x81}b."
            << "torch.nn.modules.linear.Linear";
        QTest::newRow("inside a state dict")
            << pickle::dict({{"w", pickle::global("subprocess", "call") + ")R"}})
            << "subprocess.call";
        QTest::newRow("via STACK_GLOBAL")
            << pickle::proto() + pickle::str("posix") + pickle::str("system") + "\x93)R."
            << "posix.system";
    }

    void refusesForbiddenGlobals()
    {
        QFETCH(QByteArray, pickleBytes);
        QFETCH(QString, global);
        const std::string zip = write("evil.bin", fixture::torchZip(pickleBytes, {}));
        const std::string legacy =
            write("evil-legacy.bin", fixture::torchLegacy(pickleBytes, {}, {}));
        for (const std::string& path : {zip, legacy}) {
            const QString message = fixture::errorOf([&] { PyTorchCheckpoint::read(path); });
            QVERIFY2(message.contains("'" + global + "'"), qPrintable(message));
            QVERIFY2(message.contains("only tensor state dicts"), qPrintable(message));
        }
    }

    void rejectsObjectsThatAreNotTensorDicts_data()
    {
        QTest::addColumn<QByteArray>("pickleBytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a list") << pickle::proto() + "](" + pickle::integer(1) + "e."
                                << "a list of 1 items";
        QTest::newRow("a string") << pickle::proto() + pickle::str("hello") + "."
                                  << "the string 'hello'";
        QTest::newRow("an int value") << pickle::dict({{"epoch", pickle::integer(3)}})
                                      << "entry 'epoch' of the checkpoint holds the integer 3";
        QTest::newRow("unsupported opcode") << pickle::proto() + "\x8f."
                                            << "unsupported opcode 0x8f";
        QTest::newRow("empty stack") << pickle::proto() + "a."
                                     << "stack is empty";
        QTest::newRow("bad memo") << pickle::proto() + "h\x07."
                                  << "memo entry 7";
        QTest::newRow("protocol 9") << QByteArray("\x80\x09N.", 4) << "pickle protocol 9";
    }

    void rejectsObjectsThatAreNotTensorDicts()
    {
        QFETCH(QByteArray, pickleBytes);
        QFETCH(QString, expected);
        const std::string path = write("notdict.bin", fixture::torchZip(pickleBytes, {}));
        const QString message = fixture::errorOf([&] { PyTorchCheckpoint::read(path); });
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(message.startsWith(QString::fromStdString(path)), qPrintable(message));
    }

    void rejectsBrokenArchives()
    {
        const QByteArray storage = fixture::floatBytes({1, 2, 3, 4, 5, 6});
        const QByteArray valid = fixture::torchZip(threeViewsPickle(), {{"0", storage}});
        // Cut 30 bytes out of the central directory, keeping the end record.
        QByteArray cut = valid;
        cut.remove(valid.size() - 22 - 40, 30);
        DOMAINTUNE_VERIFY_ERROR(PyTorchCheckpoint::read(write("cut.bin", cut)), "cut.bin",
                                "central directory", "download it again");
        DOMAINTUNE_VERIFY_ERROR(PyTorchCheckpoint::read(write("noend.bin", valid.left(200))),
                                "noend.bin", "end-of-central-directory");
        DOMAINTUNE_VERIFY_ERROR(
            PyTorchCheckpoint::read(write(
                "short.bin", fixture::torchZip(threeViewsPickle(), {{"0", storage.left(20)}}))),
            "storage '0'", "6 F32 elements", "20 bytes");
        DOMAINTUNE_VERIFY_ERROR(
            PyTorchCheckpoint::read(write("nodata.bin", fixture::torchZip(threeViewsPickle(), {}))),
            "tensor 'w'", "storage '0'", "does not contain");
        const QByteArray beyond =
            pickle::dict({{"w", pickle::tensor("0", "FloatStorage", 6, 4, {2, 3}, {3, 1})}});
        DOMAINTUNE_VERIFY_ERROR(PyTorchCheckpoint::read(write(
                                    "beyond.bin", fixture::torchZip(beyond, {{"0", storage}}))),
                                "tensor 'w'", "needs 10 elements", "has 6");
        QByteArray compressed = valid;
        compressed[valid.indexOf("PK\x01\x02") + 10] = 8; // central directory method: deflate
        DOMAINTUNE_VERIFY_ERROR(PyTorchCheckpoint::read(write("deflate.bin", compressed)),
                                "compressed");
        DOMAINTUNE_VERIFY_ERROR(PyTorchCheckpoint::read(write("text.bin", "hello world")),
                                "not a PyTorch checkpoint");
    }

    void truncatedOrMutatedFilesGiveErrorsNotCrashes_data()
    {
        QTest::addColumn<bool>("legacy");
        QTest::newRow("zip") << false;
        QTest::newRow("legacy") << true;
    }

    void truncatedOrMutatedFilesGiveErrorsNotCrashes()
    {
        QFETCH(bool, legacy);
        const QByteArray storage = fixture::floatBytes({1, 2, 3, 4, 5, 6});
        const QByteArray valid =
            legacy ? fixture::torchLegacy(threeViewsPickle(), {{"0", storage}}, {4})
                   : fixture::torchZip(threeViewsPickle(), {{"0", storage}});
        for (qsizetype length = 0; length < valid.size(); ++length) {
            const std::string path = write("cut.bin", valid.left(length));
            QVERIFY2(!fixture::errorOf([&] { PyTorchCheckpoint::read(path); }).isEmpty(),
                     qPrintable(QString("length %1 was accepted").arg(length)));
        }
        std::mt19937 random(legacy ? 7 : 11);
        for (int round = 0; round < 1500; ++round) {
            QByteArray bytes = valid;
            const int flips = 1 + int(random() % 4);
            for (int i = 0; i < flips; ++i)
                bytes[qsizetype(random() % quint32(bytes.size()))] = char(random() % 256);
            const std::string path = write("fuzz.bin", bytes);
            try {
                PyTorchCheckpoint::read(path);
            } catch (const Error&) {
            } catch (const std::exception& other) {
                QFAIL(qPrintable(QString("round %1: %2").arg(round).arg(other.what())));
            }
        }
    }

    void deeplyNestedPickleDoesNotOverflowTheStack()
    {
        QByteArray nested = pickle::proto();
        for (int i = 0; i < 200000; ++i)
            nested += "]";
        for (int i = 0; i < 199999; ++i)
            nested += "a";
        nested += ".";
        DOMAINTUNE_VERIFY_ERROR(
            PyTorchCheckpoint::read(write("deep.bin", fixture::torchZip(nested, {}))),
            "a list of 1 items");
    }
};

QTEST_APPLESS_MAIN(TestPyTorchCheckpoint)
#include "testpytorchcheckpoint.moc"
