// TorchScript export: every family and head written, reloaded with torch::jit::load and compared
// with the in-memory model on batch sizes and lengths the export never saw, with padding;
// half-precision weights; a corrupted archive caught; Python's torch.jit.load reproducing the
// logits; and `domaintune-cli export --format` recording its verification in the history.
#include "core/export/torchscriptexport.h"
#include "core/store/runstore.h"
#include "processrunner.h"
#include "testsupport.h"
#include "trainingfixtures.h"

// Qt's `slots` macro breaks LibTorch's headers (see PLATFORM.md).
#pragma push_macro("slots")
#undef slots
#include "core/model/taskmodel.h"
#include "testpaths.h"

#include <torch/script.h>
#pragma pop_macro("slots")

#include <QtTest>

#include <fstream>

using namespace domaintune;

namespace {

/** A tiny config of @p type (bert, roberta, distilbert, gpt2) with three labels. */
nlohmann::json tinyConfig(const std::string& type)
{
    nlohmann::json config = {
        {"model_type", type},
        {"vocab_size", 99},
        {"id2label", {{"0", "negative"}, {"1", "neutral"}, {"2", "positive"}}}};
    if (type == "gpt2")
        config.update({{"n_embd", 32}, {"n_layer", 2}, {"n_head", 4}, {"n_positions", 40}});
    else if (type == "distilbert")
        config.update({{"dim", 32},
                       {"n_layers", 2},
                       {"n_heads", 4},
                       {"hidden_dim", 37},
                       {"max_position_embeddings", 40},
                       {"pad_token_id", 0}});
    else
        config.update({{"hidden_size", 32},
                       {"num_hidden_layers", 2},
                       {"num_attention_heads", 4},
                       {"intermediate_size", 37},
                       {"max_position_embeddings", type == "bert" ? 40 : 42},
                       {"type_vocab_size", type == "bert" ? 2 : 1},
                       {"pad_token_id", type == "bert" ? 0 : 1}});
    return config;
}

std::unique_ptr<PretrainedModel> tinyModel(const std::string& type, HeadKind head,
                                           const nlohmann::json& changes = {})
{
    auto config = tinyConfig(type);
    if (changes.is_object())
        config.update(changes);
    return PretrainedModel::create(parseModelConfig(config, "config.json"), head, 11);
}

/** @p batch rows of @p length with 1..length real tokens (row 0 full), right-padded. */
ExportSamples samples(const PretrainedModel& model, std::int64_t batch, std::int64_t length)
{
    const auto& config = model.config();
    ExportSamples out{{}, "test rows"};
    for (std::int64_t r = 0; r < batch; ++r) {
        const std::int64_t real = std::max<std::int64_t>(1, length - r * length / batch);
        std::vector<std::int64_t> ids, mask;
        for (std::int64_t t = 0; t < length; ++t) {
            ids.push_back(t < real ? 5 + (7 * r + 13 * t) % (config.vocabSize - 5)
                                   : config.padTokenId.value_or(0));
            mask.push_back(t < real ? 1 : 0);
        }
        out.inputs.inputIds.push_back(ids);
        out.inputs.attentionMask.push_back(mask);
    }
    return out;
}

torch::Tensor tensorOf(const std::vector<std::vector<std::int64_t>>& rows, std::int64_t columns)
{
    auto tensor = torch::empty({std::int64_t(rows.size()), columns}, torch::kLong);
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::int64_t c = 0; c < columns; ++c)
            tensor[std::int64_t(r)][c] = rows[r][std::size_t(c)];
    return tensor;
}

/** The first output of the module at @p file for the first @p columns of @p inputs. */
torch::Tensor runExported(const std::string& file, const ForwardInputs& inputs,
                          std::int64_t columns)
{
    auto module = torch::jit::load(file);
    torch::NoGradGuard noGrad;
    const auto out = module.forward(
        {tensorOf(inputs.inputIds, columns), tensorOf(inputs.attentionMask, columns)});
    return out.isTuple() ? out.toTupleRef().elements()[0].toTensor() : out.toTensor();
}

