#include "core/train/rankgroup.h"

#include "core/common/error.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace domaintune {
namespace {

constexpr std::int64_t kBucketBytes = 25 << 20; // torch DDP's default bucket_cap_mb

std::string firstLine(std::string text)
{
    text = text.substr(0, text.find('\n'));
    return text.size() > 300 ? text.substr(0, 300) + "…" : text;
}

bool isLoopback(const std::string& host)
{
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

std::string failureKey(int rank)
{
    return "domaintune/failed/" + std::to_string(rank);
}

} // namespace

class RankGroup::Impl
{
public:
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

RankGroup::RankGroup(const DistributedEnv& env) : m_env(env), m_impl(std::make_unique<Impl>())
{
    const auto timeout = std::chrono::milliseconds(std::int64_t(env.timeoutSeconds) * 1000);
    const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
    try {
        c10d::TCPStoreOptions options;
        options.port = static_cast<std::uint16_t>(env.masterPort);
        options.isServer = env.rank == 0 && !env.agentStore;
        if (!env.agentStore) // as torch.distributed's env:// rendezvous: every rank says so
            options.numWorkers = static_cast<std::size_t>(env.worldSize);
        // Every rank of our own store checks in (the server waits for all); torchrun's agent
        // keeps its store's count itself.
        options.waitWorkers = !env.agentStore;
        options.timeout = timeout;
        c10::intrusive_ptr<c10d::Store> store =
            c10::make_intrusive<c10d::TCPStore>(env.masterAddr, options);
        if (env.agentStore)
            store = c10::make_intrusive<c10d::PrefixStore>(env.storePrefix(), store);
        m_impl->store = store;
        auto groupOptions = c10d::ProcessGroupGloo::Options::create(timeout);
        // Gloo needs the interface its peers reach this process on.
        if (const char* name = std::getenv("GLOO_SOCKET_IFNAME"); name && *name)
            groupOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(name));
        else if (isLoopback(env.masterAddr))
            groupOptions->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            groupOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        m_impl->group = c10::make_intrusive<c10d::ProcessGroupGloo>(
            c10::make_intrusive<c10d::PrefixStore>("domaintune/gloo", m_impl->store), env.rank,
            env.worldSize, groupOptions);
    } catch (const std::exception& e) {
        throw Error("Process " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                    " could not join the others at " + where + " within " +
                    std::to_string(env.timeoutSeconds) + " s (" + firstLine(e.what()) +
                    "). If another process stopped before joining, its output says why (a run "
                    "started from the window keeps it in the run's processes/ folder). Otherwise "
                    "check that every process was started with the same MASTER_ADDR, "
                    "MASTER_PORT and WORLD_SIZE, that the port is free on the machine of rank 0 "
                    "and open between the machines, and set GLOO_SOCKET_IFNAME to the network "
                    "interface to use when the machines have several.");
    }
}

RankGroup::~RankGroup() = default;

void RankGroup::fail(const char* what, const std::string& cause)
{
    // The others may be leaving their reasons in the store right now.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    std::string failed, silent;
    bool storeGone = false;
    try {
        for (int rank = 0; rank < m_env.worldSize; ++rank) {
            if (rank == m_env.rank)
                continue;
            const std::string key = failureKey(rank);
            if (m_impl->store->check({key})) {
                const auto bytes = m_impl->store->get(key);
                const std::string message(bytes.begin(), bytes.end());
                if (message.rfind("lost contact", 0) != 0)
                    failed += (failed.empty() ? "" : "; ") +
                              ("process " + std::to_string(rank) + " failed: " + message);
            } else {
                silent += (silent.empty() ? "" : ", ") + std::to_string(rank);
            }
        }
    } catch (const std::exception&) {
        storeGone = true;
    }
    std::string who;
    if (!failed.empty())
        who = failed;
    else if (storeGone)
        who = m_env.agentStore ? "the torchrun agent's store is gone"
                               : "process 0, which coordinates the run, stopped";
    else if (!silent.empty())
        who = "process " + silent + " of " + std::to_string(m_env.worldSize) +
              " stopped without a word (killed, crashed or out of memory: see its output)";
    else
        who = "another process stopped answering";
    const std::string message =
        std::string("lost contact with the other training processes while ") + what + ": " + who +
        ". The run cannot go on without all " + std::to_string(m_env.worldSize) +
        " processes; resume it from its last checkpoint with the same number of processes "
        "(--resume). [" +
        firstLine(cause) + "]";
    reportFailure(message);
    throw Error("Training " + message);
}

template <typename Work>
auto RankGroup::guarded(const char* what, Work&& work)
{
    try {
        return work();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        fail(what, e.what());
    }
}

void RankGroup::reportFailure(const std::string& message) noexcept
{
    try {
        m_impl->store->set(failureKey(m_env.rank),
                           std::vector<std::uint8_t>(message.begin(), message.end()));
    } catch (...) {
    }
}

namespace {

std::vector<double> reduced(c10d::ProcessGroupGloo& group, std::vector<double> values,
                            c10d::ReduceOp op)
{
    if (values.empty())
        return values;
    auto tensor = torch::tensor(values, torch::kDouble);
    std::vector<at::Tensor> tensors{tensor};
    c10d::AllreduceOptions options;
    options.reduceOp = op;
    group.allreduce(tensors, options)->wait();
    const double* data = tensor.data_ptr<double>();
    return std::vector<double>(data, data + values.size());
}

} // namespace

std::vector<double> RankGroup::sum(std::vector<double> values)
{
    return guarded("summing a step's numbers",
                   [&] { return reduced(*m_impl->group, std::move(values), c10d::ReduceOp::SUM); });
}

std::vector<double> RankGroup::max(std::vector<double> values)
{
    return guarded("agreeing on the next step",
                   [&] { return reduced(*m_impl->group, std::move(values), c10d::ReduceOp::MAX); });
}

std::vector<double> RankGroup::fromLeader(std::vector<double> values)
{
    if (values.empty())
        return values;
    auto tensor = torch::tensor(values, torch::kDouble);
    broadcast({tensor});
    const double* data = tensor.data_ptr<double>();
    return std::vector<double>(data, data + values.size());
}

void RankGroup::broadcast(const std::vector<torch::Tensor>& tensors)
{
    guarded("sharing the weights of process 0", [&] {
        for (const auto& tensor : tensors) {
            std::vector<at::Tensor> one{tensor};
            m_impl->group->broadcast(one)->wait();
        }
    });
}

void RankGroup::sumInPlace(const std::vector<torch::Tensor>& tensors)
{
    guarded("summing the gradients", [&] {
        // Buckets of same-typed tensors, flattened, all in flight before the first wait.
        struct Bucket
        {
            std::vector<torch::Tensor> members;
            std::vector<at::Tensor> flat;
            c10::intrusive_ptr<c10d::Work> work;
        };
        std::vector<Bucket> buckets;
        std::int64_t bytes = 0;
        for (const auto& tensor : tensors) {
            const std::int64_t size = tensor.numel() * std::int64_t(tensor.element_size());
            if (buckets.empty() || bytes + size > kBucketBytes ||
                buckets.back().members.front().scalar_type() != tensor.scalar_type()) {
                buckets.emplace_back();
                bytes = 0;
            }
            buckets.back().members.push_back(tensor);
            bytes += size;
        }
        for (auto& bucket : buckets) {
            std::vector<torch::Tensor> pieces;
            for (const auto& member : bucket.members)
                pieces.push_back(member.reshape({-1}));
            bucket.flat = {torch::cat(pieces)};
            bucket.work = m_impl->group->allreduce(bucket.flat);
        }
        for (auto& bucket : buckets) {
            bucket.work->wait();
            std::int64_t offset = 0;
            for (auto& member : bucket.members) {
                member.copy_(bucket.flat[0].narrow(0, offset, member.numel()).view_as(member));
                offset += member.numel();
            }
        }
    });
}

std::string RankGroup::broadcastBytes(const std::string& bytes)
{
    const auto size = static_cast<std::int64_t>(fromLeader({double(bytes.size())}).front());
    auto tensor = torch::zeros({std::max<std::int64_t>(1, size)}, torch::kUInt8);
    if (leader() && size > 0)
        std::memcpy(tensor.data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
    broadcast({tensor});
    return std::string(reinterpret_cast<const char*>(tensor.data_ptr<std::uint8_t>()),
                       static_cast<std::size_t>(size));
}

std::vector<std::string> RankGroup::gatherBytes(const std::string& bytes)
{
    return guarded("collecting the evaluation", [&] {
        const auto sizes = reduced(
            *m_impl->group,
            [&] {
                std::vector<double> mine(std::size_t(size()), 0.0);
                mine[std::size_t(rank())] = double(bytes.size());
                return mine;
            }(),
            c10d::ReduceOp::SUM);
        const auto longest = std::max<std::int64_t>(
            1, static_cast<std::int64_t>(*std::max_element(sizes.begin(), sizes.end())));
        auto input = torch::zeros({longest}, torch::kUInt8);
        std::memcpy(input.data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
        std::vector<std::vector<at::Tensor>> outputs(1);
        for (int r = 0; r < size(); ++r)
            outputs[0].push_back(torch::empty({longest}, torch::kUInt8));
        std::vector<at::Tensor> inputs{input};
        m_impl->group->allgather(outputs, inputs)->wait();
        std::vector<std::string> all;
        for (int r = 0; r < size(); ++r)
            all.emplace_back(
                reinterpret_cast<const char*>(outputs[0][std::size_t(r)].data_ptr<std::uint8_t>()),
                static_cast<std::size_t>(sizes[std::size_t(r)]));
        return all;
    });
}

void RankGroup::barrier()
{
    guarded("waiting for the other processes", [&] { m_impl->group->barrier()->wait(); });
}

} // namespace domaintune
