#include "core/train/processlauncher.h"

#include "core/common/error.h"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace domaintune {

int freeLocalPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw Error(std::string("Cannot open a socket to find a free port: ") +
                    std::strerror(errno) + ".");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        throw Error("Cannot find a free port on 127.0.0.1 (" + why + ").");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

std::vector<std::string> environmentWithoutRank()
{
    const auto ours = DistributedEnv().variables();
    std::vector<std::string> kept;
    for (char** item = environ; *item; ++item) {
        const std::string entry = *item;
        if (!ours.count(entry.substr(0, entry.find('='))))
            kept.push_back(entry);
    }
    return kept;
}

pid_t spawnProcess(const std::string& executable, const std::vector<std::string>& arguments,
                   const std::vector<std::string>& environment, const std::string& logFile)
{
    std::vector<std::string> argvStrings{executable};
    argvStrings.insert(argvStrings.end(), arguments.begin(), arguments.end());
    std::vector<std::string> envStrings = environment;
    std::vector<char*> argv, envp;
    for (auto& text : argvStrings)
        argv.push_back(text.data());
    argv.push_back(nullptr);
    for (auto& text : envStrings)
        envp.push_back(text.data());
    envp.push_back(nullptr);
    int log = -1;
    if (!logFile.empty()) {
        log = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (log < 0)
            throw Error(logFile, 0,
                        std::string("cannot create the process's log: ") + std::strerror(errno),
                        "Check that the run's output folder is writable.");
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        const std::string why = std::strerror(errno);
        if (log >= 0)
            ::close(log);
        throw Error("Cannot start " + executable + ": " + why + ".");
    }
    if (pid == 0) { // async-signal-safe calls only from here on
        if (log >= 0) {
            ::dup2(log, STDOUT_FILENO);
            ::dup2(log, STDERR_FILENO);
        }
        ::execve(executable.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    if (log >= 0)
        ::close(log);
    return pid;
}

std::vector<pid_t> spawnRanks(const DistributedEnv& env, int firstRank, int count,
                              const std::string& executable,
                              const std::vector<std::string>& arguments,
                              const std::string& logFolder, const std::string& readyFile)
{
    const auto base = environmentWithoutRank();
    std::vector<pid_t> pids;
    for (int rank = firstRank; rank < firstRank + count; ++rank) {
        DistributedEnv mine = env;
        mine.rank = rank;
        mine.localRank = rank % env.localWorldSize;
        auto environment = base;
        for (const auto& [name, value] : mine.variables())
            environment.push_back(name + "=" + value);
        if (const auto at = readyFile.find("%d"); at != std::string::npos)
            environment.push_back("DOMAINTUNE_READY_FILE=" + readyFile.substr(0, at) +
                                  std::to_string(rank) + readyFile.substr(at + 2));
        try {
            pids.push_back(spawnProcess(executable, arguments, environment,
                                        logFolder.empty() ? std::string()
                                                          : logFolder + "/rank-" +
                                                                std::to_string(rank) + ".log"));
        } catch (...) { // none left behind: the ones started would wait for it in vain
            for (const pid_t pid : pids)
                ::kill(pid, SIGKILL);
            for (const pid_t pid : pids)
                ::waitpid(pid, nullptr, 0);
            throw;
        }
    }
    return pids;
}

} // namespace domaintune
