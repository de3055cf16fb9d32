#include "core/tune/study.h"

#include "core/common/error.h"
#include "core/common/filewriter.h"
#include "core/hub/modelprovenance.h"
#include "core/store/runstore.h"
#include "core/train/task.h"
#include "core/train/trainingjob.h"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <memory>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace domaintune {
namespace {

/** A trial's history tags: "trial" (and "pruned"), and "few-shot" as RunRecorder tags such runs
 *  (setTags replaces them all). */
std::vector<std::string> trialTags(const TrainSpec& base, bool pruned)
{
    std::vector<std::string> tags = {"trial"};
    if (pruned)
        tags.push_back("pruned");
    if (base.method == "setfit")
        tags.push_back("few-shot");
    return tags;
}

using Clock = std::chrono::steady_clock;
constexpr int kStateVersion = 1;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

nlohmann::json jsonNumber(double value)
{
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
}

double numberFrom(const nlohmann::json& json, const char* key)
{
    return json.contains(key) && json[key].is_number() ? json[key].get<double>() : kNaN;
}

std::string trialFolder(const std::string& outputDir, std::int64_t number)
{
    std::ostringstream name;
    name << outputDir << "/trial-" << std::setw(3) << std::setfill('0') << number;
    return name.str();
}

std::string describe(const nlohmann::json& values)
{
    std::string text;
    for (const auto& [key, value] : values.items()) {
        if (!text.empty())
            text += ", ";
        std::ostringstream shown;
        if (value.is_number_float())
            shown << std::setprecision(3) << value.get<double>();
        else
            shown << (value.is_string() ? value.get<std::string>() : value.dump());
        text += key + "=" + shown.str();
    }
    return text;
}

/** Spec keys that do not change what a trial means: a study may continue under another name
 * or thread count (and writes where its --output says). */
constexpr const char* kNotIdentity[] = {"output", "name", "threads"};

/** What must not change between a study and its resumption. */
nlohmann::json identityOf(const TrainSpec& base, const StudyOptions& options)
{
    nlohmann::json spec = base.toJson();
    for (const char* key : kNotIdentity)
        spec.erase(key);
    return {{"base", spec},
            {"space", options.space.toJson()},
            {"sampler", samplerName(options.sampler.kind)},
            {"seed", options.sampler.seed},
            {"pruning", options.pruning},
            {"min_epochs", options.minEpochs},
            {"reduction_factor", options.reductionFactor},
            {"baseline", options.baselineTrial}};
}

/** The study's state on disk: written after every decision, read to resume. */
struct StudyState
{
    nlohmann::json identity;
    std::int64_t studyRunId = 0;
    std::vector<TrialOutcome> trials;
    std::map<std::int64_t, std::vector<double>> rungs;
    double elapsedSeconds = 0; ///< Before this process took over.

    void save(const std::string& path, double elapsedNow) const
    {
        nlohmann::json json = {{"version", kStateVersion},
                               {"identity", identity},
                               {"study_run_id", studyRunId},
                               {"elapsed_seconds", elapsedSeconds + elapsedNow}};
        json["trials"] = nlohmann::json::array();
        for (const auto& trial : trials)
            json["trials"].push_back(trial.toJson());
        json["rungs"] = nlohmann::json::object();
        for (const auto& [trial, values] : rungs)
            json["rungs"][std::to_string(trial)] = values;
        const std::string temporary = path + ".tmp";
        writeWholeFile(temporary, json.dump(2));
        std::error_code error;
        fs::rename(temporary, path, error);
        if (error)
            throw Error(path, 0, "cannot write the study's state: " + error.message());
    }

