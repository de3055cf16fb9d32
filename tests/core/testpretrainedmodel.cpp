// Parity with the reference implementation on every fixture in ../shared/fixtures/reference,
// the checkpoint variants real folders carry, save/load round trips and bad folders.
#include "core/common/error.h"
#include "core/model/checkpointreader.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/safetensorswriter.h"
#include "testpaths.h"
#include "testsupport.h"

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

using namespace domaintune;

namespace {

// IEEE 754 binary16 from binary32, rounded to nearest even: what a _Float16 conversion does
// (equal to gcc's on every 7th float bit pattern, 611 M values), written out because clang-14
// has no _Float16 on x86 and the sanitizer build uses it.
std::uint16_t toHalf(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, 4);
    const std::uint32_t sign = (bits >> 16) & 0x8000u;
    const std::uint32_t magnitude = bits & 0x7FFFFFFFu;
    const std::uint32_t exponent = magnitude >> 23;
    if (exponent == 0xFF) // infinity, NaN (kept quiet)
        return static_cast<std::uint16_t>(sign | 0x7C00u | (magnitude & 0x7FFFFFu ? 0x200u : 0u));
    if (magnitude >= 0x47800000u) // 65536 and above
        return static_cast<std::uint16_t>(sign | 0x7C00u);
    std::uint32_t half, rest, halfway;
    if (exponent < 113) { // below 2^-14: a subnormal half (or zero), in units of 2^-24
        const std::uint32_t shift = 126 - exponent;
        if (shift > 24)
            return static_cast<std::uint16_t>(sign);
        const std::uint32_t mantissa = (magnitude & 0x7FFFFFu) | (exponent ? 0x800000u : 0u);
        half = mantissa >> shift;
        rest = mantissa & ((1u << shift) - 1);
        halfway = 1u << (shift - 1);
    } else {
        half = ((exponent - 112) << 10) | ((magnitude >> 13) & 0x3FFu);
        rest = magnitude & 0x1FFFu;
        halfway = 0x1000u;
    }
    if (rest > halfway || (rest == halfway && (half & 1u)))
        ++half; // a carry into the exponent is right, up to infinity
    return static_cast<std::uint16_t>(sign | half);
}

float fromHalf(std::uint16_t half)
{
    const int exponent = (half >> 10) & 0x1F;
    const int mantissa = half & 0x3FF;
    float value = exponent == 0 ? std::ldexp(static_cast<float>(mantissa), -24)
                  : exponent == 31
                      ? (mantissa ? NAN : INFINITY)
                      : std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
    return (half & 0x8000) ? -value : value;
}

nlohmann::json readJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

ForwardInputs inputsOf(const nlohmann::json& expected)
{
    const auto& in = expected.at("inputs");
    ForwardInputs inputs;
    inputs.inputIds = in.at("input_ids").get<std::vector<std::vector<std::int64_t>>>();
    if (in.contains("attention_mask"))
        inputs.attentionMask = in.at("attention_mask").get<decltype(inputs.attentionMask)>();
    if (in.contains("token_type_ids"))
        inputs.tokenTypeIds = in.at("token_type_ids").get<decltype(inputs.tokenTypeIds)>();
    return inputs;
}

void flatten(const nlohmann::json& json, std::vector<double>& out)
{
    if (json.is_array())
        for (const auto& item : json)
            flatten(item, out);
    else
        out.push_back(json.get<double>());
}

/** Returns the largest |ours - reference| over positions the reference says to compare. */
double maxDifference(const FloatArray& ours, const nlohmann::json& reference,
                     const nlohmann::json* compareMask)
{
    std::vector<double> expected, mask;
    flatten(reference, expected);
    if (expected.size() != ours.values.size())
        return INFINITY;
    std::size_t perPosition = 1;
    if (compareMask) {
        flatten(*compareMask, mask);
        perPosition = expected.size() / mask.size();
    }
    double worst = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (mask.empty() || mask[i / perPosition] != 0)
            worst = std::max(worst, std::abs(double(ours.values[i]) - expected[i]));
    return worst;
}

