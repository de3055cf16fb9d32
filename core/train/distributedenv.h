#pragma once

// The process-group contract of torchrun (torch.distributed.elastic): which rank this process
// is, how many there are and where their rendezvous store listens. No LibTorch here, so the
// CLI's launcher and the tests use it too.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace domaintune {

/** One process's place in a data-parallel run. Plain value type. */
struct DistributedEnv
{
    int rank = 0;           ///< RANK: 0 … worldSize-1; rank 0 writes models and the history.
    int worldSize = 1;      ///< WORLD_SIZE: processes in the run, on all machines.
    int localRank = 0;      ///< LOCAL_RANK: the process's index on its machine.
    int localWorldSize = 1; ///< LOCAL_WORLD_SIZE: processes on this machine.
    std::string masterAddr = "127.0.0.1"; ///< MASTER_ADDR: the rendezvous store's host.
    int masterPort = 29500;               ///< MASTER_PORT
    /** TORCHELASTIC_USE_AGENT_STORE: torchrun's agent hosts the store (every rank connects
     * as a client) and keys live under storePrefix(). Otherwise rank 0 hosts it. */
    bool agentStore = false;
    int restartCount = 0; ///< TORCHELASTIC_RESTART_COUNT
    /** Seconds a collective may wait for the others before the run fails (DOMAINTUNE_DIST_TIMEOUT,
     * default 300): a process that hangs or vanishes without closing its socket ends the run
     * with a message instead of a hang. */
    int timeoutSeconds = 300;

    bool distributed() const { return worldSize > 1; }
    /** torchelastic's key prefix for this attempt: "/worker/attempt_<restart count>" with the
     * agent's store, empty otherwise. */
    std::string storePrefix() const;
    /** The variables a worker process of this place needs (the torchrun names). */
    std::map<std::string, std::string> variables() const;
};

/**
 * Reads the torchrun variables through @p get (getenv in production). Returns nothing when
 * WORLD_SIZE is unset, i.e. a plain single-process run. Throws domaintune::Error naming the
 * variable when one is missing or malformed (RANK outside 0 … WORLD_SIZE-1, a port that is not
 * a number, ...).
 */
std::optional<DistributedEnv>
parseDistributedEnv(const std::function<const char*(const char*)>& get);

/** DOMAINTUNE_DIST_TIMEOUT through @p get: seconds (1 … 86400), 300 when unset. Throws
 * domaintune::Error naming the variable when malformed. */
int distributedTimeout(const std::function<const char*(const char*)>& get);

/** parseDistributedEnv() on the process environment. */
std::optional<DistributedEnv> distributedEnvFromEnvironment();

} // namespace domaintune
