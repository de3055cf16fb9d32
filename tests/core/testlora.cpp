// LoRA adapters as PEFT makes them: outputs with the adapter and after merging equal PEFT's
// (tests/reference/lora/, written by tests/reference/make_lora.py with peft), the files
// DomainTune writes are the ones PEFT reads, a fresh adapter changes nothing, unusable adapter
// files are refused by name, and training moves only the adapters and the head (and resumes
// to the same losses).
#include "core/common/error.h"
#include "core/model/checkpointreader.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/taskmodel.h"
#include "core/train/trainer.h"
#include "testpaths.h"
#include "trainingfixtures.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;
namespace fs = std::filesystem;

namespace {

const std::string kSource = domaintune::test::sourceFile();

nlohmann::json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

void writeJson(const fs::path& path, const nlohmann::json& json)
{
    std::ofstream(path) << json.dump(2);
}

// A copy of a committed adapter whose base path is absolute (PEFT resolves it from the
// working directory).
std::string adapterCopy(const QTemporaryDir& dir, const std::string& name)
{
    const fs::path target = fs::path(dir.path().toStdString()) / name;
    fs::remove_all(target);
    fs::copy(kSource + "/tests/reference/lora/" + name, target, fs::copy_options::recursive);
    auto config = readJson(target / "adapter_config.json");
    config["base_model_name_or_path"] =
        kSource + "/" + config["base_model_name_or_path"].get<std::string>();
    writeJson(target / "adapter_config.json", config);
    return target.string();
}

ForwardInputs inputsOf(const nlohmann::json& json)
{
    ForwardInputs inputs;
    inputs.inputIds = json.at("input_ids").get<std::vector<std::vector<std::int64_t>>>();
    if (json.contains("attention_mask"))
        inputs.attentionMask =
            json.at("attention_mask").get<std::vector<std::vector<std::int64_t>>>();
    if (json.contains("token_type_ids"))
        inputs.tokenTypeIds =
            json.at("token_type_ids").get<std::vector<std::vector<std::int64_t>>>();
    return inputs;
}

double worstDifference(const FloatArray& ours, const nlohmann::json& rows)
{
    std::vector<double> expected;
    for (const auto& row : rows)
        for (double value : row)
            expected.push_back(value);
    if (expected.size() != ours.values.size())
        return INFINITY;
    double worst = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        worst = std::max(worst, std::abs(double(ours.values[i]) - expected[i]));
    return worst;
}

std::map<std::string, torch::Tensor> parameters(const PretrainedModel& model)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto& item : model.module().named_parameters())
        out[item.key()] = item.value().detach().clone();
    return out;
}

} // namespace

