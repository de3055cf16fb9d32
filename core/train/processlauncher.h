#pragma once

// Starting the local processes of a data-parallel run (`train --nproc`, the GUI's
// "Processes"): a free rendezvous port and child processes with torchrun's variables. POSIX,
// no LibTorch.

#include "core/train/distributedenv.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace domaintune {

/** A TCP port free on 127.0.0.1 right now (the kernel's choice). Throws domaintune::Error. */
int freeLocalPort();

/** This process's environment ("NAME=value"), without torchrun's variables (those of
 * DistributedEnv::variables()). */
std::vector<std::string> environmentWithoutRank();

/**
 * Starts @p executable with @p arguments (argv[1…]) and @p environment exactly; its stdout and
 * stderr go to @p logFile when given (created or truncated), else to this process's. Only
 * execve runs between fork and exec, so a multi-threaded caller (the GUI) is safe. Returns the
 * pid. Throws domaintune::Error when the process or the log cannot be created; an executable
 * that cannot run makes the child exit with 127.
 */
pid_t spawnProcess(const std::string& executable, const std::vector<std::string>& arguments,
                   const std::vector<std::string>& environment, const std::string& logFile = {});

/**
 * Starts ranks @p firstRank … of the run @p env describes (its localWorldSize processes minus
 * the ones this process plays) as `executable arguments…`, each with its variables; logs to
 * @p logFolder/rank-N.log when given; with @p readyFile (a pattern where %d is the rank), sets
 * DOMAINTUNE_READY_FILE, which `domaintune-cli train` writes before joining. Returns their pids
 * in rank order.
 */
std::vector<pid_t> spawnRanks(const DistributedEnv& env, int firstRank, int count,
                              const std::string& executable,
                              const std::vector<std::string>& arguments,
                              const std::string& logFolder = {}, const std::string& readyFile = {});

} // namespace domaintune
