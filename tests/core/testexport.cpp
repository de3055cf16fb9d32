// Hugging Face folder export: written, reloaded and verified against the model's own outputs;
// half-precision weights within their precision; a corrupted export is caught.
#include "core/export/huggingfaceexport.h"
#include "core/model/checkpointreader.h"
#include "testsupport.h"

#include <QtTest>

#include <fstream>

using namespace domaintune;

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, QStringLiteral("fixtures/reference/bert-seqcls"));
        m_model = PretrainedModel::load(folder.toStdString());
    }

    void exportsAndVerifiesBitIdentically()
    {
        ModelCardFacts facts;
        facts.name = "PhraseBank sentiment";
        facts.config = m_model->config();
        facts.head = m_model->head();
        facts.task = "seq-cls";
        facts.domain = "finance";
        facts.metrics = {{"accuracy", 0.875}, {"f1_macro", 0.81}};
        facts.confusionLabels = m_model->config().labels;
        facts.confusion = {{5, 1, 0}, {0, 9, 1}, {0, 0, 4}};
        const QString output = m_dir.filePath(QStringLiteral("f32"));
        const auto verification =
            exportHuggingFace(*m_model, output.toStdString(), DType::F32, &facts);
        QVERIFY2(verification.passed, verification.message.c_str());
        QCOMPARE(verification.maxAbsDifference, 0.0);
        for (const char* file : {"config.json", "model.safetensors", "README.md", "vocab.txt"})
            QVERIFY2(QFileInfo::exists(output + QLatin1Char('/') + QLatin1String(file)), file);
        QFile card(output + QStringLiteral("/README.md"));
        QVERIFY(card.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(card.readAll());
        for (const char* part :
             {"pipeline_tag: text-classification", "finance", "BertForSequenceClassification",
              "| accuracy | 0.8750 |", "| **neutral** | 0 | 9 | 1 |",
              "| --- | --- | --- | --- |\n| **", "Intended use and limitations"})
            QVERIFY2(text.contains(QLatin1String(part)), part);
    }

    void halfPrecisionStaysWithinItsPrecision_data()
    {
        QTest::addColumn<int>("dtype");
        QTest::addColumn<QString>("name");
        QTest::newRow("f16") << int(DType::F16) << "F16";
        QTest::newRow("bf16") << int(DType::BF16) << "BF16";
    }

    void halfPrecisionStaysWithinItsPrecision()
    {
        QFETCH(int, dtype);
        QFETCH(QString, name);
        const QString output = m_dir.filePath(name);
        const auto verification = exportHuggingFace(*m_model, output.toStdString(), DType(dtype));
        QVERIFY2(verification.passed, verification.message.c_str());
        QVERIFY(verification.maxAbsDifference > 0); // it really is rounded
        const auto checkpoint = readCheckpoint(output.toStdString());
        QCOMPARE(QString::fromLatin1(dtypeName(checkpoint.tensors.front().dtype)), name);
    }

    void detectsACorruptedExport()
    {
        const QString output = m_dir.filePath(QStringLiteral("corrupt"));
        QVERIFY(exportHuggingFace(*m_model, output.toStdString()).passed);
        // Overwrite weight bytes in the middle of the data section.
        const QString weights = output + QStringLiteral("/model.safetensors");
        QFile file(weights);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 size = file.size();
        QVERIFY(file.seek(size / 2));
        file.write(QByteArray(256, char(0x7f)));
        file.close();
        const auto altered = verifyExport(*m_model, output.toStdString());
        QVERIFY(!altered.passed);
        QVERIFY2(altered.message.find("weights differ") != std::string::npos,
                 altered.message.c_str());
        QVERIFY(QFile::resize(weights, size / 3));
        const auto truncated = verifyExport(*m_model, output.toStdString());
        QVERIFY(!truncated.passed);
        QVERIFY2(truncated.message.find("does not load") != std::string::npos,
                 truncated.message.c_str());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<PretrainedModel> m_model;
};

QTEST_APPLESS_MAIN(TestExport)
#include "testexport.moc"
