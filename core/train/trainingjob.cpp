#include "core/train/trainingjob.h"

#include "core/data/corpusimporter.h"
#include "core/train/runrecorder.h"

#include <memory>

namespace domaintune {
namespace {

std::vector<Example> importExamples(const std::string& file, const TrainSpec& spec,
                                    const std::atomic_bool* cancel,
                                    const std::function<void(const std::string&)>& warn)
{
    ImportOptions options = spec.importOptions();
    options.cancel = cancel;
    Corpus corpus = importCorpus(file, options);
    const auto skipped = corpus.report().skippedRecords();
    if (skipped > 0 && warn)
        warn(file + ": skipped " + std::to_string(skipped) +
             " bad record(s); run `domaintune-cli data inspect " + file + "` for details");
    return std::move(corpus.examples());
}

} // namespace

TrainingData loadTrainingData(const TrainSpec& spec, const std::atomic_bool* cancel,
                              const std::function<void(const std::string&)>& warn)
{
    TrainingData data;
    auto all = importExamples(spec.trainFile, spec, cancel, warn);
    if (!spec.validationFile.empty()) {
        data.train = std::move(all);
        data.validation = importExamples(spec.validationFile, spec, cancel, warn);
        return data;
    }
    // A folder or file with its own splits keeps them; the test split stays out of training.
    for (auto& example : all) {
        if (example.split == "validation")
            data.validation.push_back(std::move(example));
        else if (example.split != "test")
            data.train.push_back(std::move(example));
    }
    return data;
}

TrainingJobResult runTrainingJob(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                                 const TrainingControl& control, const TrainingJobOptions& options)
{
    TrainingJobResult job;
    std::unique_ptr<RunRecorder> recorder;
    if (!options.historyPath.empty()) {
        recorder =
            std::make_unique<RunRecorder>(options.historyPath, spec, &sink, options.parentRunId);
        job.runId = recorder->runId();
        if (options.onRunCreated)
            options.onRunCreated(job.runId);
    }
    EventSink& target = recorder ? static_cast<EventSink&>(*recorder) : sink;
    job.result = Trainer::run(spec, data, target, control, options.train);
    if (recorder) {
        job.historyAgrees = recorder->finish(job.result);
        job.historyError = recorder->historyError();
    }
    return job;
}

} // namespace domaintune
