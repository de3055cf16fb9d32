#pragma once

// Core-internal (LibTorch): the processes of one data-parallel run, joined by c10d's Gloo
// process group (the one torch.distributed uses on CPUs).

#include "core/train/distributedenv.h"

#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/**
 * This process's membership in a data-parallel run: a c10d TCPStore for the rendezvous (rank 0
 * hosts it, or torchrun's agent with its "/worker/attempt_N" prefix) and a ProcessGroupGloo
 * with the run's timeout. Every collective is called by all ranks in the same order; a rank
 * that dies or hangs makes the others' next collective fail within the timeout, and the
 * domaintune::Error thrown then says which rank stopped (from the store: a rank that failed
 * with a message leaves it there, one that was killed leaves nothing). Not thread-safe: one
 * training thread uses it.
 */
class RankGroup
{
public:
    /** Joins the group @p env describes; blocks until every rank has joined or the timeout. */
    explicit RankGroup(const DistributedEnv& env);
    ~RankGroup();
    RankGroup(const RankGroup&) = delete;
    RankGroup& operator=(const RankGroup&) = delete;

    int rank() const { return m_env.rank; }
    int size() const { return m_env.worldSize; }
    bool leader() const { return m_env.rank == 0; }
    const DistributedEnv& env() const { return m_env; }

    /** Element-wise sums of @p values over the ranks (in place, returned). */
    std::vector<double> sum(std::vector<double> values);
    /** Element-wise maxima over the ranks: "does any rank say so" for 0/1 flags. */
    std::vector<double> max(std::vector<double> values);
    /** Rank 0's @p values on every rank. */
    std::vector<double> fromLeader(std::vector<double> values);

    /** Overwrites @p tensors (contiguous, CPU) with rank 0's, in place. */
    void broadcast(const std::vector<torch::Tensor>& tensors);
    /** Sums @p tensors over the ranks in place, in buckets of about 25 MB, all launched before
     * the first is waited for (Gloo works on them in its own threads). */
    void sumInPlace(const std::vector<torch::Tensor>& tensors);
    /** Rank 0's @p bytes on every rank. */
    std::string broadcastBytes(const std::string& bytes);
    /** Every rank's @p bytes, in rank order. */
    std::vector<std::string> gatherBytes(const std::string& bytes);
    /** Waits until every rank has come here. */
    void barrier();

    /** Leaves @p message in the store for the others' diagnosis (best effort, never throws). */
    void reportFailure(const std::string& message) noexcept;

private:
    class Impl;
    /** Runs @p work; turns a communication failure into a domaintune::Error that says which
     * rank stopped and what to do. */
    template <typename Work>
    auto guarded(const char* what, Work&& work);
    [[noreturn]] void fail(const char* what, const std::string& cause);

    DistributedEnv m_env;
    std::unique_ptr<Impl> m_impl;
};

} // namespace domaintune
