#pragma once

#include "commandline.h"
#include "core/train/trainspec.h"

namespace domaintune::cli {

/** The flags that make `train` start its processes itself (and that it drops for them). */
inline constexpr const char* kLauncherFlags[] = {"nproc", "nnodes", "node-rank", "master"};

/** True when `train` is to start its processes itself: @p spec asks for several (--nproc N,
 * or "processes" in --config), or the command line names several machines. */
bool wantsTrainingProcesses(const CommandLine& commandLine, const TrainSpec& spec);

/**
 * `train --nproc N (@p processes) [--nnodes M --node-rank K --master HOST:PORT]`: starts N copies
 * of this very command (without those flags) as ranks K·N … K·N+N-1 of a data-parallel run of M·N
 * processes, with the environment torchrun gives its workers (RANK, LOCAL_RANK, WORLD_SIZE,
 * LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT), and waits for them. Ctrl-C and SIGTERM are
 * passed on (the run stops at the next step, rank 0 saves a checkpoint). When a process fails
 * or is killed, says which, gives the others the process-group timeout to stop on their own,
 * then ends them. Returns the exit status: rank 0's when it failed, else the first failure's,
 * else 0. Throws domaintune::Error for bad flags.
 */
int launchTrainingProcesses(const CommandLine& commandLine, int processes);

} // namespace domaintune::cli