/** Copies the fixture folder's non-weight files into @p target. */
void copyFolderWithoutWeights(const QString& source, const QString& target)
{
    QDir().mkpath(target);
    for (const QFileInfo& file : QDir(source).entryInfoList(QDir::Files))
        if (!file.fileName().contains(QLatin1String("model")))
            QFile::copy(file.filePath(), target + QLatin1Char('/') + file.fileName());
}

/** Returns the fixture folder @p name, or an empty string when ../shared is absent. */
QString fixture(const char* name)
{
    const QString path =
        test::sharedDir() + QStringLiteral("/fixtures/reference/") + QString::fromLatin1(name);
    return QFileInfo::exists(path) ? path : QString();
}

/** Owns converted tensor bytes for the duration of a test. */
struct TensorStore
{
    std::vector<std::shared_ptr<std::vector<std::byte>>> buffers;

    RawTensor make(const RawTensor& like, std::string name, DType dtype,
                   const std::vector<std::byte>& bytes)
    {
        auto buffer = std::make_shared<std::vector<std::byte>>(bytes);
        buffers.push_back(buffer);
        RawTensor raw;
        raw.name = std::move(name);
        raw.dtype = dtype;
        raw.shape = like.shape;
        raw.strides = contiguousStrides(like.shape);
        raw.data = buffer->data();
        raw.storageBytes = buffer->size();
        raw.owner = buffer;
        return raw;
    }
    /** A contiguous copy of @p raw (F32) under another name. */
    RawTensor renamed(const RawTensor& raw, std::string name)
    {
        const auto* begin = raw.data;
        return make(raw, std::move(name), raw.dtype,
                    std::vector<std::byte>(begin, begin + raw.numel() * dtypeSize(raw.dtype)));
    }
};

std::vector<float> floatsOf(const RawTensor& raw)
{
    std::vector<float> values(static_cast<std::size_t>(raw.numel()));
    std::memcpy(values.data(), raw.data, values.size() * sizeof(float));
    return values;
}

bool sameOutputs(const std::map<std::string, FloatArray>& a,
                 const std::map<std::string, FloatArray>& b)
{
    if (a.size() != b.size())
        return false;
    for (const auto& [name, array] : a)
        if (!b.count(name) || b.at(name).shape != array.shape || b.at(name).values != array.values)
            return false;
    return true;
}

QString expectErrorContaining(const std::function<void()>& action, const QStringList& parts)
{
    try {
        action();
    } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        for (const QString& part : parts)
            if (!message.contains(part))
                return QStringLiteral("message lacks '%1': %2").arg(part, message);
        return {};
    } catch (const std::exception& e) {
        return QStringLiteral("not a domaintune::Error: ") + QString::fromUtf8(e.what());
    }
    return QStringLiteral("no error was raised");
}

void writeText(const QString& path, const std::string& text)
{
    std::ofstream(path.toStdString()) << text;
}

} // namespace

class TestPretrainedModel : public QObject
{
    Q_OBJECT

private slots:
    void reproducesReferenceFixtures_data()
    {
        QTest::addColumn<QString>("folder");
        const QString root = test::sharedDir() + QStringLiteral("/fixtures/reference");
        test::addFolderRowsOrAbsent(root);
    }

    /** The same check against tiny models of every family and head, saved and run by
     * transformers itself (tests/reference/make_families.py; committed, so never skipped). */
    void reproducesTransformers_data()
    {
        QTest::addColumn<QString>("folder");
        test::addFolderRowsOrAbsent(domaintune::test::sourcePath("/tests/reference/models"));
    }

    void reproducesTransformers() { reproducesReferenceFixtures(); }

