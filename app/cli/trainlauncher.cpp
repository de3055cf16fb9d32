// `domaintune-cli train --nproc N`: the workbench's own torchrun for one or several machines.
#include "trainlauncher.h"

#include "core/common/error.h"
#include "core/train/distributedenv.h"
#include "core/train/processlauncher.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace domaintune::cli {
namespace {

std::atomic<int> g_signal{0};

extern "C" void rememberSignal(int number)
{
    g_signal.store(number); // lock-free atomic store: safe in a signal handler
}

/** This process's own arguments (without the program), as the kernel keeps them. */
std::vector<std::string> ownArguments()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> arguments;
    std::size_t start = 0;
    while (start < all.size()) {
        const std::size_t end = all.find('\0', start);
        arguments.push_back(all.substr(start, end - start));
        start = end == std::string::npos ? all.size() : end + 1;
    }
    if (!arguments.empty())
        arguments.erase(arguments.begin());
    return arguments;
}

/** @p arguments without the launcher's flags (--nproc 2 and --nproc=2 forms). */
std::vector<std::string> workerArguments(const std::vector<std::string>& arguments)
{
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        bool dropped = false;
        for (const char* flag : kLauncherFlags) {
            const std::string name = std::string("--") + flag;
            if (arguments[i] == name) {
                ++i; // and its value
                dropped = true;
            } else if (arguments[i].rfind(name + "=", 0) == 0) {
                dropped = true;
            }
            if (dropped)
                break;
        }
        if (!dropped)
            kept.push_back(arguments[i]);
    }
    return kept;
}

std::string describeEnd(int status)
{
    if (WIFSIGNALED(status)) {
        const int number = WTERMSIG(status);
        const char* name = strsignal(number);
        return "was killed by signal " + std::to_string(number) +
               (name ? std::string(" (") + name + ")" : "");
    }
    return "exited with status " + std::to_string(WEXITSTATUS(status));
}

int exitCode(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

bool wantsTrainingProcesses(const CommandLine& commandLine, const TrainSpec& spec)
{
    return spec.processes > 1 || commandLine.integer("nnodes", 1) > 1 ||
           commandLine.has("master") || commandLine.has("node-rank");
}

int launchTrainingProcesses(const CommandLine& commandLine, int processes)
{
    if (distributedEnvFromEnvironment())
        throw Error("--nproc was given to a process that is already one of several (WORLD_SIZE "
                    "is set, e.g. by torchrun). Use one or the other: torchrun --nproc-per-node N "
                    "--no-python domaintune-cli train … without --nproc, or domaintune-cli train "
                    "--nproc N alone.");
    const long long nproc = processes;
    const long long nnodes = commandLine.integer("nnodes", 1);
    const long long nodeRank = commandLine.integer("node-rank", 0);
    if (nproc < 1 || nproc > 1024)
        throw Error("--nproc is " + std::to_string(nproc) +
                    "; give the number of training processes on this machine (1 to 1024; they "
                    "share its cores).");
    if (nnodes < 1 || nnodes > 4096)
        throw Error("--nnodes is " + std::to_string(nnodes) +
                    "; give the number of machines taking part (1 or more).");
    if (nodeRank < 0 || nodeRank >= nnodes)
        throw Error("--node-rank is " + std::to_string(nodeRank) + "; with --nnodes " +
                    std::to_string(nnodes) + " it must be from 0 to " + std::to_string(nnodes - 1) +
                    " (0 on the machine whose address --master gives).");
    DistributedEnv env;
    env.worldSize = static_cast<int>(nproc * nnodes);
    env.localWorldSize = static_cast<int>(nproc);
    if (const auto master = commandLine.value("master"); !master.empty()) {
        const auto colon = master.rfind(':');
        char* end = nullptr;
        const long port =
            colon == std::string::npos ? 0 : std::strtol(master.c_str() + colon + 1, &end, 10);
        if (colon == std::string::npos || colon == 0 || !end || *end != '\0' || port < 1 ||
            port > 65535)
            throw Error("--master is \"" + master +
                        "\"; give HOST:PORT of the machine with --node-rank 0, e.g. "
                        "10.0.0.5:29500 (the port must be free there and open to the others).");
        env.masterAddr = master.substr(0, colon);
        env.masterPort = static_cast<int>(port);
    } else if (nnodes > 1) {
        throw Error("--nnodes " + std::to_string(nnodes) +
                    " needs --master HOST:PORT: the address of the machine started with "
                    "--node-rank 0 and a free port there, the same on every machine.");
    } else {
        env.masterPort = freeLocalPort();
    }
    env.timeoutSeconds = distributedTimeout([](const char* name) { return std::getenv(name); });

    const std::vector<std::string> arguments = workerArguments(ownArguments());
    std::cerr << "Starting " << nproc << " training process" << (nproc == 1 ? "" : "es")
              << " (ranks " << nodeRank * nproc << "–" << nodeRank * nproc + nproc - 1 << " of "
              << env.worldSize << "; rendezvous at " << env.masterAddr << ":" << env.masterPort
              << ").\n";

    std::signal(SIGINT, rememberSignal);
    std::signal(SIGTERM, rememberSignal);
    std::map<pid_t, int> ranks; // running children
    const int first = static_cast<int>(nodeRank * nproc);
    const auto pids = spawnRanks(env, first, static_cast<int>(nproc), "/proc/self/exe", arguments);
    for (std::size_t i = 0; i < pids.size(); ++i)
        ranks[pids[i]] = first + static_cast<int>(i);

    int result = 0, leaderResult = -1;
    bool failed = false;
    auto deadline = std::chrono::steady_clock::time_point::max();
    int passedOn = 0;
    bool terminated = false;
    while (!ranks.empty()) {
        if (const int number = g_signal.exchange(0); number != 0) {
            for (const auto& [pid, rank] : ranks)
                ::kill(pid, number); // each stops at its next step; rank 0 saves a checkpoint
            ++passedOn;
            if (passedOn == 1)
                std::cerr << "Stopping the training processes at their next step (again to "
                             "force).\n";
            else
                for (const auto& [pid, rank] : ranks)
                    ::kill(pid, SIGKILL);
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                for (const auto& [child, rank] : ranks)
                    ::kill(child, terminated ? SIGKILL : SIGTERM);
                deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
                terminated = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        const auto found = ranks.find(pid);
        if (found == ranks.end())
            continue;
        const int rank = found->second;
        ranks.erase(found);
        const int code = exitCode(status);
        if (rank == 0)
            leaderResult = code;
        if (code != 0 && !failed && passedOn == 0) {
            failed = true;
            result = code;
            std::cerr << "Training process " << rank << " of " << env.worldSize << " (pid " << pid
                      << ") " << describeEnd(status)
                      << "; any still running are stopped within 15 s.\n";
            // The others notice at their next exchange (within seconds); one that never joined
            // would wait for the timeout, so after a grace period they are ended, as torchrun
            // does.
            deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        } else if (code != 0 && result == 0) {
            result = code;
        }
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return leaderResult > 0 ? leaderResult : result;
}

} // namespace domaintune::cli
