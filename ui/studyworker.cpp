#include "ui/studyworker.h"

#include "core/train/trainingjob.h"
#include "ui/signalsink.h"

#include <exception>
#include <utility>

namespace domaintune::ui {
namespace {

StudyResult failure(const std::string& message)
{
    StudyResult result;
    result.status = "failed";
    result.message = message;
    return result;
}

} // namespace

StudyWorker::StudyWorker(TrainSpec base, StudyOptions options,
                         std::shared_ptr<TrainingControl> control)
    : m_base(std::move(base)), m_options(std::move(options)), m_control(std::move(control))
{}

void StudyWorker::run()
{
    StudyResult result;
    try {
        SignalSink sink(*this);
        const TrainingData data = loadTrainingData(m_base, nullptr, [&](const std::string& text) {
            TrainingEvent log;
            log.message = text;
            sink.onEvent(log);
        });
        result = runStudy(m_base, data, m_options, sink, *m_control,
                          [this](const TrialOutcome& trial) { emit trialFinished(trial); });
    } catch (const std::exception& e) {
        result = failure(e.what());
    } catch (...) {
        result = failure(tr("The search stopped on an unexpected error.").toStdString());
    }
    emit done(result);
}

} // namespace domaintune::ui
