#include "ui/trainingworker.h"

#include "core/data/corpusimporter.h"
#include "core/train/runrecorder.h"

#include <exception>
#include <utility>

namespace domaintune::ui {
namespace {

/** Forwards each event as a signal of the worker; runs on the worker thread. */
class SignalSink : public EventSink
{
public:
    explicit SignalSink(TrainingWorker& worker) : m_worker(worker) {}
    void onEvent(const TrainingEvent& event) override { emit m_worker.event(event); }

private:
    TrainingWorker& m_worker;
};

std::vector<Example> importExamples(const std::string& file, const TrainSpec& spec,
                                    const std::atomic_bool& cancel)
{
    ImportOptions options = spec.importOptions();
    options.cancel = &cancel;
    Corpus corpus = importCorpus(file, options);
    return std::move(corpus.examples());
}

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
    const TrainingData data = loadData();
    if (m_flags->cancelImport.load() || m_flags->control.cancelRequested()) {
        TrainResult result;
        result.status = "cancelled";
        result.message = "Cancelled while importing the data.";
        return result;
    }
    emitLog("Data: " + std::to_string(data.train.size()) + " training and " +
            std::to_string(data.validation.size()) + " validation examples");

    SignalSink forward(*this);
    RunRecorder recorder(m_historyPath, m_spec, &forward, m_parentRunId);
    emit runRecorded(recorder.runId());
    TrainOptions options;
    options.resume = m_resume;
    TrainResult result = Trainer::run(m_spec, data, recorder, m_flags->control, options);
    if (!recorder.finish(result))
        result.message += (result.message.empty() ? "" : " ") +
                          std::string("The run history could not be updated (") +
                          recorder.historyError() +
                          "); it still shows this run as running. Free disk space and reopen "
                          "the History page.";
    else if (!recorder.historyError().empty())
        result.message += (result.message.empty() ? "" : " ") +
                          std::string("The history could not be written during the run (") +
                          recorder.historyError() + "); some of its metrics are missing.";
    return result;
}

TrainingData TrainingWorker::loadData()
{
    TrainingData data;
    auto all = importExamples(m_spec.trainFile, m_spec, m_flags->cancelImport);
    if (!m_spec.validationFile.empty()) {
        data.train = std::move(all);
        data.validation = importExamples(m_spec.validationFile, m_spec, m_flags->cancelImport);
        return data;
    }
    // A file with its own splits keeps them; the test split stays out of training.
    for (auto& example : all) {
        if (example.split == "validation")
            data.validation.push_back(std::move(example));
        else if (example.split != "test")
            data.train.push_back(std::move(example));
    }
    return data;
}

void TrainingWorker::emitLog(const std::string& message)
{
    TrainingEvent log;
    log.kind = TrainingEventKind::Log;
    log.message = message;
    emit event(log);
}

} // namespace domaintune::ui
