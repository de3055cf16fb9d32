#include "ui/trainingworker.h"

#include "core/train/trainingjob.h"
#include "ui/signalsink.h"

#include <exception>
#include <utility>

namespace domaintune::ui {
namespace {

TrainResult failure(const std::string& message)
{
    TrainResult result;
    result.status = "failed";
    result.message = message;
    return result;
}

} // namespace

TrainingWorker::TrainingWorker(TrainSpec spec, std::string historyPath,
                               std::shared_ptr<TrainingFlags> flags)
    : m_spec(std::move(spec)), m_historyPath(std::move(historyPath)), m_flags(std::move(flags))
{}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::setResume(bool resume, qint64 parentRunId)
{
    m_resume = resume;
    m_parentRunId = parentRunId;
}

void TrainingWorker::run()
{
    TrainResult result;
    // The thread edge: nothing may escape, whatever the core or the history throws.
    try {
        result = execute();
    } catch (const std::exception& e) {
        result = failure(e.what());
    } catch (...) {
        result = failure("The training stopped on an unexpected error.");
    }
    emit done(result);
}

TrainResult TrainingWorker::execute()
{
    emitLog("Importing " + m_spec.trainFile);
    const TrainingData data = loadTrainingData(
        m_spec, &m_flags->cancelImport, [this](const std::string& warning) { emitLog(warning); });
    if (m_flags->cancelImport.load() || m_flags->control.cancelRequested()) {
        TrainResult result;
        result.status = "cancelled";
        result.message = "Cancelled while importing the data.";
        return result;
    }
    emitLog("Data: " + std::to_string(data.train.size()) + " training and " +
            std::to_string(data.validation.size()) + " validation examples");

    SignalSink forward(*this);
    TrainingJobOptions options;
    options.historyPath = m_historyPath;
    options.parentRunId = m_parentRunId;
    options.train.resume = m_resume;
    options.onRunCreated = [this](std::int64_t runId) { emit runRecorded(runId); };
    TrainingJobResult job = runTrainingJob(m_spec, data, forward, m_flags->control, options);
    TrainResult& result = job.result;
    if (!job.historyAgrees)
        result.message += (result.message.empty() ? "" : " ") +
                          std::string("The run history could not be updated (") + job.historyError +
                          "); it still shows this run as running. Free disk space and reopen "
                          "the History page.";
    else if (!job.historyError.empty())
        result.message += (result.message.empty() ? "" : " ") +
                          std::string("The history could not be written during the run (") +
                          job.historyError + "); some of its metrics are missing.";
    return result;
}

void TrainingWorker::emitLog(const std::string& message)
{
    TrainingEvent log;
    log.kind = TrainingEventKind::Log;
    log.message = message;
    emit event(log);
}

} // namespace domaintune::ui