    static StudyState load(const std::string& path)
    {
        std::ifstream in(path);
        if (!in)
            throw Error(path, 0, "cannot read the study's state");
        StudyState state;
        try {
            const auto json = nlohmann::json::parse(in);
            if (json.value("version", 0) != kStateVersion)
                throw Error(path, 0,
                            "a study state of another version; start a new study "
                            "in another --output folder");
            state.identity = json.at("identity");
            state.studyRunId = json.value("study_run_id", std::int64_t(0));
            state.elapsedSeconds = json.value("elapsed_seconds", 0.0);
            for (const auto& trial : json.at("trials"))
                state.trials.push_back(TrialOutcome::fromJson(trial));
            for (const auto& [trial, values] : json.at("rungs").items()) {
                std::vector<double> rung;
                for (const auto& value : values)
                    rung.push_back(value.is_number() ? value.get<double>() : kNaN);
                state.rungs[std::stoll(trial)] = rung;
            }
        } catch (const Error&) {
            throw;
        } catch (const std::exception& e) { // JSON of the wrong shape, a rung key not a number
            throw Error(path, 0,
                        std::string("the study's state is damaged (") + e.what() +
                            "); start a new study in another output folder");
        }
        return state;
    }
};

/** Forwards a trial's events and applies the pruner, the budget and the heartbeat. */
class TrialSink : public EventSink
{
public:
    TrialSink(EventSink& forward, TrainingControl& control, SuccessiveHalving* pruner,
              TrialOutcome& trial, const std::string& metric, std::int64_t examplesPerStep,
              std::function<void()> save, std::function<bool()> overBudget,
              std::function<void()> heartbeat)
        : m_forward(forward), m_control(control), m_pruner(pruner), m_trial(trial),
          m_metric(metric), m_examplesPerStep(examplesPerStep), m_save(std::move(save)),
          m_overBudget(std::move(overBudget)), m_heartbeat(std::move(heartbeat))
    {}

    void onEvent(const TrainingEvent& event) override
    {
        m_forward.onEvent(event);
        if (event.kind == TrainingEventKind::Step) {
            m_heartbeat();
            if (!m_budgetHit && m_overBudget()) {
                m_budgetHit = true;
                m_control.requestCancel();
            }
        }
        if (event.kind != TrainingEventKind::Evaluation || m_pruner == nullptr || m_pruned)
            return;
        const auto found = event.metrics.find(m_metric);
        const double value = found == event.metrics.end() ? kNaN : found->second;
        const std::int64_t examples = event.step * m_examplesPerStep;
        m_pruned = m_pruner->report(m_trial.number, examples, value);
        m_trial.rungs = m_pruner->rungsOf(m_trial.number);
        if (m_pruned) {
            m_trial.prunedAtExamples = examples;
            m_control.requestCancel();
        }
        m_save();
    }

    bool pruned() const { return m_pruned; }
    bool budgetHit() const { return m_budgetHit; }

private:
    EventSink& m_forward;
    TrainingControl& m_control;
    SuccessiveHalving* m_pruner;
    TrialOutcome& m_trial;
    std::string m_metric;
    std::int64_t m_examplesPerStep;
    std::function<void()> m_save;
    std::function<bool()> m_overBudget;
    std::function<void()> m_heartbeat;
    bool m_pruned = false;
    bool m_budgetHit = false;
};

void log(EventSink& sink, const std::string& message)
{
    TrainingEvent event;
    event.kind = TrainingEventKind::Log;
    event.message = message;
    sink.onEvent(event);
}

bool better(double a, double b, bool maximize)
{
    if (std::isnan(b))
        return !std::isnan(a);
    return maximize ? a > b : a < b;
}

/** "Pruned by ASHA after N training examples (rung k)": the start of a pruned trial's note. */
std::string prunedAt(const TrialOutcome& trial)
{
    return "Pruned by ASHA after " + std::to_string(trial.prunedAtExamples) +
           " training examples (rung " + std::to_string(trial.rungs.size()) + ")";
}

/** An exclusive lock on a study's folder for the life of the object: two searches writing
 * one study.json and the same trial checkpoints would ruin both. */
class FolderLock
{
public:
    explicit FolderLock(const std::string& folder)
    {
        const std::string path = folder + "/.study.lock";
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throw Error(path, 0,
                        std::string("cannot create the study's lock: ") + std::strerror(errno));
        if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(m_fd);
            throw Error(folder, 0,
                        "another search is running in this folder; wait for it to end (or stop "
                        "it), or choose another --output folder");
        }
    }
    ~FolderLock() { ::close(m_fd); }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int m_fd = -1;
};