    void reproducesReferenceFixtures()
    {
        QFETCH(QString, folder);
        const QString expectedPath = folder + QStringLiteral("/expected.json");
        if (!QFileInfo::exists(expectedPath))
            QSKIP(qPrintable(QStringLiteral("shared data not present (%1); this test needs the "
                                            "../shared folder that CI provides")
                                 .arg(folder)));
        const auto expected = readJson(expectedPath);
        const double tolerance = expected.value("tolerance", 1e-4);
        const auto model = PretrainedModel::load(folder.toStdString());
        QVERIFY2(model->loadReport().newlyInitialised.empty(),
                 model->loadReport().summary().c_str());
        const auto& outputs = expected.at("outputs");
        const bool base = outputs.contains("last_hidden_state");
        const auto ours = model->forward(inputsOf(expected), base);
        int compared = 0;
        for (const auto& [name, reference] : outputs.items()) {
            if (name == "compare_mask")
                continue;
            QVERIFY2(ours.count(name),
                     qPrintable(QString::fromStdString("missing output " + name)));
            const auto* mask =
                outputs.contains("compare_mask") ? &outputs.at("compare_mask") : nullptr;
            const double difference = maxDifference(ours.at(name), reference, mask);
            QVERIFY2(difference <= tolerance,
                     qPrintable(QStringLiteral("%1: max difference %2 > %3")
                                    .arg(QString::fromStdString(name))
                                    .arg(difference)
                                    .arg(tolerance)));
            ++compared;
        }
        QVERIFY(compared > 0);
    }

    void acceptsLegacyNamesBuffersAndPretrainingHeads()
    {
        const QString source = fixture("bert-seqcls");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        const auto checkpoint = readCheckpoint(source.toStdString());
        TensorStore store;
        std::vector<RawTensor> tensors;
        for (const auto& raw : checkpoint.tensors) {
            std::string name = raw.name;
            if (name.find("LayerNorm.weight") != std::string::npos)
                name.replace(name.find("weight"), 6, "gamma");
            else if (name.find("LayerNorm.bias") != std::string::npos)
                name.replace(name.find("bias"), 4, "beta");
            tensors.push_back(store.renamed(raw, name));
        }
        const auto& word = checkpoint.tensors.front();
        tensors.push_back(store.make(word, "cls.seq_relationship.weight", word.dtype,
                                     std::vector<std::byte>(word.numel() * 4)));
        RawTensor positions = store.make(word, "bert.embeddings.position_ids", DType::I64,
                                         std::vector<std::byte>(40 * 8));
        positions.shape = {1, 40};
        positions.strides = {40, 1};
        tensors.push_back(positions);

        QTemporaryDir dir;
        copyFolderWithoutWeights(source, dir.path());
        writeSafetensors((dir.path() + QStringLiteral("/model.safetensors")).toStdString(),
                         tensors);
        const auto original = PretrainedModel::load(source.toStdString());
        const auto variant = PretrainedModel::load(dir.path().toStdString());
        const auto& report = variant->loadReport();
        QVERIFY2(report.newlyInitialised.empty(), report.summary().c_str());
        QCOMPARE(report.ignoredBuffers, std::vector<std::string>{"bert.embeddings.position_ids"});
        QCOMPARE(report.unused, std::vector<std::string>{"cls.seq_relationship.weight"});
        QVERIFY(QString::fromStdString(report.summary()).contains(QStringLiteral("gamma")));
        const auto inputs = inputsOf(readJson(source + QStringLiteral("/expected.json")));
        QVERIFY(sameOutputs(original->forward(inputs), variant->forward(inputs)));
    }

    void convertsHalfPrecisionWeights_data()
    {
        QTest::addColumn<int>("dtype");
        QTest::newRow("F16") << int(DType::F16);
        QTest::newRow("BF16") << int(DType::BF16);
    }