class TestLora : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void matchesPeft_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name :
             {"bert-seq-cls", "roberta-seq-cls-rslora", "distilbert-token-cls", "gpt2-clm"})
            QTest::newRow(name) << name;
    }

    void matchesPeft()
    {
        QFETCH(QString, name);
        const std::string folder = adapterCopy(m_dir, name.toStdString());
        const auto expected = readJson(fs::path(folder) / "expected.json");
        const double tolerance = expected.at("tolerance");
        const auto model = PretrainedModel::load(folder);
        QVERIFY(model->lora() != nullptr);
        QVERIFY2(model->loadReport().newlyInitialised.empty(),
                 model->loadReport().summary().c_str());
        const auto inputs = inputsOf(expected.at("inputs"));
        const double adapted =
            worstDifference(model->forward(inputs).at("logits"), expected.at("adapted_logits"));
        QVERIFY2(adapted <= tolerance, qPrintable(QStringLiteral("adapted: %1").arg(adapted)));
        model->mergeLora();
        QVERIFY(model->lora() == nullptr);
        const double merged =
            worstDifference(model->forward(inputs).at("logits"), expected.at("merged_logits"));
        QVERIFY2(merged <= tolerance, qPrintable(QStringLiteral("merged: %1").arg(merged)));
    }

    // What DomainTune writes is what PEFT writes: the config's fields and the tensor names and
    // shapes; loading it back gives the same outputs.
    void writesPeftsFormat()
    {
        const std::string folder = adapterCopy(m_dir, "bert-seq-cls");
        const auto model = PretrainedModel::load(folder);
        const std::string saved = m_dir.filePath("saved-adapter").toStdString();
        model->save(saved);
        QVERIFY(!fs::exists(fs::path(saved) / "model.safetensors"));
        const auto config = readJson(fs::path(saved) / "adapter_config.json");
        const auto theirs = readJson(fs::path(folder) / "adapter_config.json");
        for (const char* key : {"peft_type", "r", "lora_alpha", "task_type",
                                "base_model_name_or_path", "use_rslora", "fan_in_fan_out"})
            QVERIFY2(config.at(key) == theirs.at(key), key);
        auto targets = config.at("target_modules").get<std::vector<std::string>>();
        auto theirTargets = theirs.at("target_modules").get<std::vector<std::string>>();
        std::sort(targets.begin(), targets.end());
        std::sort(theirTargets.begin(), theirTargets.end());
        QCOMPARE(targets, theirTargets);
        // PEFT writes null and saves the head anyway; DomainTune names it.
        QCOMPARE(config.at("modules_to_save"), nlohmann::json::array({"classifier"}));
        std::map<std::string, std::vector<std::int64_t>> ours, peft;
        for (const auto& tensor : readCheckpointFile(saved + "/adapter_model.safetensors").tensors)
            ours[tensor.name] = tensor.shape;
        for (const auto& tensor : readCheckpointFile(folder + "/adapter_model.safetensors").tensors)
            peft[tensor.name] = tensor.shape;
        for (const auto& [name, shape] : ours)
            QVERIFY2(peft.count(name) && peft.at(name) == shape, name.c_str());
        for (const auto& [name, shape] : peft)
            QVERIFY2(ours.count(name), name.c_str());
        QVERIFY(
            ours.count("base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight"));
        QCOMPARE(
            ours.at("base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight"),
            (std::vector<std::int64_t>{4, 16}));
        QCOMPARE(
            ours.at("base_model.model.bert.encoder.layer.0.attention.self.query.lora_B.weight"),
            (std::vector<std::int64_t>{16, 4}));
        const auto expected = readJson(fs::path(folder) / "expected.json");
        const auto reloaded = PretrainedModel::load(saved);
        QVERIFY(worstDifference(reloaded->forward(inputsOf(expected.at("inputs"))).at("logits"),
                                expected.at("adapted_logits")) <= 1e-5);
    }

    // PEFT's initialisation: B is zero, so the adapted model starts as the base model; A is
    // Kaiming-uniform with a = sqrt(5), bounded by 1 / sqrt(in).
    void freshAdapterChangesNothing()
    {
        const std::string base = kSource + "/tests/reference/models/bert-seq-cls";
        const auto model = PretrainedModel::load(base);
        const auto expected = readJson(base + "/expected.json");
        const auto inputs = inputsOf(expected.at("inputs"));
        const auto before = model->forward(inputs).at("logits").values;
        LoraSettings settings;
        settings.rank = 8;
        const auto adapted = model->attachLora(settings, base);
        QCOMPARE(adapted.size(), std::size_t(4)); // query and value of 2 layers
        QCOMPARE(model->forward(inputs).at("logits").values, before);
        for (const auto& item : model->module().named_parameters()) {
            if (item.key().find("lora_A") != std::string::npos)
                QVERIFY(item.value().abs().max().item<double>() <= 1.0 / std::sqrt(16.0));
            if (item.key().find("lora_B") != std::string::npos)
                QCOMPARE(item.value().abs().max().item<double>(), 0.0);
        }
        settings.targets = {"no_such_layer"};
        try {
            model->attachLora(settings, base);
            QFAIL("an adapter on no layer was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("query"), e.what()); // names what exists
        }
    }

    void refusesWhatItCannotLoad_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("DoRA") << "use_dora"
                              << "true"
                              << "DoRA";
        QTest::newRow("regex targets") << "target_modules"
                                       << "\".*query\""
                                       << "regular expression";
        QTest::newRow("other rank") << "r"
                                    << "8"
                                    << "has the shape [4, 16]";
        QTest::newRow("missing base") << "base_model_name_or_path"
                                      << "\"acme/no-such-model\""
                                      << "acme/no-such-model";
        QTest::newRow("rank 1e92") << "r" // a double: converting it to an integer is undefined
                                   << "1e92"
                                   << "the LoRA rank) is not a whole number";
        QTest::newRow("not LoRA") << "peft_type"
                                  << "\"PREFIX_TUNING\""
                                  << "not a LoRA adapter";
    }

    void refusesWhatItCannotLoad()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const std::string folder = adapterCopy(m_dir, "bert-seq-cls");
        auto config = readJson(fs::path(folder) / "adapter_config.json");
        config[key.toStdString()] = nlohmann::json::parse(value.toStdString());
        writeJson(fs::path(folder) / "adapter_config.json", config);
        qputenv("HF_HUB_CACHE", m_dir.filePath("empty-cache").toUtf8());
        try {
            PretrainedModel::load(folder);
            QFAIL("an unusable adapter was loaded");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    // Training with LoRA moves the adapters and the head only, writes an adapter folder, and
    // a run stopped midway resumes to the same losses.
    void trainsOnlyTheAdaptersAndResumes()
    {
        const fs::path base = test::makeTinyClassifier(m_dir.filePath("tiny-bert").toStdString());
        const std::vector<Example> examples = test::tinySentimentExamples();
        TrainSpec spec;
        spec.modelDir = base.string();
        spec.task = "seq-cls";
        spec.trainFile = "memory";
        spec.outputDir = m_dir.filePath("lora-run-a").toStdString();
        spec.epochs = 2;
        spec.batchSize = 8;
        spec.maxLength = 16;
        spec.learningRate = 1e-2;
        spec.threads = 1;
        spec.dropout = 0;
        spec.lora.rank = 4;
        spec.lora.alpha = 8;
        spec.validationFraction = 0;
        TrainingControl control;
        class Losses : public EventSink
        {
        public:
            void onEvent(const TrainingEvent& event) override
            {
                if (event.kind == TrainingEventKind::Step)
                    values.push_back(event.loss);
            }
            std::vector<double> values;
        } uninterrupted, first, second;
        const auto result = Trainer::run(spec, {examples, {}}, uninterrupted, control);
        QCOMPARE(result.status, std::string("completed"));
        QVERIFY(fs::exists(fs::path(result.modelDir) / "adapter_model.safetensors"));
        const auto written = readJson(fs::path(result.modelDir) / "adapter_config.json");
        QCOMPARE(written.at("modules_to_save"), nlohmann::json::array({"classifier"}));
        QCOMPARE(written.at("target_modules"), nlohmann::json::array({"query", "value"}));
        QCOMPARE(written.at("task_type"), nlohmann::json("SEQ_CLS"));
        QCOMPARE(written.at("base_model_name_or_path"), nlohmann::json(base.string()));

        const auto before = parameters(*PretrainedModel::load(base.string()));
        const auto trained = PretrainedModel::load(result.modelDir);
        QVERIFY(trained->lora() != nullptr);
        int adaptersMoved = 0;
        for (const auto& [name, value] : parameters(*trained)) {
            if (name.find("lora_B") != std::string::npos) {
                adaptersMoved += value.abs().max().item<double>() > 0;
                continue;
            }
            if (name.find("lora_") != std::string::npos || name.rfind("classifier.", 0) == 0)
                continue;
            QVERIFY2(torch::equal(value, before.at(name)), name.c_str()); // the backbone stays
        }
        QCOMPARE(adaptersMoved, 4);

        spec.outputDir = m_dir.filePath("lora-run-b").toStdString();
        TrainOptions stop;
        stop.stopAfterSteps = 5;
        QCOMPARE(Trainer::run(spec, {examples, {}}, first, control, stop).status,
                 std::string("cancelled"));
        TrainOptions resume;
        resume.resume = true;
        QCOMPARE(Trainer::run(spec, {examples, {}}, second, control, resume).status,
                 std::string("completed"));
        auto stitched = first.values;
        stitched.insert(stitched.end(), second.values.begin(), second.values.end());
        QCOMPARE(stitched, uninterrupted.values);
    }
};

QTEST_APPLESS_MAIN(TestLora)
#include "testlora.moc"