void removeFolder(const std::string& path)
{
    std::error_code ignored;
    fs::remove_all(path, ignored);
}

} // namespace

int bestCompletedTrial(const std::vector<TrialOutcome>& trials, bool maximize)
{
    int best = -1;
    for (std::size_t i = 0; i < trials.size(); ++i)
        if (trials[i].state == "completed" &&
            (best < 0 ||
             better(trials[i].score, trials[static_cast<std::size_t>(best)].score, maximize)))
            best = static_cast<int>(i);
    return best;
}

std::string studyStatePath(const std::string& outputDir)
{
    return outputDir + "/study.json";
}

std::vector<TrialOutcome> loadStudyTrials(const std::string& outputDir)
{
    return StudyState::load(studyStatePath(outputDir)).trials;
}

StudyOptions loadStudyOptions(const std::string& outputDir)
{
    const std::string path = studyStatePath(outputDir);
    const nlohmann::json identity = StudyState::load(path).identity;
    StudyOptions options;
    try {
        options.space = SearchSpace::fromJson(identity.at("space"), path);
        options.sampler.kind = samplerFromString(identity.at("sampler").get<std::string>());
        options.sampler.seed = identity.at("seed").get<std::uint64_t>();
        options.pruning = identity.at("pruning").get<bool>();
        options.minEpochs = identity.at("min_epochs").get<double>();
        options.reductionFactor = identity.at("reduction_factor").get<std::int64_t>();
        options.baselineTrial = identity.at("baseline").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(path, 0, std::string("the study's settings are damaged (") + e.what() + ")");
    }
    options.outputDir = outputDir;
    return options;
}

nlohmann::json TrialOutcome::toJson() const
{
    nlohmann::json rungValues = nlohmann::json::array();
    for (const double value : rungs)
        rungValues.push_back(jsonNumber(value));
    nlohmann::json metricValues = nlohmann::json::object();
    for (const auto& [name, value] : metrics)
        metricValues[name] = jsonNumber(value);
    return {{"number", number},
            {"values", values},
            {"state", state},
            {"score", jsonNumber(score)},
            {"metrics", metricValues},
            {"rungs", rungValues},
            {"pruned_at_examples", prunedAtExamples},
            {"run_id", runId},
            {"steps", steps},
            {"model", modelDir},
            {"message", message},
            {"seconds", seconds}};
}

TrialOutcome TrialOutcome::fromJson(const nlohmann::json& json)
{
    TrialOutcome trial;
    trial.number = json.at("number");
    trial.values = json.at("values");
    trial.state = json.at("state");
    trial.score = numberFrom(json, "score");
    const nlohmann::json metrics = json.value("metrics", nlohmann::json::object());
    for (const auto& [name, value] : metrics.items())
        trial.metrics[name] = value.is_number() ? value.get<double>() : kNaN;
    for (const auto& value : json.value("rungs", nlohmann::json::array()))
        trial.rungs.push_back(value.is_number() ? value.get<double>() : kNaN);
    trial.prunedAtExamples = json.value("pruned_at_examples", std::int64_t(0));
    trial.runId = json.value("run_id", std::int64_t(0));
    trial.steps = json.value("steps", std::int64_t(0));
    trial.modelDir = json.value("model", std::string());
    trial.message = json.value("message", std::string());
    trial.seconds = json.value("seconds", 0.0);
    return trial;
}

