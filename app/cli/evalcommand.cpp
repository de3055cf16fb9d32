// `domaintune-cli eval` and `domaintune-cli export`: a model folder measured on labelled data,
// and a model folder (or a run's model) written out as a Hugging Face folder.
#include "commands.h"
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/export/huggingfaceexport.h"
#include "core/model/pretrainedmodel.h"
#include "core/store/runstore.h"
#include "core/train/modelevaluation.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

namespace domaintune::cli {

int runEval(CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "data", "task", "text-column", "label-column", "encoding",
                           "max-length", "batch-size"});
    ImportOptions options;
    options.encoding = commandLine.value("encoding");
    options.mapping.text = commandLine.value("text-column");
    options.mapping.label = commandLine.value("label-column");
    const Corpus corpus = importCorpus(commandLine.required("data"), options);
    const auto evaluation = evaluateModel(
        commandLine.required("model"), corpus.examples(), commandLine.value("task"),
        commandLine.integer("max-length", 256), commandLine.integer("batch-size", 32));
    nlohmann::json perClass = nlohmann::json::array();
    for (const auto& row : evaluation.perClass)
        perClass.push_back({{"label", row.label},
                            {"precision", row.precision},
                            {"recall", row.recall},
                            {"f1", row.f1},
                            {"support", row.support}});
    std::cout << nlohmann::json{{"task", evaluation.task},
                                {"examples", evaluation.examples},
                                {"metrics", evaluation.metrics},
                                {"labels", evaluation.labels},
                                {"confusion", evaluation.confusion},
                                {"per_class", perClass}}
                     .dump(2)
              << '\n';
    return 0;
}

namespace {

DType weightsType(const std::string& name)
{
    if (name == "f32" || name.empty())
        return DType::F32;
    if (name == "f16")
        return DType::F16;
    if (name == "bf16")
        return DType::BF16;
    throw Error("--dtype takes f32, f16 or bf16, not '" + name + "'.");
}

/** The model card's facts from a run in the history. */
ModelCardFacts factsFromRun(RunStore& store, std::int64_t runId, const PretrainedModel& model)
{
    const RunRecord run = store.requireRun(runId);
    ModelCardFacts facts;
    facts.name = run.name;
    facts.config = model.config();
    facts.head = model.head();
    facts.baseModel = run.modelPath;
    facts.task = run.task;
    facts.domain = run.domain;
    facts.datasetFingerprint = run.datasetFingerprint;
    facts.spec = nlohmann::json::parse(run.specJson, nullptr, false);
    const auto evaluations = store.evaluations(runId);
    for (auto it = evaluations.rbegin(); it != evaluations.rend(); ++it) {
        if (it->split != "validation")
            continue;
        facts.metrics = nlohmann::json::parse(it->summaryJson).get<std::map<std::string, double>>();
        const auto confusion = nlohmann::json::parse(it->confusionJson);
        if (confusion.contains("matrix") && confusion.contains("labels")) {
            facts.confusionLabels = confusion.at("labels").get<std::vector<std::string>>();
            facts.confusion = confusion.at("matrix").get<std::vector<std::vector<std::int64_t>>>();
        }
        break;
    }
    return facts;
}

std::string modelOfRun(RunStore& store, std::int64_t runId)
{
    std::string modelDir;
    for (const auto& artifact : store.artifacts(runId))
        if (artifact.kind == "model")
            modelDir = artifact.path;
    if (modelDir.empty())
        throw Error("Run " + std::to_string(runId) +
                    " has no finished model to export; finish or resume it first.");
    return modelDir;
}

} // namespace

int runExport(CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "run", "output", "history", "dtype"});
    const DType weights = weightsType(commandLine.value("dtype"));
    const std::string output = commandLine.required("output");
    std::unique_ptr<RunStore> store;
    const std::int64_t runId = commandLine.integer("run", 0);
    if (runId > 0)
        store = std::make_unique<RunStore>(commandLine.value("history", RunStore::defaultPath()));
    const std::string modelDir = store ? modelOfRun(*store, runId) : commandLine.value("model");
    if (modelDir.empty())
        throw Error("Give --model DIR or --run ID; see --help.");
    const auto model = PretrainedModel::load(modelDir);
    ModelCardFacts facts;
    if (store) {
        facts = factsFromRun(*store, runId, *model);
    } else {
        facts.config = model->config();
        facts.head = model->head();
        facts.baseModel = modelDir;
    }
    const auto verification = exportHuggingFace(*model, output, weights, &facts);
    if (store) {
        ArtifactRecord artifact;
        artifact.runId = runId;
        artifact.path = output;
        artifact.kind = "export-huggingface";
        store->addArtifact(artifact);
        EvaluationRecord check;
        check.runId = runId;
        check.split = "export-verification";
        check.summaryJson = nlohmann::json{
            {"passed", verification.passed},
            {"max_abs_difference", verification.maxAbsDifference},
            {"tolerance", verification.tolerance},
            {"output", output}}.dump();
        store->addEvaluation(check);
    }
    if (!verification.passed)
        throw Error(output, 0, "the export failed its verification: " + verification.message,
                    "Export again to an empty folder and check the disk.");
    std::cout << nlohmann::json{{"output", output},
                                {"architecture", model->config().architectureFor(model->head())},
                                {"dtype", dtypeName(weights)},
                                {"labels", model->config().labels},
                                {"verification",
                                 {{"passed", verification.passed},
                                  {"max_abs_difference", verification.maxAbsDifference},
                                  {"tolerance", verification.tolerance}}}}
                     .dump()
              << '\n';
    return 0;
}

} // namespace domaintune::cli
