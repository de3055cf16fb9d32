// config.json as users' checkpoints get it wrong: a value of the wrong type, an architecture
// nobody knows, config.json that is a folder. Each is said in plain words naming the file.
#include "core/common/error.h"
#include "core/model/modelconfig.h"
#include "core/model/pretrainedmodel.h"
#include "errortestutil.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;

namespace {

nlohmann::json tinyBert()
{
    return {{"model_type", "bert"},         {"vocab_size", 40},         {"hidden_size", 16},
            {"num_hidden_layers", 1},       {"num_attention_heads", 2}, {"intermediate_size", 32},
            {"max_position_embeddings", 32}};
}

} // namespace

class TestConfigValidation : public QObject
{
    Q_OBJECT

private slots:
    void wrongTypesAreErrors_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("eps as text") << "layer_norm_eps"
                                     << "\"tiny\""
                                     << "not a number";
        QTest::newRow("act as number") << "hidden_act"
                                       << "3"
                                       << "not a string";
        QTest::newRow("architectures") << "architectures"
                                       << "\"BertModel\""
                                       << "not a list of strings";
        QTest::newRow("dropout as list") << "hidden_dropout_prob"
                                         << "[0.1]"
                                         << "not a number";
    }

    void wrongTypesAreErrors()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        auto json = tinyBert();
        json[key.toStdString()] = nlohmann::json::parse(value.toStdString());
        const std::string message =
            test::errorOf([&] { parseModelConfig(json, "m/config.json"); }).toStdString();
        QVERIFY2(message.rfind("m/config.json: \"" + key.toStdString() + "\" is ", 0) == 0,
                 message.c_str());
        QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
    }

    void nullsAndMissingValuesKeepTheirDefaults()
    {
        auto json = tinyBert();
        json["classifier_dropout"] = nullptr;
        QCOMPARE(parseModelConfig(json, "config.json").layerNormEps, 1e-12);
    }

    void unknownArchitectureIsSaid()
    {
        QTemporaryDir dir;
        auto json = tinyBert();
        json["architectures"] = {"BertForTimeTravel"};
        PretrainedModel::create(parseModelConfig(tinyBert(), "config.json"), HeadKind::Base)
            ->save(dir.path().toStdString());
        std::ofstream(dir.filePath("config.json").toStdString()) << json.dump();
        const auto model = PretrainedModel::load(dir.path().toStdString());
        const std::string summary = model->loadReport().summary();
        QVERIFY2(summary.find("BertForTimeTravel, which DomainTune does not know") !=
                     std::string::npos,
                 summary.c_str());
    }

    void configFarLargerThanTheWeightsIsRefused()
    {
        QTemporaryDir dir;
        PretrainedModel::create(parseModelConfig(tinyBert(), "config.json"), HeadKind::Base)
            ->save(dir.path().toStdString());
        auto json = tinyBert();
        json["num_hidden_layers"] = 1000000000;
        std::ofstream(dir.filePath("config.json").toStdString()) << json.dump();
        const std::string message =
            test::errorOf([&] { PretrainedModel::load(dir.path().toStdString()); }).toStdString();
        QVERIFY2(message.find("config.json describes a model of about") != std::string::npos,
                 message.c_str());
        QVERIFY2(message.find("num_hidden_layers 1000000000") != std::string::npos,
                 message.c_str());
    }

    void configJsonThatIsAFolder()
    {
        QTemporaryDir dir;
        std::filesystem::create_directory(dir.filePath("config.json").toStdString());
        const std::string message =
            test::errorOf([&] { readModelConfig(dir.path().toStdString()); }).toStdString();
        QVERIFY2(message.find("config.json: is not a file") != std::string::npos, message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestConfigValidation)
#include "testconfigvalidation.moc"