nlohmann::json arrayJson(const FloatArray& array)
{
    return {{"shape", array.shape}, {"values", array.values}};
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

class TestTorchScriptExport : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsEveryHead_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("head");
        QTest::addColumn<QString>("changes");
        QTest::newRow("bert base") << "bert"
                                   << "base"
                                   << "{}";
        QTest::newRow("bert seq-cls") << "bert"
                                      << "seq-cls"
                                      << "{}";
        QTest::newRow("bert token-cls gelu_new") << "bert"
                                                 << "token-cls"
                                                 << R"({"hidden_act": "gelu_new"})";
        QTest::newRow("bert qa") << "bert"
                                 << "qa"
                                 << "{}";
        QTest::newRow("bert mlm tied") << "bert"
                                       << "mlm"
                                       << "{}";
        QTest::newRow("bert mlm untied") << "bert"
                                         << "mlm"
                                         << R"({"tie_word_embeddings": false})";
        QTest::newRow("roberta seq-cls") << "roberta"
                                         << "seq-cls"
                                         << "{}";
        QTest::newRow("roberta mlm") << "roberta"
                                     << "mlm"
                                     << "{}";
        QTest::newRow("xlm-roberta token-cls") << "xlm-roberta"
                                               << "token-cls"
                                               << "{}";
        QTest::newRow("distilbert seq-cls relu") << "distilbert"
                                                 << "seq-cls"
                                                 << R"({"activation": "relu"})";
        QTest::newRow("distilbert mlm sinusoidal") << "distilbert"
                                                   << "mlm"
                                                   << R"({"sinusoidal_pos_embds": true})";
        QTest::newRow("distilbert qa") << "distilbert"
                                       << "qa"
                                       << "{}";
        QTest::newRow("gpt2 clm") << "gpt2"
                                  << "clm"
                                  << "{}";
        QTest::newRow("gpt2 seq-cls pad") << "gpt2"
                                          << "seq-cls"
                                          << R"({"pad_token_id": 0})";
        QTest::newRow("gpt2 seq-cls no pad") << "gpt2"
                                             << "seq-cls"
                                             << "{}";
        QTest::newRow("gpt2 token-cls scaled quick_gelu")
            << "gpt2"
            << "token-cls"
            << R"({"scale_attn_by_inverse_layer_idx": true, "activation_function": "quick_gelu"})";
    }

    void roundTripsEveryHead()
    {
        QFETCH(QString, type);
        QFETCH(QString, head);
        QFETCH(QString, changes);
        const auto model = tinyModel(type.toStdString(), parseHeadKind(head.toStdString()),
                                     nlohmann::json::parse(changes.toStdString()));
        const QString output = m_dir.filePath(QString(QTest::currentDataTag()).replace(' ', '-'));
        const TorchScriptExport exported = exportTorchScript(*model, output.toStdString());
        const auto& verification = exported.verification;
        QVERIFY2(verification.passed, verification.message.c_str());
        QVERIFY(verification.maxAbsDifference <= 1e-5);
        QCOMPARE(verification.argmaxAgreement, 1.0);
        QCOMPARE(QString::fromStdString(verification.inputs),
                 QStringLiteral("deterministic token ids"));
        QVERIFY(QFileInfo::exists(output + QStringLiteral("/model.pt")));
        QVERIFY(QFileInfo::exists(output + QStringLiteral("/torchscript.json")));
        QVERIFY(!QFileInfo::exists(output + QStringLiteral("/model.pt.partial")));

        // Nothing about the export's own samples (3 x 11) is baked in: other shapes, one token.
        for (const auto& [batch, length] : {std::pair{5, 4}, std::pair{2, 23}, std::pair{1, 1}}) {
            const auto other = samples(*model, batch, length);
            const auto check = verifyTorchScriptExport(*model, exported.file, DType::F32, &other);
            QVERIFY2(check.passed, check.message.c_str());
            QVERIFY2(check.maxAbsDifference <= 1e-5, qPrintable(QString::number(batch)));
            QCOMPARE(check.sampleShape, (std::vector<std::int64_t>{batch, length}));
        }

        // The mask is honoured: the shortest row alone gives what it gave among padded rows.
        const auto padded = samples(*model, 4, 9);
        const auto batchOut = runExported(exported.file, padded.inputs, 9);
        const std::int64_t real = std::count(padded.inputs.attentionMask[3].begin(),
                                             padded.inputs.attentionMask[3].end(), 1);
        ForwardInputs alone;
        alone.inputIds = {padded.inputs.inputIds[3]};
        alone.attentionMask = {padded.inputs.attentionMask[3]};
        const auto aloneOut = runExported(exported.file, alone, real);
        auto row = batchOut.slice(0, 3, 4);
        if (row.dim() >= 2 && aloneOut.dim() >= 2 && row.size(1) != aloneOut.size(1))
            row = row.slice(1, 0, real);
        QVERIFY(real < 9);
        QVERIFY2(torch::allclose(row, aloneOut, 1e-5, 1e-5),
                 qPrintable(QString::number((row - aloneOut).abs().max().item<double>())));
    }

    void passesTokenTypesToBert()
    {
        const auto model = tinyModel("bert", HeadKind::QuestionAnswering);
        const auto exported =
            exportTorchScript(*model, m_dir.filePath(QStringLiteral("bert-types")).toStdString());
        QVERIFY2(exported.verification.passed, exported.verification.message.c_str());
        // A question + context pair: the second segment has token type 1.
        auto pair = samples(*model, 3, 12);
        for (const auto& row : pair.inputs.inputIds) {
            std::vector<std::int64_t> types(row.size(), 0);
            std::fill(types.begin() + 5, types.end(), 1);
            pair.inputs.tokenTypeIds.push_back(types);
        }
        const auto plain = model->forward(samples(*model, 3, 12).inputs);
        const auto typed = model->forward(pair.inputs);
        QVERIFY(plain.begin()->second.values != typed.begin()->second.values); // types matter
        const auto check = verifyTorchScriptExport(*model, exported.file, DType::F32, &pair);
        QVERIFY2(check.passed, check.message.c_str());
        QVERIFY(check.maxAbsDifference <= 1e-5);
    }

    void passesTokenTypesToGpt2()
    {
        // PretrainedModel::forward() takes no token types for GPT-2; its module does (as
        // transformers' GPT2Model, through wte), and so does the export.
        const auto model = tinyModel("gpt2", HeadKind::CausalLm);
        const auto exported =
            exportTorchScript(*model, m_dir.filePath(QStringLiteral("gpt2-types")).toStdString());
        const auto inputs = samples(*model, 2, 6).inputs;
        ModelBatch batch;
        batch.inputIds = tensorOf(inputs.inputIds, 6);
        batch.attentionMask = tensorOf(inputs.attentionMask, 6);
        batch.tokenTypeIds = torch::full({2, 6}, 3, torch::kLong);
        torch::NoGradGuard noGrad;
        const auto expected = model->module().forward(batch).logits;
        auto module = torch::jit::load(exported.file);
        const auto actual =
            module.forward({batch.inputIds, batch.attentionMask, batch.tokenTypeIds}).toTensor();
        const auto untyped = module.forward({batch.inputIds, batch.attentionMask}).toTensor();
        QVERIFY(!torch::allclose(actual, untyped));
        QVERIFY2(torch::allclose(actual, expected, 0, 1e-5),
                 qPrintable(QString::number((actual - expected).abs().max().item<double>())));
    }

    void halfPrecisionWeights_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("head");
        QTest::addColumn<int>("dtype");
        QTest::newRow("bert seq-cls f16") << "bert"
                                          << "seq-cls" << int(DType::F16);
        QTest::newRow("bert seq-cls bf16") << "bert"
                                           << "seq-cls" << int(DType::BF16);
        QTest::newRow("gpt2 clm f16") << "gpt2"
                                      << "clm" << int(DType::F16);
        QTest::newRow("gpt2 clm bf16") << "gpt2"
                                       << "clm" << int(DType::BF16);
    }

    void halfPrecisionWeights()
    {
        QFETCH(QString, type);
        QFETCH(QString, head);
        QFETCH(int, dtype);
        const auto model = tinyModel(type.toStdString(), parseHeadKind(head.toStdString()));
        const QString tag = QString(QTest::currentDataTag()).replace(' ', '-');
        const auto full = exportTorchScript(*model, m_dir.filePath(tag + "-f32").toStdString());
        const auto half =
            exportTorchScript(*model, m_dir.filePath(tag).toStdString(), DType(dtype));
        QVERIFY2(half.verification.passed, half.verification.message.c_str());
        QVERIFY(half.verification.maxAbsDifference > 0); // the weights really are rounded
        QVERIFY(half.verification.maxAbsDifference <= half.verification.tolerance);
        qInfo("%s: max abs difference %.3g (f32 export: %.3g), argmax agreement %.3f",
              qPrintable(tag), half.verification.maxAbsDifference,
              full.verification.maxAbsDifference, half.verification.argmaxAgreement);
        QVERIFY(half.bytes < full.bytes * 3 / 4);
        const auto module = torch::jit::load(half.file);
        for (const auto& parameter : module.named_parameters())
            QCOMPARE(parameter.value.scalar_type(),
                     DType(dtype) == DType::F16 ? torch::kHalf : torch::kBFloat16);
        std::ifstream in(half.metadata);
        const auto json = nlohmann::json::parse(in);
        QCOMPARE(QString::fromStdString(json.at("weights_dtype").get<std::string>()),
                 DType(dtype) == DType::F16 ? QStringLiteral("float16")
                                            : QStringLiteral("bfloat16"));
    }

    void writesMetadataAndLabels()
    {
        const auto model = tinyModel("bert", HeadKind::SequenceClassification);
        const auto exported =
            exportTorchScript(*model, m_dir.filePath(QStringLiteral("metadata")).toStdString());
        std::ifstream in(exported.metadata);
        const auto json = nlohmann::json::parse(in);
        QCOMPARE(json.at("sha256").get<std::string>(), exported.sha256);
        QCOMPARE(json.at("architecture").get<std::string>(),
                 std::string("BertForSequenceClassification"));
        QCOMPARE(json.at("inputs").at(0).at("name").get<std::string>(), std::string("input_ids"));
        QCOMPARE(json.at("inputs").at(1).at("name").get<std::string>(),
                 std::string("attention_mask"));
        QCOMPARE(json.at("outputs").at(0).at("name").get<std::string>(), std::string("logits"));
        QCOMPARE(json.at("id2label").at("2").get<std::string>(), std::string("positive"));
        torch::jit::ExtraFilesMap extra{{"torchscript.json", ""}};
        const auto module = torch::jit::load(exported.file, c10::nullopt, extra);
        QVERIFY(extra.at("torchscript.json").find("\"logits\"") != std::string::npos);
        const auto labels = module.attr("labels").toListRef();
        QCOMPARE(labels.size(), std::size_t(3));
        QCOMPARE(labels[1].toStringRef(), std::string("neutral"));
        std::set<std::string> names;
        for (const auto& parameter : module.named_parameters())
            names.insert(parameter.name);
        // The state-dict names of transformers, so the weights are recognisable (and loadable).
        QVERIFY(names.count("bert.encoder.layer.1.attention.self.query.weight"));
        QVERIFY(names.count("classifier.bias"));
        std::size_t count = 0;
        for (const auto& group : model->parameterGroups())
            count += group.parameters.size();
        QCOMPARE(names.size(), count);
    }

    void detectsACorruptedExport()
    {
        const auto model = tinyModel("bert", HeadKind::SequenceClassification);
        const QString output = m_dir.filePath(QStringLiteral("corrupt"));
        const auto exported = exportTorchScript(*model, output.toStdString());
        QVERIFY(exported.verification.passed);
        const QString file = QString::fromStdString(exported.file);
        const QByteArray good = fileBytes(file);

        // With torchscript.json beside it, any flipped byte is caught by the checksum.
        for (const double where : {0.02, 0.3, 0.5, 0.9, 0.999}) {
            QByteArray bad = good;
            const int at = int(where * (bad.size() - 1));
            bad[at] = char(bad[at] ^ 0x5a);
            writeBytes(file, bad);
            const auto check = verifyTorchScriptExport(*model, exported.file);
            QVERIFY(!check.passed);
            QVERIFY2(check.message.find("SHA-256") != std::string::npos, check.message.c_str());
        }

        // Without it, altered weights are caught by comparing them, damage by loading.
        QVERIFY(QFile::remove(QString::fromStdString(exported.metadata)));
        writeBytes(file, good);
        QVERIFY(verifyTorchScriptExport(*model, exported.file).passed);
        std::int64_t at = -1;
        {
            const auto module = torch::jit::load(exported.file);
            for (const auto& parameter : module.named_parameters())
                if (parameter.name == "bert.embeddings.word_embeddings.weight")
                    at = good.indexOf(
                        QByteArray(static_cast<const char*>(parameter.value.data_ptr()), 256));
        }
        QVERIFY(at > 0);
        QByteArray altered = good;
        altered[int(at + 100)] = char(altered[int(at + 100)] ^ 0x40);
        writeBytes(file, altered);
        const auto alteredCheck = verifyTorchScriptExport(*model, exported.file);
        QVERIFY(!alteredCheck.passed);
        QVERIFY2(alteredCheck.message.find("differs from the model's") != std::string::npos,
                 alteredCheck.message.c_str());

        for (const QByteArray& broken : {good.left(good.size() / 3), good.mid(100),
                                         QByteArray("not a TorchScript archive\n")}) {
            writeBytes(file, broken);
            const auto check = verifyTorchScriptExport(*model, exported.file);
            QVERIFY(!check.passed);
            QVERIFY2(check.message.find("does not load") != std::string::npos,
                     check.message.c_str());
        }
        QVERIFY(QFile::remove(file));
        const auto missing = verifyTorchScriptExport(*model, exported.file);
        QVERIFY(!missing.passed);
        QVERIFY2(missing.message.find("does not exist") != std::string::npos,
                 missing.message.c_str());
    }

    void usesTokenizedTextsWhenTheModelHasATokenizer()
    {
        DOMAINTUNE_SHARED_OR_SKIP(vocab, QStringLiteral("tokenizers/bert-base-uncased"));
        const QString folder =
            test::makeModelFolder(m_dir.filePath(QStringLiteral("tokenized-in")),
                                  test::smallBertConfig(), {QStringLiteral("vocab.txt")}, vocab);
        const auto model = PretrainedModel::load(folder.toStdString());
        const QString output = m_dir.filePath(QStringLiteral("tokenized-out"));
        const auto exported = exportTorchScript(*model, output.toStdString());
        QVERIFY2(exported.verification.passed, exported.verification.message.c_str());
        QCOMPARE(QString::fromStdString(exported.verification.inputs),
                 QStringLiteral("tokenized sample texts"));
        QVERIFY(exported.verification.sampleShape.at(1) > 10);
        QVERIFY(QFileInfo::exists(output + QStringLiteral("/vocab.txt")));
    }

    void pythonReproducesTheLogits()
    {
        const auto probe = test::runProcess(QStringLiteral("/usr/bin/python3"),
                                            {QStringLiteral("-c"), QStringLiteral("import torch")});
        if (probe.exitCode != 0)
            QSKIP("Python's torch is not installed (Debian: python3-torch); /usr/bin/python3 -c "
                  "'import torch' failed, so the Python check cannot run");
        struct Case
        {
            const char* type;
            HeadKind head;
            DType weights;
        };
        nlohmann::json cases = nlohmann::json::array();
        for (const Case& c : {Case{"bert", HeadKind::SequenceClassification, DType::F32},
                              Case{"bert", HeadKind::QuestionAnswering, DType::F32},
                              Case{"roberta", HeadKind::MaskedLm, DType::F32},
                              Case{"distilbert", HeadKind::TokenClassification, DType::F32},
                              Case{"gpt2", HeadKind::CausalLm, DType::F32},
                              Case{"gpt2", HeadKind::SequenceClassification, DType::BF16}}) {
            const auto model = tinyModel(c.type, c.head);
            const QString output = m_dir.filePath(QStringLiteral("python-%1-%2-%3")
                                                      .arg(QLatin1String(c.type))
                                                      .arg(QLatin1String(headKindName(c.head)))
                                                      .arg(QLatin1String(dtypeName(c.weights))));
            const auto exported = exportTorchScript(*model, output.toStdString(), c.weights);
            QVERIFY2(exported.verification.passed, exported.verification.message.c_str());
            const auto inputs = samples(*model, 4, 9).inputs;
            nlohmann::json expected = nlohmann::json::object();
            for (const auto& [name, array] : model->forward(inputs, c.head == HeadKind::Base))
                expected[name] = arrayJson(array);
            std::string parameter;
            for (const auto& group : model->parameterGroups())
                parameter = group.parameters.front();
            cases.push_back(
                {{"model", exported.file},
                 {"input_ids", inputs.inputIds},
                 {"attention_mask", inputs.attentionMask},
                 {"expected", expected},
                 {"tolerance", c.weights == DType::F32 ? 1e-5 : exported.verification.tolerance},
                 {"labels", model->config().labels},
                 {"parameter", parameter}});
        }
        const QString casesFile = m_dir.filePath(QStringLiteral("python-cases.json"));
        std::ofstream(casesFile.toStdString()) << cases.dump();
        const auto result = test::runProcess(
            QStringLiteral("/usr/bin/python3"),
            {domaintune::test::sourcePath("/tests/core/torchscriptcheck.py"), casesFile});
        qInfo("%s", result.out.constData());
        QVERIFY2(result.exitCode == 0, (result.out + result.err).constData());
        QCOMPARE(result.out.count('\n'), qsizetype(cases.size()));
    }

    void cliExportsTorchScriptAndRecordsIt()
    {
        const QString modelDir = m_dir.filePath(QStringLiteral("cli-model"));
        tinyModel("bert", HeadKind::SequenceClassification)->save(modelDir.toStdString());
        const QString cli = domaintune::test::cliPath();
        const QString only = m_dir.filePath(QStringLiteral("cli-torchscript"));
        const auto plain = test::runProcess(
            cli, {"export", "--model", modelDir, "--output", only, "--format", "torchscript"});
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        const auto json = nlohmann::json::parse(plain.out.toStdString());
        QVERIFY(json.at("torchscript").at("verification").at("passed").get<bool>());
        QVERIFY(json.at("verification").at("passed").get<bool>());
        QVERIFY(QFileInfo::exists(only + QStringLiteral("/model.pt")));
        QVERIFY(!QFileInfo::exists(only + QStringLiteral("/model.safetensors")));

        const QString history = m_dir.filePath(QStringLiteral("history.sqlite"));
        std::int64_t runId = 0;
        {
            RunStore store(history.toStdString());
            RunRecord run;
            run.name = "tiny sentiment";
            run.task = "seq-cls";
            run.status = RunStatus::Completed;
            runId = store.createRun(run);
            ArtifactRecord artifact;
            artifact.runId = runId;
            artifact.kind = "model";
            artifact.path = modelDir.toStdString();
            store.addArtifact(artifact);
        }
        const QString both = m_dir.filePath(QStringLiteral("cli-both"));
        const auto recorded =
            test::runProcess(cli, {"export", "--run", QString::number(runId), "--history", history,
                                   "--output", both, "--format", "both", "--dtype", "bf16"});
        QVERIFY2(recorded.exitCode == 0, recorded.err.constData());
        const auto result = nlohmann::json::parse(recorded.out.toStdString());
        QVERIFY(result.at("verification").at("passed").get<bool>());
        QVERIFY(result.at("torchscript").at("verification").at("argmax_agreement") >= 0.5);
        for (const char* file : {"model.pt", "torchscript.json", "model.safetensors", "README.md"})
            QVERIFY2(QFileInfo::exists(both + QLatin1Char('/') + QLatin1String(file)), file);

        RunStore store(history.toStdString());
        std::set<std::string> kinds;
        for (const auto& artifact : store.artifacts(runId))
            kinds.insert(artifact.kind);
        QVERIFY(kinds.count("export-huggingface") && kinds.count("export-torchscript"));
        int torchScriptChecks = 0;
        for (const auto& evaluation : store.evaluations(runId)) {
            const auto summary = nlohmann::json::parse(evaluation.summaryJson);
            if (evaluation.split == "export-verification" &&
                summary.value("format", "") == "export-torchscript") {
                ++torchScriptChecks;
                QVERIFY(summary.at("passed").get<bool>());
                QVERIFY(summary.contains("max_abs_difference"));
            }
        }
        QCOMPARE(torchScriptChecks, 1);

        const auto bad = test::runProcess(
            cli, {"export", "--model", modelDir, "--output", only, "--format", "onnx"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("--format"));
        QCOMPARE(bad.err.count('\n'), 1);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestTorchScriptExport)
#include "testtorchscriptexport.moc"