    void convertsHalfPrecisionWeights()
    {
        QFETCH(int, dtype);
        const QString source = fixture("bert-tokcls");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        // The half-precision file and an F32 file holding the same rounded values must give
        // bit-identical outputs: conversion happens once, at load time.
        TensorStore store;
        std::vector<RawTensor> half, rounded;
        for (const auto& raw : readCheckpoint(source.toStdString()).tensors) {
            std::vector<std::byte> halfBytes(raw.numel() * 2), floatBytes(raw.numel() * 4);
            const auto values = floatsOf(raw);
            for (std::size_t i = 0; i < values.size(); ++i) {
                float back;
                if (DType(dtype) == DType::F16) {
                    const std::uint16_t h = toHalf(values[i]);
                    std::memcpy(&halfBytes[2 * i], &h, 2);
                    back = fromHalf(h);
                } else {
                    std::uint32_t bits;
                    std::memcpy(&bits, &values[i], 4);
                    bits += 0x7FFF + ((bits >> 16) & 1); // round to nearest even
                    const std::uint16_t b = static_cast<std::uint16_t>(bits >> 16);
                    std::memcpy(&halfBytes[2 * i], &b, 2);
                    const std::uint32_t widened = std::uint32_t(b) << 16;
                    std::memcpy(&back, &widened, 4);
                }
                std::memcpy(&floatBytes[4 * i], &back, 4);
            }
            half.push_back(store.make(raw, raw.name, DType(dtype), halfBytes));
            rounded.push_back(store.make(raw, raw.name, DType::F32, floatBytes));
        }
        QTemporaryDir halfDir, roundedDir;
        copyFolderWithoutWeights(source, halfDir.path());
        copyFolderWithoutWeights(source, roundedDir.path());
        writeSafetensors((halfDir.path() + QStringLiteral("/model.safetensors")).toStdString(),
                         half);
        writeSafetensors((roundedDir.path() + QStringLiteral("/model.safetensors")).toStdString(),
                         rounded);
        const auto inputs = inputsOf(readJson(source + QStringLiteral("/expected.json")));
        const auto fromHalf = PretrainedModel::load(halfDir.path().toStdString())->forward(inputs);
        const auto fromRounded =
            PretrainedModel::load(roundedDir.path().toStdString())->forward(inputs);
        QVERIFY(sameOutputs(fromHalf, fromRounded));
    }

