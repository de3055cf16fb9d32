// What a run asks of a model, checked before training: a --max-length longer than the model's
// position embeddings, or a tokenizer larger than the embeddings, is a plain message naming
// the folder and the value that works (it was LibTorch's "index out of range in self").
#include "core/common/error.h"
#include "core/model/modelconfig.h"
#include "core/model/pretrainedmodel.h"
#include "core/train/modelfit.h"
#include "errortestutil.h"
#include "testpaths.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;

namespace {

ModelConfig configWith(const char* type, int positions, int vocab)
{
    return parseModelConfig({{"model_type", type},
                             {"vocab_size", vocab},
                             {"hidden_size", 16},
                             {"num_hidden_layers", 1},
                             {"num_attention_heads", 2},
                             {"intermediate_size", 32},
                             {"max_position_embeddings", positions},
                             {"pad_token_id", 1}},
                            "config.json");
}

} // namespace

class TestModelFit : public QObject
{
    Q_OBJECT

private slots:
    void maxLengthMustFitThePositions()
    {
        const auto bert = configWith("bert", 40, 100);
        checkRunFitsModel(bert, "m", 40, 100); // exactly fits
        const std::string message =
            test::errorOf([&] { checkRunFitsModel(bert, "m", 64, 100); }).toStdString();
        QVERIFY2(message.find("m: --max-length 64 is longer than this model reads") == 0,
                 message.c_str());
        QVERIFY2(message.find("Set --max-length to 40 or less") != std::string::npos,
                 message.c_str());
        // RoBERTa's positions start after padding_idx: 40 positions read 38 tokens.
        const auto roberta = configWith("roberta", 40, 100);
        checkRunFitsModel(roberta, "m", 38, 100);
        const std::string offset =
            test::errorOf([&] { checkRunFitsModel(roberta, "m", 39, 100); }).toStdString();
        QVERIFY2(offset.find("less 2 reserved by the roberta family") != std::string::npos,
                 offset.c_str());
    }

    void tokenizerMustFitTheEmbeddings()
    {
        const std::string message =
            test::errorOf([&] {
                checkRunFitsModel(configWith("bert", 64, 100), "m", 32, 101);
            }).toStdString();
        QVERIFY2(message.find("the tokenizer has 101 tokens but the model's embeddings only 100") !=
                     std::string::npos,
                 message.c_str());
    }

    void commandLineSaysItBeforeTraining()
    {
        QTemporaryDir dir;
        const std::string model = dir.filePath("model").toStdString();
        PretrainedModel::create(configWith("bert", 40, 40), HeadKind::Base, 3)->save(model);
        {
            std::ofstream vocab(model + "/vocab.txt");
            for (const char* token : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"})
                vocab << token << '\n';
            for (int i = 0; i < 35; ++i)
                vocab << "w" << i << '\n';
            std::ofstream data(dir.filePath("train.csv").toStdString());
            data << "text,label\n";
            for (int i = 0; i < 20; ++i)
                data << "w" << i << " w" << i + 1 << "," << (i % 2 ? "a" : "b") << '\n';
        }
        QProcess cli;
        cli.start(domaintune::test::cliPath(),
                  {"train", "--model", QString::fromStdString(model), "--task", "seq-cls",
                   "--train", dir.filePath("train.csv"), "--max-length", "64", "--output",
                   dir.filePath("run"), "--no-history"});
        QVERIFY(cli.waitForFinished(120000));
        const QByteArray err = cli.readAllStandardError();
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(err.contains("--max-length 64 is longer than this model reads"), err.constData());
        QVERIFY2(!err.contains("index out of range"), err.constData());
    }
};

QTEST_APPLESS_MAIN(TestModelFit)
#include "testmodelfit.moc"
