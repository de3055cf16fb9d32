#include "checkpointfixtures.h"
#include "core/common/error.h"
#include "core/model/safetensorsfile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using domaintune::DType;
using domaintune::Error;
using domaintune::SafetensorsFile;
using nlohmann::json;
namespace fixture = domaintune::test;

Q_DECLARE_METATYPE(std::string)

class TestSafetensorsFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        fixture::writeFile(path, bytes);
        return path.toStdString();
    }

    /** A valid file: tensors of several dtypes at unaligned offsets, plus metadata. */
    static QByteArray sampleFile()
    {
        json header = {
            {"__metadata__", {{"format", "pt"}, {"note", "hand written"}}},
            {"matrix", {{"dtype", "F32"}, {"shape", {2, 3}}, {"data_offsets", {0, 24}}}},
            {"half", {{"dtype", "F16"}, {"shape", {2}}, {"data_offsets", {25, 29}}}},
            {"long", {{"dtype", "I64"}, {"shape", json::array()}, {"data_offsets", {29, 37}}}},
            {"flags", {{"dtype", "BOOL"}, {"shape", {3}}, {"data_offsets", {37, 40}}}},
            {"brain", {{"dtype", "BF16"}, {"shape", {1}}, {"data_offsets", {40, 42}}}},
            {"empty", {{"dtype", "F32"}, {"shape", {0, 5}}, {"data_offsets", {42, 42}}}}};
        QByteArray data = fixture::floatBytes({1.5f, -2.f, 3.25f, 0.f, 1e-3f, -7.f});
        data.append('\x7f');                            // a gap: tolerated
        data.append(QByteArray("\x00\x3c\x00\xc0", 4)); // F16 1.0, -2.0
        fixture::putLittleEndian(data, quint64(-5), 8);
        data.append(QByteArray("\x01\x00\x01", 3));
        data.append(QByteArray("\x40\x40", 2)); // BF16 3.0
        return fixture::safetensorsBytes(header, data);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsTensorsMetadataAndValues()
    {
        const std::string path = write("sample.safetensors", sampleFile());
        std::vector<domaintune::RawTensor> tensors;
        {
            const SafetensorsFile file = SafetensorsFile::open(path);
            QCOMPARE(file.metadata().size(), std::size_t(2));
            QCOMPARE(file.metadata().at("note"), std::string("hand written"));
            tensors = file.tensors();
        } // the mapping must outlive the file object through RawTensor::owner
        QCOMPARE(tensors.size(), std::size_t(6));
        QCOMPARE(tensors[0].name, std::string("matrix")); // data-offset order
        QCOMPARE(tensors[0].shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(tensors[0].strides, (std::vector<std::int64_t>{3, 1}));
        QCOMPARE(fixture::elementAt(tensors[0], 5), -7.0);
        QCOMPARE(fixture::elementAt(tensors[0], 4), double(1e-3f));
        QCOMPARE(tensors[1].name, std::string("half"));
        QCOMPARE(tensors[1].dtype, DType::F16);
        QCOMPARE(fixture::elementAt(tensors[1], 0), 1.0);
        QCOMPARE(fixture::elementAt(tensors[1], 1), -2.0);
        QCOMPARE(tensors[2].dtype, DType::I64);
        QVERIFY(tensors[2].shape.empty());
        QCOMPARE(tensors[2].numel(), std::int64_t(1));
        QCOMPARE(fixture::elementAt(tensors[2], 0), -5.0);
        QCOMPARE(tensors[3].dtype, DType::Bool);
        QCOMPARE(fixture::elementAt(tensors[3], 2), 1.0);
        QCOMPARE(tensors[4].dtype, DType::BF16);
        QCOMPARE(fixture::elementAt(tensors[4], 0), 3.0);
        QCOMPARE(tensors[5].numel(), std::int64_t(0));
        QCOMPARE(tensors[5].storageBytes, std::size_t(0));
        const auto checkpoint = SafetensorsFile::open(path).toCheckpoint();
        QCOMPARE(checkpoint.format, std::string("safetensors"));
        QCOMPARE(checkpoint.files, std::vector<std::string>{path});
    }

    void rejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expected");
        const auto entry = [](const char* dtype, json shape, json offsets) {
            return json{{"dtype", dtype}, {"shape", shape}, {"data_offsets", offsets}};
        };
        const QByteArray data24 = fixture::floatBytes({1, 2, 3, 4, 5, 6});
        QByteArray tooLong;
        fixture::putLittleEndian(tooLong, 1000, 8);
        tooLong.append("{}");
        QByteArray notJson;
        fixture::putLittleEndian(notJson, 9, 8);
        notJson.append("{not json");
        const QByteArray duplicateText = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                         R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})";
        QByteArray duplicate;
        fixture::putLittleEndian(duplicate, duplicateText.size(), 8);
        duplicate.append(duplicateText).append(fixture::floatBytes({1, 2}));

        QTest::newRow("shorter than the length")
            << QByteArray("\x05\x00\x00", 3) << QStringList{"3 bytes", "8-byte header length"};
        QTest::newRow("header length beyond file")
            << tooLong << QStringList{"header length 1000", "2 bytes", "truncated"};
        QTest::newRow("header not JSON") << notJson << QStringList{"not JSON", "9 bytes"};
        QTest::newRow("header not an object")
            << fixture::safetensorsBytes(json::array({1, 2}), {}) << QStringList{"not an object"};
        QTest::newRow("unknown dtype")
            << fixture::safetensorsBytes({{"w", entry("F8_E4M3", {4}, {0, 4})}}, data24)
            << QStringList{"'w'", "'F8_E4M3'", "BF16"};
        QTest::newRow("missing shape")
            << fixture::safetensorsBytes({{"w", {{"dtype", "F32"}, {"data_offsets", {0, 4}}}}},
                                         data24)
            << QStringList{"'w'", "\"shape\""};
        QTest::newRow("negative shape")
            << fixture::safetensorsBytes({{"w", entry("F32", {-1, 6}, {0, 24})}}, data24)
            << QStringList{"'w'", "[-1,6]"};
        QTest::newRow("absurd shape")
            << fixture::safetensorsBytes({{"w", entry("F32", {1ll << 40, 1ll << 40}, {0, 24})}},
                                         data24)
            << QStringList{"'w'", "absurd", "1099511627776"};
        QTest::newRow("offsets beyond data")
            << fixture::safetensorsBytes({{"w", entry("F32", {100}, {0, 400})}}, data24)
            << QStringList{"'w'", "[0, 400]", "24 bytes"};
        QTest::newRow("offsets reversed")
            << fixture::safetensorsBytes({{"w", entry("F32", {1}, {8, 4})}}, data24)
            << QStringList{"'w'", "[8, 4]"};
        QTest::newRow("offsets not integers")
            << fixture::safetensorsBytes({{"w", entry("F32", {1}, {"0", 4})}}, data24)
            << QStringList{"'w'", "data_offsets"};
        QTest::newRow("size mismatch")
            << fixture::safetensorsBytes({{"w", entry("F32", {2, 3}, {0, 20})}}, data24)
            << QStringList{"'w'", "20 bytes", "[2, 3]", "need 24"};
        QTest::newRow("overlap") << fixture::safetensorsBytes({{"a", entry("F32", {4}, {0, 16})},
                                                               {"b", entry("F32", {4}, {8, 24})}},
                                                              data24)
                                 << QStringList{"'a' [0, 16)", "'b' [8, 24)", "overlap"};
        QTest::newRow("duplicate names") << duplicate << QStringList{"'a'", "twice"};
        QTest::newRow("metadata not strings")
            << fixture::safetensorsBytes({{"__metadata__", {{"epoch", 3}}}}, {})
            << QStringList{"__metadata__", "'epoch'"};
    }

    void rejectsBadFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expected);
        const std::string path = write("bad.safetensors", bytes);
        const QString message = fixture::errorOf([&] { SafetensorsFile::open(path); });
        QVERIFY2(!message.isEmpty(), "expected a domaintune::Error");
        QVERIFY2(message.startsWith(QString::fromStdString(path)), qPrintable(message));
        for (const QString& part : expected)
            QVERIFY2(message.contains(part), qPrintable(part + " not in: " + message));
        QVERIFY2(message.contains("download it again") || message.contains("Convert"),
                 qPrintable(message));
    }

    void missingFileNamesThePath()
    {
        const std::string path = m_dir.filePath("absent.safetensors").toStdString();
        DOMAINTUNE_VERIFY_ERROR(SafetensorsFile::open(path), "absent.safetensors", "cannot open");
    }

    void truncatedOrMutatedFilesGiveErrorsNotCrashes()
    {
        const QByteArray valid = sampleFile();
        for (qsizetype length = 0; length < valid.size(); ++length) {
            const std::string path = write("cut.safetensors", valid.left(length));
            const QString message = fixture::errorOf([&] { SafetensorsFile::open(path); });
            QVERIFY2(!message.isEmpty(), qPrintable(QString("length %1 was accepted").arg(length)));
        }
        std::mt19937 random(20240229);
        for (int round = 0; round < 1500; ++round) {
            QByteArray bytes = valid;
            const int flips = 1 + int(random() % 4);
            for (int i = 0; i < flips; ++i)
                bytes[qsizetype(random() % quint32(bytes.size()))] = char(random() % 256);
            const std::string path = write("fuzz.safetensors", bytes);
            try {
                SafetensorsFile::open(path);
            } catch (const Error&) {
            } catch (const std::exception& other) {
                QFAIL(qPrintable(QString("round %1: %2").arg(round).arg(other.what())));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestSafetensorsFile)
#include "testsafetensorsfile.moc"