nlohmann::json StudyResult::toJson() const
{
    nlohmann::json json = {
        {"status", status},
        {"message", message},
        {"metric", metric},
        {"direction", maximize ? "maximize" : "minimize"},
        {"study_run_id", studyRunId > 0 ? nlohmann::json(studyRunId) : nlohmann::json()},
        {"rung_examples", rungExamples}};
    json["trials"] = nlohmann::json::array();
    std::map<std::string, int> counts;
    for (const auto& trial : trials) {
        json["trials"].push_back(trial.toJson());
        ++counts[trial.state];
    }
    json["counts"] = counts;
    json["best"] = best >= 0 ? trials[static_cast<std::size_t>(best)].toJson() : nlohmann::json();
    return json;
}

StudyResult runStudy(const TrainSpec& base, const TrainingData& data, const StudyOptions& options,
                     EventSink& sink, const TrainingControl& control,
                     const std::function<void(const TrialOutcome&)>& onTrial)
{
    base.validate();
    if (options.outputDir.empty())
        throw Error("a search needs an output folder (--output DIR) for its trials");
    if (options.trials < 1)
        throw Error("a search needs at least one trial (--trials N)");
    if (options.space.parameters.empty())
        throw Error("the search space is empty: nothing to search");

    StudyResult result;
    result.metric = base.bestMetric();
    result.maximize = higherIsBetter(result.metric);

    // The first rung in examples seen: minEpochs (default a sixteenth of the base's epochs) of
    // the training examples (what stays after the validation hold-out).
    const double trainCount = data.validation.empty()
                                  ? double(data.train.size()) * (1 - base.validationFraction)
                                  : double(data.train.size());
    const double minEpochs = options.minEpochs > 0 ? options.minEpochs : double(base.epochs) / 16.0;
    result.rungExamples = std::max<std::int64_t>(1, std::llround(minEpochs * trainCount));

    SuccessiveHalvingOptions prunerOptions;
    prunerOptions.minResource = result.rungExamples;
    prunerOptions.reductionFactor = options.reductionFactor;
    prunerOptions.maximize = result.maximize;
    SuccessiveHalving pruner(prunerOptions);
    SamplerOptions samplerOptions = options.sampler;
    samplerOptions.maximize = result.maximize;

    const std::string statePath = studyStatePath(options.outputDir);
    StudyState state;
    state.identity = identityOf(base, options);
    std::error_code error;
    fs::create_directories(options.outputDir, error);
    if (error)
        throw Error(options.outputDir, 0, "cannot create the study's folder: " + error.message());
    const FolderLock lock(options.outputDir);
    if (options.resume) {
        if (!fs::exists(statePath))
            throw Error(options.outputDir, 0,
                        "no study to resume here (no study.json); drop --resume to start one");
        StudyState saved = StudyState::load(statePath);
        // A state written before name and threads left the identity: they still do not count.
        if (saved.identity.contains("base") && saved.identity["base"].is_object())
            for (const char* key : kNotIdentity)
                saved.identity["base"].erase(key);
        if (saved.identity != state.identity) {
            std::string differs;
            for (const auto& [key, value] : state.identity.items())
                if (!saved.identity.contains(key) || saved.identity[key] != value)
                    differs += (differs.empty() ? "" : ", ") + key;
            throw Error(statePath, 0,
                        "the study here was started with other settings (" + differs +
                            " differ); resume it with the same options, or start a new study "
                            "in another --output folder");
        }
        state = std::move(saved);
        pruner.restore(state.rungs);
    } else if (fs::exists(statePath)) {
        throw Error(statePath, 0,
                    "this folder already holds a study; add --resume to continue it, or "
                    "choose another --output folder");
    }

    std::unique_ptr<RunStore> store;
    if (!options.historyPath.empty()) {
        store = std::make_unique<RunStore>(options.historyPath);
        if (state.studyRunId > 0 && store->run(state.studyRunId)) {
            store->updateStatus(state.studyRunId, RunStatus::Running);
        } else {
            RunRecord run;
            run.name =
                (base.name.empty() ? base.task + " on " + base.trainFile : base.name) + " (search)";
            run.task = base.task;
            run.domain = base.domain;
            run.specJson = base.toJson().dump();
            run.modelPath = base.modelDir;
            run.modelSourceJson = modelProvenance(base.modelDir).dump();
            run.tags = {"study"};
            run.notes =
                "Hyper-parameter search: " + std::to_string(options.trials) + " trials, " +
                samplerName(options.sampler.kind) + " sampler" +
                (options.pruning
                     ? ", ASHA pruning (first rung " + std::to_string(result.rungExamples) +
                           " examples, factor " + std::to_string(options.reductionFactor) + ")"
                     : "") +
                ". Space: " + options.space.toJson().dump();
            state.studyRunId = store->createRun(run);
            store->updateStatus(state.studyRunId, RunStatus::Running);
        }
        result.studyRunId = state.studyRunId;
    }

    const auto started = Clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(Clock::now() - started).count();
    };
    const auto save = [&] {
        state.rungs = pruner.rungs();
        state.save(statePath, elapsed());
    };
    const auto overBudget = [&] {
        return options.budgetMinutes > 0 &&
               state.elapsedSeconds + elapsed() >= options.budgetMinutes * 60.0;
    };
    auto lastHeartbeat = Clock::now();
    const auto heartbeat = [&] {
        if (!store || Clock::now() - lastHeartbeat < std::chrono::seconds(10))
            return;
        lastHeartbeat = Clock::now();
        try {
            store->heartbeat(state.studyRunId);
        } catch (const Error&) {
            // The trial's own recorder reports history failures; the study goes on.
        }
    };
    save();

    const std::string baseName = base.name.empty() ? base.task : base.name;
    result.status = "completed";
    // A decided trial's files: its checkpoint once it will not train again, and the best/ of a
    // pruned one (unless models are kept).
    const auto dropFiles = [&](const TrialOutcome& trial) {
        const std::string folder = trialFolder(options.outputDir, trial.number);
        if (trial.state == "completed" || trial.state == "pruned" || trial.state == "failed")
            removeFolder(folder + "/checkpoint");
        if (trial.state == "pruned" && !options.keepModels)
            removeFolder(folder + "/best");
    };
    // A pruned trial's run in the history: tagged, and its notes say why.
    const auto recordPruned = [&](const TrialOutcome& trial) {
        store->setTags(trial.runId, trialTags(base, true));
        store->setNotes(trial.runId, store->requireRun(trial.runId).notes + " " + trial.message);
    };

    // A trial the pruner stopped whose process was killed before it ended: it stays pruned
    // (training it again would undo the decision the rungs already hold).
    if (!state.trials.empty() && state.trials.back().state == "running" &&
        state.trials.back().prunedAtExamples > 0) {
        TrialOutcome& stopped = state.trials.back();
        stopped.state = "pruned";
        stopped.score = stopped.rungs.empty() ? kNaN : stopped.rungs.back();
        stopped.message = prunedAt(stopped) + "; the study was stopped before the trial ended.";
        save();
        dropFiles(stopped);
        if (store && stopped.runId > 0)
            try {
                recordPruned(stopped);
                // Killed, it reads "interrupted"; it was stopped by the pruner, as the others.
                store->updateStatus(stopped.runId, RunStatus::Cancelled);
            } catch (const Error&) {
            }
        if (onTrial)
            onTrial(stopped);
    }
    for (;;) {
        const bool continuing =
            !state.trials.empty() &&
            (state.trials.back().state == "running" || state.trials.back().state == "cancelled" ||
             state.trials.back().state == "stopped");
        if (!continuing && static_cast<int>(state.trials.size()) >= options.trials)
            break;
        if (control.cancelRequested()) {
            result.status = "cancelled";
            break;
        }
        if (overBudget()) {
            result.status = "budget";
            break;
        }
        if (!continuing) {
            TrialOutcome next;
            next.number = static_cast<std::int64_t>(state.trials.size());
            if (next.number == 0 && options.baselineTrial) {
                next.values = options.space.valuesOf(base);
            } else {
                std::vector<SampledTrial> finished;
                for (const auto& done : state.trials) {
                    if (done.state == "failed")
                        continue; // as Optuna: a failed trial says nothing about its values
                    SampledTrial sampled;
                    sampled.values = done.values;
                    sampled.pruned = done.state == "pruned";
                    sampled.rungs = static_cast<int>(done.rungs.size());
                    sampled.score = done.state == "completed"               ? done.score
                                    : sampled.pruned && !done.rungs.empty() ? done.rungs.back()
                                                                            : kNaN;
                    finished.push_back(sampled);
                }
                next.values = sampleTrial(options.space, samplerOptions, next.number, finished);
            }
            state.trials.push_back(next);
        }
        TrialOutcome& trial = state.trials.back();
        trial.state = "running";
        trial.score = kNaN;
        const std::int64_t previousRun = trial.runId;
        const auto trialStarted = Clock::now();
        const double secondsBefore = trial.seconds;
        save();

        const std::string folder = trialFolder(options.outputDir, trial.number);
        TrainSpec spec;
        try {
            spec = options.space.apply(base, trial.values);
        } catch (const Error& e) {
            trial.state = "failed";
            trial.message = e.what();
            save();
            if (onTrial)
                onTrial(trial);
            continue;
        }
        spec.outputDir = folder;
        spec.name = baseName + " · trial " + std::to_string(trial.number);
        const std::int64_t examplesPerStep = spec.batchSize * spec.gradientAccumulation;
        if (options.pruning) {
            // At least one evaluation per first-rung's worth of data: every rung gets a value.
            const std::int64_t rungSteps = std::max<std::int64_t>(
                1, (result.rungExamples + examplesPerStep - 1) / examplesPerStep);
            spec.evalSteps = spec.evalSteps > 0 ? std::min(spec.evalSteps, rungSteps) : rungSteps;
        }
        log(sink, "Trial " + std::to_string(trial.number) + " of " +
                      std::to_string(options.trials) + ": " + describe(trial.values));

        TrainingControl trialControl(&control);
        TrialSink trialSink(sink, trialControl, options.pruning ? &pruner : nullptr, trial,
                            result.metric, examplesPerStep, save, overBudget, heartbeat);
        TrainingJobOptions jobOptions;
        jobOptions.historyPath = options.historyPath;
        jobOptions.parentRunId = state.studyRunId;
        jobOptions.train.resume = fs::exists(folder + "/checkpoint/state.json");
        jobOptions.onRunCreated = [&](std::int64_t runId) {
            trial.runId = runId;
            save();
            try {
                store->setTags(runId, trialTags(base, false));
                std::string notes = "Trial " + std::to_string(trial.number) + " of study run " +
                                    std::to_string(state.studyRunId) + ": " +
                                    describe(trial.values) + ".";
                if (previousRun > 0 && jobOptions.train.resume)
                    notes += " Continues run " + std::to_string(previousRun) +
                             " from its last checkpoint.";
                store->setNotes(runId, notes);
            } catch (const Error&) {
            }
        };
        const TrainingJobResult job =
            runTrainingJob(spec, data, trialSink, trialControl, jobOptions);
        const TrainResult& trained = job.result;
        trial.seconds =
            secondsBefore + std::chrono::duration<double>(Clock::now() - trialStarted).count();
        trial.steps = trained.steps;
        trial.message = trained.message;
        const auto pick = [&](const std::map<std::string, double>& metrics) {
            const auto found = metrics.find(result.metric);
            return found == metrics.end() ? kNaN : found->second;
        };
        // A trial that reached its last step completed, whatever its last rung said.
        if (trained.status == "completed") {
            trial.state = "completed";
            trial.prunedAtExamples = 0;
            trial.metrics = trained.bestMetrics.empty() ? trained.metrics : trained.bestMetrics;
            trial.score = pick(trial.metrics);
            trial.modelDir = trained.bestModelDir.empty() ? trained.modelDir : trained.bestModelDir;
        } else if (trialSink.pruned()) {
            trial.state = "pruned";
            trial.score = trial.rungs.empty() ? kNaN : trial.rungs.back();
            trial.metrics = trained.metrics;
            std::ostringstream why;
            why << prunedAt(trial) << ": " << result.metric << " " << trial.score
                << " was not among the best 1/" << options.reductionFactor
                << " of the trials at that rung.";
            trial.message = why.str();
        } else if (trained.status == "cancelled") {
            trial.state = trialSink.budgetHit() ? "stopped" : "cancelled";
            trial.metrics = trained.bestMetrics;
            trial.score = pick(trained.bestMetrics);
        } else {
            trial.state = "failed";
        }
        save(); // the decision first: a kill from here on must not train the trial again
        dropFiles(trial);

        // The best completed trial keeps its model; the others' models go unless kept.
        const int best = bestCompletedTrial(state.trials, result.maximize);
        if (!options.keepModels)
            for (std::size_t i = 0; i < state.trials.size(); ++i) {
                TrialOutcome& other = state.trials[i];
                if (static_cast<int>(i) == best || other.state != "completed" ||
                    other.modelDir.empty())
                    continue;
                const std::string otherFolder = trialFolder(options.outputDir, other.number);
                removeFolder(otherFolder + "/model");
                removeFolder(otherFolder + "/best");
                other.modelDir.clear();
                if (store && other.runId > 0)
                    try {
                        store->setNotes(other.runId,
                                        store->requireRun(other.runId).notes +
                                            " Its model was removed to save space (only the "
                                            "study's best trial keeps one); re-run it to get "
                                            "the model.");
                    } catch (const Error&) {
                    }
            }

        if (store && trial.runId > 0) {
            try {
                if (trial.state == "pruned")
                    recordPruned(trial);
                if (std::isfinite(trial.score))
                    store->appendMetrics(
                        state.studyRunId,
                        {MetricPoint{trial.number, 0, "trial/" + result.metric, trial.score, 0}});
            } catch (const Error&) {
            }
        }
        save();
        if (onTrial)
            onTrial(trial);
        if (trial.state == "failed" && trial.number == 0) {
            result.status = "failed";
            result.message = "the first trial failed: " + trained.message;
            break;
        }
        if (trial.state == "cancelled") {
            result.status = "cancelled";
            break;
        }
        if (trial.state == "stopped") {
            result.status = "budget";
            break;
        }
    }

    result.trials = state.trials;
    result.best = bestCompletedTrial(result.trials, result.maximize);
    if (result.message.empty())
        result.message =
            result.status == "budget"
                ? "The time budget ran out after " + std::to_string(result.trials.size()) +
                      " trial(s); --resume with a larger --budget-minutes continues the study."
            : result.status == "cancelled"
                ? "Stopped; --resume continues the study."
                : "Finished " + std::to_string(result.trials.size()) + " trial(s).";

    if (store) {
        try {
            if (result.best >= 0) {
                const TrialOutcome& best = result.trials[static_cast<std::size_t>(result.best)];
                nlohmann::json summary = nlohmann::json::object();
                for (const auto& [name, value] : best.metrics)
                    summary[name] = jsonNumber(value);
                EvaluationRecord evaluation;
                evaluation.runId = state.studyRunId;
                evaluation.step = best.number;
                evaluation.summaryJson = summary.dump();
                store->addEvaluation(evaluation);
                if (!best.modelDir.empty()) {
                    ArtifactRecord model;
                    model.runId = state.studyRunId;
                    model.path = fs::absolute(best.modelDir).lexically_normal().string();
                    model.kind = "model";
                    model.step = best.steps;
                    store->addArtifact(model);
                }
            }
            store->updateStatus(state.studyRunId,
                                result.status == "failed" ? RunStatus::Failed
                                : result.status == "completed" || result.status == "budget"
                                    ? RunStatus::Completed
                                    : RunStatus::Cancelled);
        } catch (const Error& e) {
            result.message +=
                " The history could not record the study's end: " + std::string(e.what());
        }
    }
    return result;
}

} // namespace domaintune
