// RankGroup in a build whose LibTorch has no Gloo headers (a PyTorch wheel's, see
// cmake/DomainTuneDependencies.cmake): such a build trains on one process, and asking for more
// says so instead of failing inside c10d.
#include "core/common/error.h"
#include "core/train/rankgroup.h"

#include <torch/version.h>

namespace domaintune {

class RankGroup::Impl
{};

RankGroup::RankGroup(const DistributedEnv& env) : m_env(env)
{
    fail("join", "");
}

RankGroup::~RankGroup() = default;

void RankGroup::fail(const char*, const std::string&)
{
    throw Error("This DomainTune was built against a LibTorch without Gloo (" TORCH_VERSION
                "), so it trains on one process only. Start the run without --nproc, "
                "--nnodes or torchrun, or use a build against Debian's LibTorch (the default "
                "build), which has Gloo.");
}

void RankGroup::reportFailure(const std::string&) noexcept {}
std::vector<double> RankGroup::sum(std::vector<double>)
{
    fail("sum", "");
}
std::vector<double> RankGroup::max(std::vector<double>)
{
    fail("max", "");
}
std::vector<double> RankGroup::fromLeader(std::vector<double>)
{
    fail("broadcast", "");
}
void RankGroup::broadcast(const std::vector<torch::Tensor>&)
{
    fail("broadcast", "");
}
void RankGroup::sumInPlace(const std::vector<torch::Tensor>&)
{
    fail("sum", "");
}
std::string RankGroup::broadcastBytes(const std::string&)
{
    fail("broadcast", "");
}
std::vector<std::string> RankGroup::gatherBytes(const std::string&)
{
    fail("gather", "");
}
void RankGroup::barrier()
{
    fail("barrier", "");
}

} // namespace domaintune
