#include "core/train/runrecorder.h"

#include "core/common/error.h"
#include "core/hub/modelprovenance.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

std::string perClassJson(const TrainingEvent& event)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : event.perClass)
        rows.push_back({{"label", row.label},
                        {"precision", row.precision},
                        {"recall", row.recall},
                        {"f1", row.f1},
                        {"support", row.support}});
    return rows.dump();
}

} // namespace

namespace {

RunStore::Options storeOptions(int busyTimeoutMs)
{
    RunStore::Options options;
    options.busyTimeoutMs = busyTimeoutMs;
    return options;
}

} // namespace

RunRecorder::RunRecorder(const std::string& historyPath, const TrainSpec& spec, EventSink* forward,
                         std::int64_t parentRunId, int busyTimeoutMs)
    : m_store(historyPath, storeOptions(busyTimeoutMs)), m_forward(forward)
{
    RunRecord run;
    run.name = spec.name.empty() ? spec.task + " on " + spec.trainFile : spec.name;
    run.task = spec.task;
    run.domain = spec.domain;
    run.status = RunStatus::Queued;
    run.specJson = spec.toJson().dump();
    run.modelPath = spec.modelDir;
    run.modelSourceJson = modelProvenance(spec.modelDir).dump();
    if (parentRunId > 0)
        run.parentId = parentRunId;
    if (spec.method == "setfit") // the History says how the run trained
        run.tags.push_back("few-shot");
    m_runId = m_store.createRun(run);
    m_store.updateStatus(m_runId, RunStatus::Running); // stamps the start time
    MetricWriter::Options metricOptions;
    metricOptions.busyTimeoutMs = busyTimeoutMs;
    m_metrics = std::make_unique<MetricWriter>(historyPath, m_runId, metricOptions);
}

RunRecorder::~RunRecorder()
{
    if (m_failed)
        return; // the history was not writable; finish() said so
    try {
        m_metrics->flush();
    } catch (...) {
        // The destructor must not throw; a failed final flush was already reported.
    }
}

void RunRecorder::onEvent(const TrainingEvent& event)
{
    // After a failure the recorder stops writing: each attempt could wait for the lock or the
    // disk again and slow training down; finish() records the outcome.
    if (!m_failed) {
        try {
            record(event);
        } catch (const std::exception& e) {
            m_error = e.what();
            if (m_forward) {
                TrainingEvent warning;
                warning.message = "The run history could not be updated (" + m_error +
                                  "); training goes on, and the outcome is written at the end.";
                m_forward->onEvent(warning);
            }
            m_failed = true;
        }
    }
    if (m_forward)
        m_forward->onEvent(event);
}

void RunRecorder::recordModel(const std::string& path, std::int64_t step)
{
    ArtifactRecord model;
    model.runId = m_runId;
    // Absolute: export --run and lineage find it from any working folder.
    std::error_code error;
    const auto absolute = std::filesystem::absolute(path, error);
    model.path = error ? path : absolute.lexically_normal().string();
    model.kind = "model";
    model.step = step;
    m_store.addArtifact(model);
}

bool RunRecorder::finish(const TrainResult& result)
{
    if (!m_failed)
        return true;
    try {
        if (result.status == "completed" && !result.modelDir.empty())
            recordModel(result.modelDir, result.steps);
        m_store.updateStatus(m_runId, result.status == "completed"   ? RunStatus::Completed
                                      : result.status == "cancelled" ? RunStatus::Cancelled
                                                                     : RunStatus::Failed);
        m_store.setNotes(m_runId, "The history could not be written during the run (" + m_error +
                                      "); its metrics from then on are missing." +
                                      (result.message.empty() ? "" : " " + result.message));
        m_failed = false;
        return true;
    } catch (const std::exception& e) {
        m_error = e.what();
        return false;
    }
}

void RunRecorder::record(const TrainingEvent& event)
{
    switch (event.kind) {
    case TrainingEventKind::Step:
        m_metrics->append(event.step, event.epoch, "train/loss", event.loss);
        m_metrics->append(event.step, event.epoch, "learning_rate", event.learningRate);
        m_metrics->append(event.step, event.epoch, "train/samples_per_second",
                          event.samplesPerSecond);
        if (event.processes > 1) // the total above; a process's share beside it
            m_metrics->append(event.step, event.epoch, "train/samples_per_second_per_process",
                              event.samplesPerSecond / event.processes);
        break;
    case TrainingEventKind::Evaluation: {
        for (const auto& [name, value] : event.metrics)
            m_metrics->append(event.step, event.epoch, "eval/" + name, value);
        m_metrics->flush();
        EvaluationRecord evaluation;
        evaluation.runId = m_runId;
        evaluation.step = event.step;
        evaluation.summaryJson = nlohmann::json(event.metrics).dump();
        evaluation.perClassJson = perClassJson(event);
        evaluation.confusionJson =
            nlohmann::json{{"labels", event.labels}, {"matrix", event.confusion}}.dump();
        m_store.addEvaluation(evaluation);
        break;
    }
    case TrainingEventKind::Checkpoint: {
        m_metrics->flush();
        ArtifactRecord artifact;
        artifact.runId = m_runId;
        artifact.path = event.path;
        artifact.kind = "checkpoint";
        artifact.step = event.step;
        m_store.addArtifact(artifact);
        break;
    }
    case TrainingEventKind::Finished:
        m_metrics->flush();
        recordModel(event.path, event.step);
        m_store.updateStatus(m_runId, RunStatus::Completed);
        break;
    case TrainingEventKind::Paused:
        m_metrics->flush();
        m_store.updateStatus(m_runId, RunStatus::Paused);
        break;
    case TrainingEventKind::Resumed:
        m_store.updateStatus(m_runId, RunStatus::Running);
        break;
    case TrainingEventKind::Cancelled:
        m_metrics->flush();
        m_store.updateStatus(m_runId, RunStatus::Cancelled);
        break;
    case TrainingEventKind::Failed:
        m_metrics->flush();
        m_store.updateStatus(m_runId, RunStatus::Failed);
        m_store.setNotes(m_runId, event.message);
        break;
    case TrainingEventKind::Recovery:
        for (const auto& [name, value] : event.metrics)
            m_metrics->append(event.step, event.epoch, "recovery/" + name, value);
        m_metrics->flush();
        break;
    case TrainingEventKind::Started:
    case TrainingEventKind::Log:
        break;
    }
}

} // namespace domaintune
