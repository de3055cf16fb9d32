#include "core/export/modelexport.h"

#include "core/common/error.h"
#include "core/store/runlineage.h"
#include "core/store/runstore.h"
#include "core/train/bestevaluation.h"
#include "core/train/task.h"

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace domaintune {
namespace {

// The evaluation the exported model had: the run's last validation evaluation, or for best/
// the one with the best main metric (the model best/ holds).
const EvaluationRecord* cardEvaluation(const std::vector<EvaluationRecord>& evaluations,
                                       const std::string& task, bool best)
{
    if (best && findTask(task)) // an unknown task has no main metric: the last one, as without
        return bestEvaluation(evaluations, task).evaluation;
    return lastValidationEvaluation(evaluations);
}

/** The model card's facts from a run in the history. */
ModelCardFacts factsFromRun(RunStore& store, std::int64_t runId, const PretrainedModel& model,
                            bool best)
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
    for (const std::int64_t id : runLineage(store, runId).chain) {
        const RunRecord step = store.requireRun(id);
        facts.chain.push_back({step.name, step.task, step.domain, step.modelPath});
    }
    const auto evaluations = store.evaluations(runId);
    if (const EvaluationRecord* evaluation = cardEvaluation(evaluations, run.task, best)) {
        facts.metrics =
            nlohmann::json::parse(evaluation->summaryJson).get<std::map<std::string, double>>();
        const auto confusion = nlohmann::json::parse(evaluation->confusionJson);
        if (confusion.contains("matrix") && confusion.contains("labels")) {
            facts.confusionLabels = confusion.at("labels").get<std::vector<std::string>>();
            facts.confusion = confusion.at("matrix").get<std::vector<std::vector<std::int64_t>>>();
        }
    }
    return facts;
}

/** Records an export (artifact) and its verification (evaluation) in the run's history. */
void record(RunStore& store, std::int64_t runId, ArtifactRecord artifact,
            const nlohmann::json& verification)
{
    artifact.runId = runId;
    store.addArtifact(artifact);
    EvaluationRecord check;
    check.runId = runId;
    check.split = "export-verification";
    nlohmann::json summary = verification;
    summary["format"] = artifact.kind;
    summary["output"] = artifact.path;
    check.summaryJson = summary.dump();
    store.addEvaluation(check);
}

} // namespace

bool ModelExportResult::passed() const
{
    return (!huggingFace || huggingFace->passed) &&
           (!torchScript || torchScript->verification.passed);
}

std::string runModelFolder(RunStore& store, std::int64_t runId)
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

nlohmann::json verificationJson(const ExportVerification& verification)
{
    return {{"passed", verification.passed},
            {"max_abs_difference", verification.maxAbsDifference},
            {"tolerance", verification.tolerance},
            {"message", verification.message}};
}

nlohmann::json verificationJson(const TorchScriptVerification& verification)
{
    nlohmann::json json = verificationJson(static_cast<const ExportVerification&>(verification));
    json["argmax_agreement"] = verification.argmaxAgreement;
    json["inputs"] = verification.inputs;
    json["sample_shape"] = verification.sampleShape;
    return json;
}

ModelExportResult exportModel(const ModelExportRequest& request)
{
    if (request.output.empty())
        throw Error("No output folder was given for the export; choose one.");
    if (!request.huggingFace && !request.torchScript)
        throw Error("No export format was chosen; choose Hugging Face, TorchScript or both.");
    std::unique_ptr<RunStore> store;
    if (request.runId > 0)
        store = std::make_unique<RunStore>(request.historyPath);
    ModelExportResult result;
    result.output = request.output;
    result.modelDir = store ? runModelFolder(*store, request.runId) : request.modelDir;
    if (store && request.best) {
        const auto best = std::filesystem::path(result.modelDir).parent_path() / "best";
        if (!std::filesystem::exists(best / "config.json"))
            throw Error(best.string(), 0,
                        "run " + std::to_string(request.runId) +
                            " kept no model of a best evaluation",
                        "Export its final model instead (runs without validation data keep "
                        "none).");
        // An output folder used again keeps an earlier run's best/ until this run evaluates.
        struct stat info
        {};
        const RunRecord run = store->requireRun(request.runId);
        if (run.startedAt && ::stat((best / "config.json").c_str(), &info) == 0 &&
            std::int64_t(info.st_mtime) * 1000 < *run.startedAt - 2000)
            throw Error(best.string(), 0,
                        "best/ is older than run " + std::to_string(request.runId) +
                            ": an earlier run in the same folder wrote it",
                        "Export the run's final model instead.");
        result.modelDir = best.string();
    }
    if (result.modelDir.empty())
        throw Error("No model to export: give a model folder or a run.");
    const auto model = PretrainedModel::load(result.modelDir);
    if (model->lora()) { // every format gets plain weights under the base model's names
        result.loraMerge = mergeLoraVerified(*model);
        if (!result.loraMerge->passed)
            throw Error(result.modelDir, 0, result.loraMerge->message,
                        "The adapter is damaged; export was stopped before writing anything.");
    }
    result.architecture = model->config().architectureFor(model->head());
    result.labels = model->config().labels;

    if (request.huggingFace) {
        ModelCardFacts facts;
        if (store) {
            facts = factsFromRun(*store, request.runId, *model, request.best);
        } else {
            facts.config = model->config();
            facts.head = model->head();
            facts.baseModel = result.modelDir;
        }
        result.huggingFace = exportHuggingFace(*model, request.output, request.weights, &facts);
        if (store) {
            ArtifactRecord artifact;
            artifact.path = request.output;
            artifact.kind = "export-huggingface";
            record(*store, request.runId, artifact, verificationJson(*result.huggingFace));
        }
    }
    if (request.torchScript) {
        result.torchScript = exportTorchScript(*model, request.output, request.weights);
        if (store) {
            ArtifactRecord artifact;
            artifact.path = result.torchScript->file;
            artifact.kind = "export-torchscript";
            artifact.sha256 = result.torchScript->sha256;
            artifact.size = result.torchScript->bytes;
            record(*store, request.runId, artifact,
                   verificationJson(result.torchScript->verification));
        }
    }
    return result;
}

} // namespace domaintune
