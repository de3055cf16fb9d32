// summarizeModel (the wizard's and the Models page's model facts) on the shipped starter model
// and on a classifier with real labels: transformers' LABEL_0, LABEL_1 placeholders are not
// shown as labels.
#include "core/model/pretrainedmodel.h"
#include "testpaths.h"
#include "ui/modelsummary.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune;

class TestModelSummary : public QObject
{
    Q_OBJECT

private slots:
    void describesTheShippedStarter()
    {
        const auto summary = ui::summarizeModel(
            domaintune::test::sourcePath("/assets/starter/model"), QStringLiteral("seq-cls"));
        QVERIFY2(summary.isValid(), qPrintable(summary.error));
        QCOMPARE(summary.layers, qint64(4));
        QCOMPARE(summary.vocabSize, qint64(6000));
        QCOMPARE(summary.tokenizerKind, QStringLiteral("sentencepiece"));
        QVERIFY(summary.labels.isEmpty()); // config.json holds only LABEL_0, LABEL_1
    }

    void listsRealLabels()
    {
        QTemporaryDir dir;
        try {
            const auto config =
                parseModelConfig({{"model_type", "bert"},
                                  {"vocab_size", 100},
                                  {"hidden_size", 16},
                                  {"num_hidden_layers", 1},
                                  {"num_attention_heads", 2},
                                  {"intermediate_size", 32},
                                  {"max_position_embeddings", 32},
                                  {"id2label", {{"0", "negative"}, {"1", "positive"}}}},
                                 "config.json");
            PretrainedModel::create(config, HeadKind::SequenceClassification)
                ->save(dir.path().toStdString());
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        const auto summary = ui::summarizeModel(dir.path(), {});
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.labels, (QStringList{"negative", "positive"}));
    }
};

QTEST_GUILESS_MAIN(TestModelSummary)
#include "testmodelsummary.moc"
