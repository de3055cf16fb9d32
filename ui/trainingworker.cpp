#include "ui/trainingworker.h"

#include "core/common/error.h"
#include "core/train/processlauncher.h"
#include "core/train/trainingjob.h"
#include "ui/signalsink.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <chrono>
#include <csignal>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/wait.h>
#include <thread>
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

/** The command-line program that plays the other processes: beside this one, or
 * DOMAINTUNE_CLI. */
std::string commandLineProgram()
{
    const QByteArray chosen = qgetenv("DOMAINTUNE_CLI");
    const QString path = chosen.isEmpty() ? QCoreApplication::applicationDirPath() +
                                                QStringLiteral("/domaintune-cli")
                                          : QString::fromLocal8Bit(chosen);
    if (!QFileInfo(path).isExecutable())
        throw Error("Training on several processes needs domaintune-cli, which plays the other "
                    "processes, and it is not at " +
                    path.toStdString() +
                    ". Reinstall DomainTune, or choose 1 process on the hyper-parameters page.");
    return path.toStdString();
}

/** The last non-empty line of @p file (a process's log), or an empty string. */
std::string lastLine(const std::string& file)
{
    std::ifstream in(file);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty())
            last = line;
    return last;
}

/**
 * Waits until every process in @p pids has written its ready file (ranks 1…, in @p folder): it
 * read the data and joins next. Returns an empty string then; "cancelled" when @p control is
 * cancelled; else why a process stopped before (its exit and the last line of its log).
 */
std::string waitUntilReady(const std::vector<pid_t>& pids, const std::string& folder,
                           const TrainingControl& control)
{
    for (;;) {
        bool all = true;
        for (std::size_t i = 0; i < pids.size(); ++i) {
            const std::string rank = std::to_string(i + 1);
            if (std::filesystem::exists(folder + "/rank-" + rank + ".ready"))
                continue;
            all = false;
            int status = 0;
            if (::waitpid(pids[i], &status, WNOHANG) == pids[i]) {
                const std::string said = lastLine(folder + "/rank-" + rank + ".log");
                return "Training process " + rank + " stopped before training (" +
                       (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                          : "signal " + std::to_string(WTERMSIG(status))) +
                       ")" + (said.empty() ? "." : ": " + said) + " Its output is in " + folder +
                       "/rank-" + rank + ".log.";
            }
        }
        if (all)
            return {};
        if (control.cancelRequested())
            return "cancelled";
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

/** Waits for @p pids to end: up to @p seconds, then ends them. */
void reap(std::vector<pid_t>& pids, int seconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!pids.empty()) {
        for (auto it = pids.begin(); it != pids.end();) {
            int status = 0;
            it = ::waitpid(*it, &status, WNOHANG) != 0 ? pids.erase(it) : it + 1;
        }
        if (pids.empty())
            break;
        if (std::chrono::steady_clock::now() > deadline) {
            for (const pid_t pid : pids)
                ::kill(pid, SIGKILL);
            for (const pid_t pid : pids)
                ::waitpid(pid, nullptr, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
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
    // Several processes: this thread is rank 0 (the dashboard's, with cancel and pause); the
    // others are domaintune-cli processes on the same spec, logging to <output>/processes/.
    // Started first, so that they read the data while this thread does.
    std::vector<pid_t> others;
    std::optional<DistributedEnv> distributed;
    if (m_spec.processes > 1) {
        const std::string program = commandLineProgram();
        const std::string folder = m_spec.outputDir + "/processes";
        std::filesystem::create_directories(folder);
        const std::string specFile = folder + "/spec.json";
        std::ofstream(specFile) << m_spec.toJson().dump(2);
        DistributedEnv env;
        env.worldSize = env.localWorldSize = m_spec.processes;
        env.masterPort = freeLocalPort();
        std::vector<std::string> arguments{"train", "--config", specFile, "--no-history"};
        if (m_resume)
            arguments.emplace_back("--resume");
        others = spawnRanks(env, 1, m_spec.processes - 1, program, arguments, folder,
                            folder + "/rank-%d.ready");
        distributed = env;
        emitLog("Training on " + std::to_string(m_spec.processes) +
                " processes; the others' output is in " + folder);
    }
    struct Reaper // however this ends, the other processes end with it
    {
        std::vector<pid_t>& pids;
        int seconds = 0;
        ~Reaper() { reap(pids, seconds); }
    } reaper{others};

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
    if (distributed) {
        // Joining blocks until every process comes (or the timeout): first make sure they will.
        const std::string why =
            waitUntilReady(others, m_spec.outputDir + "/processes", m_flags->control);
        if (why == "cancelled") {
            TrainResult result;
            result.status = "cancelled";
            result.message = "Cancelled before training started.";
            return result;
        }
        if (!why.empty())
            return failure(why);
    }
    options.train.distributed = distributed;
    TrainingJobResult job = runTrainingJob(m_spec, data, forward, m_flags->control, options);
    reaper.seconds = job.result.status == "failed" ? 5 : 30; // they end at once after a success
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