    void readsShardedCheckpoints()
    {
        const QString source = fixture("bert-seqcls");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        const auto checkpoint = readCheckpoint(source.toStdString());
        std::vector<RawTensor> first, second;
        nlohmann::json index = {{"metadata", {{"total_size", 0}}}, {"weight_map", {}}};
        for (std::size_t i = 0; i < checkpoint.tensors.size(); ++i) {
            const bool early = i < checkpoint.tensors.size() / 2;
            (early ? first : second).push_back(checkpoint.tensors[i]);
            index["weight_map"][checkpoint.tensors[i].name] =
                early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        }
        QTemporaryDir dir;
        copyFolderWithoutWeights(source, dir.path());
        writeSafetensors(
            (dir.path() + QStringLiteral("/model-00001-of-00002.safetensors")).toStdString(),
            first);
        writeSafetensors(
            (dir.path() + QStringLiteral("/model-00002-of-00002.safetensors")).toStdString(),
            second);
        writeText(dir.path() + QStringLiteral("/model.safetensors.index.json"), index.dump());
        const auto inputs = inputsOf(readJson(source + QStringLiteral("/expected.json")));
        const auto sharded = PretrainedModel::load(dir.path().toStdString());
        const auto& files = sharded->loadReport().files;
        for (const char* shard :
             {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"})
            QVERIFY(std::any_of(files.begin(), files.end(), [&](const std::string& file) {
                return file.find(shard) != std::string::npos;
            }));
        QVERIFY(sameOutputs(PretrainedModel::load(source.toStdString())->forward(inputs),
                            sharded->forward(inputs)));
    }

    void readsGpt2WithoutPrefixAndWithBuffers()
    {
        const QString source = fixture("gpt2-lm");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        TensorStore store;
        std::vector<RawTensor> tensors;
        for (const auto& raw : readCheckpoint(source.toStdString()).tensors)
            tensors.push_back(store.renamed(raw, raw.name.substr(std::strlen("transformer."))));
        const auto& like = tensors.front();
        for (const char* name : {"h.0.attn.bias", "h.0.attn.masked_bias"}) {
            RawTensor buffer = store.make(like, name, DType::F32, std::vector<std::byte>(4));
            buffer.shape = {1};
            buffer.strides = {1};
            tensors.push_back(buffer);
        }
        QTemporaryDir dir;
        copyFolderWithoutWeights(source, dir.path());
        writeSafetensors((dir.path() + QStringLiteral("/model.safetensors")).toStdString(),
                         tensors);
        const auto model = PretrainedModel::load(dir.path().toStdString());
        QCOMPARE(model->loadReport().ignoredBuffers.size(), std::size_t(2));
        QVERIFY(model->loadReport().newlyInitialised.empty());
        const auto expected = readJson(source + QStringLiteral("/expected.json"));
        const auto& outputs = expected.at("outputs");
        QVERIFY(maxDifference(model->forward(inputsOf(expected)).at("logits"), outputs.at("logits"),
                              &outputs.at("compare_mask")) <= expected.value("tolerance", 1e-4));
    }

    void saveThenLoadIsBitIdentical_data() { reproducesReferenceFixtures_data(); }

    void saveThenLoadIsBitIdentical()
    {
        QFETCH(QString, folder);
        if (!QFileInfo::exists(folder + QStringLiteral("/config.json")))
            QSKIP("../shared/fixtures/reference is not present");
        const auto original = PretrainedModel::load(folder.toStdString());
        QTemporaryDir dir;
        original->save(dir.path().toStdString());
        const auto copy = PretrainedModel::load(dir.path().toStdString());
        QVERIFY2(copy->loadReport().newlyInitialised.empty(), copy->loadReport().summary().c_str());
        QVERIFY(copy->loadReport().unused.empty());
        QCOMPARE(copy->head(), original->head());
        QCOMPARE(copy->config().labels, original->config().labels);
        const auto inputs = inputsOf(readJson(folder + QStringLiteral("/expected.json")));
        const bool base = original->head() == HeadKind::Base;
        QVERIFY(sameOutputs(original->forward(inputs, base), copy->forward(inputs, base)));
        const auto config = readJson(dir.path() + QStringLiteral("/config.json"));
        QCOMPARE(config.at("architectures").at(0).get<std::string>(),
                 original->config().architectureFor(original->head()));
        // The tokenizer files travel with the model.
        if (QFileInfo::exists(folder + QStringLiteral("/vocab.txt")))
            QVERIFY(QFileInfo::exists(dir.path() + QStringLiteral("/vocab.txt")));
    }

    void createsAndReportsANewHead()
    {
        const QString source = fixture("bert-base");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        ModelLoadOptions options;
        options.head = HeadKind::SequenceClassification;
        options.labels = {"negative", "neutral", "positive", "mixed"};
        const auto model = PretrainedModel::load(source.toStdString(), options);
        const auto& report = model->loadReport();
        QCOMPARE(report.newlyInitialised,
                 (std::vector<std::string>{"classifier.bias", "classifier.weight"}));
        QVERIFY(!report.backboneIncomplete);
        const auto logits = model->forward(inputsOf(readJson(source + "/expected.json")));
        QCOMPARE(logits.at("logits").shape.back(), std::int64_t(4));

        // A checkpoint head trained for 3 labels is replaced for 5, and the user is told.
        options.labels = {"a", "b", "c", "d", "e"};
        const auto resized = PretrainedModel::load(fixture("bert-seqcls").toStdString(), options);
        QVERIFY(QString::fromStdString(resized->loadReport().summary())
                    .contains(QStringLiteral("Head resized")));
    }

    void listsParameterGroupsInNetworkOrder()
    {
        const QString source = fixture("bert-seqcls");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        const auto model = PretrainedModel::load(source.toStdString());
        QStringList names;
        std::int64_t total = 0;
        for (const auto& group : model->parameterGroups()) {
            names << QString::fromStdString(group.name);
            total += group.count;
        }
        QCOMPARE(names, (QStringList{"embeddings", "layer 0", "layer 1", "pooler", "head"}));
        QCOMPARE(total, model->parameterCount());
    }

    void rejectsBadFolders()
    {
        QTemporaryDir dir;
        QString problem =
            expectErrorContaining([&] { PretrainedModel::load(dir.path().toStdString()); },
                                  {QStringLiteral("config.json"), dir.path()});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        writeText(dir.path() + QStringLiteral("/config.json"), R"({"model_type": "t5"})");
        problem = expectErrorContaining(
            [&] { PretrainedModel::load(dir.path().toStdString()); },
            {QStringLiteral("t5"), QStringLiteral("bert"), QStringLiteral("gpt2")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        writeText(dir.path() + QStringLiteral("/config.json"), "{ not json");
        problem = expectErrorContaining([&] { PretrainedModel::load(dir.path().toStdString()); },
                                        {QStringLiteral("not valid JSON")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void rejectsWeightsThatDoNotFit()
    {
        const QString source = fixture("bert-tokcls");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        QTemporaryDir dir;
        copyFolderWithoutWeights(source, dir.path());
        QFile::copy(source + QStringLiteral("/model.safetensors"),
                    dir.path() + QStringLiteral("/model.safetensors"));
        auto config = readJson(source + QStringLiteral("/config.json"));
        config["intermediate_size"] = 50;
        writeText(dir.path() + QStringLiteral("/config.json"), config.dump());
        QString problem = expectErrorContaining(
            [&] { PretrainedModel::load(dir.path().toStdString()); },
            {QStringLiteral("bert.encoder.layer.0.intermediate.dense."), QStringLiteral("[48"),
             QStringLiteral("[50"), QStringLiteral("do not belong to this config.json")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // A truncated weights file is refused with its name, and nothing half-built escapes.
        writeText(dir.path() + QStringLiteral("/config.json"),
                  readJson(source + QStringLiteral("/config.json")).dump());
        QFile weights(dir.path() + QStringLiteral("/model.safetensors"));
        QVERIFY(weights.resize(weights.size() / 2));
        problem = expectErrorContaining([&] { PretrainedModel::load(dir.path().toStdString()); },
                                        {QStringLiteral("model.safetensors")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void choosesTheDeviceOrSaysWhyNot()
    {
        const QString source = fixture("bert-seqcls");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        const auto model = PretrainedModel::load(source.toStdString());
        const auto inputs = inputsOf(readJson(source + QStringLiteral("/expected.json")));
        const auto onCpu = model->forward(inputs);
        model->moveTo("auto");
        QVERIFY(sameOutputs(onCpu, model->forward(inputs)) || model->device() != "cpu");
        model->moveTo("cpu");
        QCOMPARE(model->device(), std::string("cpu"));
        QString problem = expectErrorContaining([&] { model->moveTo("tpu"); },
                                                {QStringLiteral("tpu"), QStringLiteral("auto")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        if (model->device() == "cpu") {
            try {
                model->moveTo("cuda");
            } catch (const Error& e) {
                QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("no usable GPU")));
                return;
            }
            QVERIFY2(model->device().rfind("cuda", 0) == 0,
                     "moveTo(cuda) neither moved nor failed");
        }
    }

    void rejectsBadInputs()
    {
        const QString source = fixture("bert-seqcls");
        if (source.isEmpty())
            QSKIP("../shared/fixtures/reference is not present");
        const auto model = PretrainedModel::load(source.toStdString());
        ForwardInputs ragged;
        ragged.inputIds = {{1, 2, 3}, {1, 2}};
        QString problem =
            expectErrorContaining([&] { model->forward(ragged); }, {QStringLiteral("Row 1")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ForwardInputs outOfRange;
        outOfRange.inputIds = {{1, 2, 500}};
        problem = expectErrorContaining([&] { model->forward(outOfRange); },
                                        {QStringLiteral("500"), QStringLiteral("0..119")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ForwardInputs tooLong;
        tooLong.inputIds = {std::vector<std::int64_t>(41, 1)};
        problem =
            expectErrorContaining([&] { model->forward(tooLong); }, {QStringLiteral("at most 40")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_APPLESS_MAIN(TestPretrainedModel)
#include "testpretrainedmodel.moc"
