#include "core/train/trainingjob.h"

#include "core/data/corpusimporter.h"
#include "core/data/leakagechecker.h"
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

namespace {

/** Drops repeats within the training data and validation examples that repeat a training one
 *  (checkLeakage's exact, normalised and near duplicates), saying how many. */
void dropDuplicateExamples(TrainingData& data, const std::function<void(const std::string&)>& warn)
{
    std::vector<Example> all;
    all.reserve(data.train.size() + data.validation.size());
    for (auto& example : data.train) {
        all.push_back(std::move(example));
        all.back().split = "train";
    }
    for (auto& example : data.validation) {
        all.push_back(std::move(example));
        all.back().split = "validation";
    }
    const LeakageReport report = checkLeakage(all);
    std::size_t fromValidation = 0;
    for (const std::size_t index : report.droppable)
        fromValidation += all[index].split == "validation" ? 1 : 0;
    const std::size_t dropped = dropDuplicates(all, report);
    data.train.clear();
    data.validation.clear();
    for (auto& example : all)
        (example.split == "validation" ? data.validation : data.train)
            .push_back(std::move(example));
    if (dropped > 0 && warn)
        warn("Dropped " + std::to_string(dropped) +
             " duplicate example(s) (the same text again, in another case or punctuation, or "
             "with a few words changed)" +
             (fromValidation > 0 ? "; " + std::to_string(fromValidation) +
                                       " of them were validation examples repeating training ones"
                                 : std::string()) +
             ".");
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
    } else {
        // A folder or file with its own splits keeps them; the test split stays out.
        for (auto& example : all) {
            if (example.split == "validation")
                data.validation.push_back(std::move(example));
            else if (example.split != "test")
                data.train.push_back(std::move(example));
        }
    }
    if (spec.dropDuplicates)
        dropDuplicateExamples(data, warn);
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
