#include "core/train/distributedenv.h"

#include "core/common/error.h"

#include <cerrno>
#include <cstdlib>
#include <limits>

namespace domaintune {
namespace {

/** The integer in variable @p name, within [@p low, @p high]; @p fallback when unset. */
int integerVariable(const std::function<const char*(const char*)>& get, const char* name,
                    std::optional<int> fallback, long low, long high)
{
    const char* text = get(name);
    if (!text || !*text) {
        if (fallback)
            return *fallback;
        throw Error(std::string("The environment variable ") + name +
                    " is not set, but WORLD_SIZE is: this process looks like one of several "
                    "training processes without its place among them. Start the run with "
                    "torchrun or domaintune-cli train --nproc N, which set it.");
    }
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < low || value > high)
        throw Error(std::string("The environment variable ") + name + " is \"" + text +
                    "\"; it must be a whole number from " + std::to_string(low) + " to " +
                    std::to_string(high) + ". Unset it, or set it as torchrun does.");
    return static_cast<int>(value);
}

} // namespace

std::string DistributedEnv::storePrefix() const
{
    return agentStore ? "/worker/attempt_" + std::to_string(restartCount) : std::string();
}

std::map<std::string, std::string> DistributedEnv::variables() const
{
    return {{"RANK", std::to_string(rank)},
            {"LOCAL_RANK", std::to_string(localRank)},
            {"WORLD_SIZE", std::to_string(worldSize)},
            {"LOCAL_WORLD_SIZE", std::to_string(localWorldSize)},
            {"MASTER_ADDR", masterAddr},
            {"MASTER_PORT", std::to_string(masterPort)},
            {"DOMAINTUNE_DIST_TIMEOUT", std::to_string(timeoutSeconds)}};
}

std::optional<DistributedEnv>
parseDistributedEnv(const std::function<const char*(const char*)>& get)
{
    const char* world = get("WORLD_SIZE");
    if (!world || !*world)
        return std::nullopt;
    DistributedEnv env;
    constexpr long most = 1 << 20;
    env.worldSize = integerVariable(get, "WORLD_SIZE", std::nullopt, 1, most);
    env.rank = integerVariable(get, "RANK", std::nullopt, 0, env.worldSize - 1);
    env.localWorldSize = integerVariable(get, "LOCAL_WORLD_SIZE", 1, 1, env.worldSize);
    env.localRank = integerVariable(get, "LOCAL_RANK", 0, 0, env.localWorldSize - 1);
    if (env.worldSize > 1) {
        const char* address = get("MASTER_ADDR");
        if (!address || !*address)
            throw Error("The environment variable MASTER_ADDR is not set: the training processes "
                        "cannot find each other. Set it to the host name or address of the "
                        "machine running rank 0 (torchrun and --nproc set it).");
        env.masterAddr = address;
        env.masterPort = integerVariable(get, "MASTER_PORT", std::nullopt, 1, 65535);
    }
    const char* agent = get("TORCHELASTIC_USE_AGENT_STORE");
    env.agentStore = agent && (std::string(agent) == "True" || std::string(agent) == "true" ||
                               std::string(agent) == "1");
    env.restartCount =
        integerVariable(get, "TORCHELASTIC_RESTART_COUNT", 0, 0, std::numeric_limits<int>::max());
    env.timeoutSeconds = distributedTimeout(get);
    return env;
}

int distributedTimeout(const std::function<const char*(const char*)>& get)
{
    return integerVariable(get, "DOMAINTUNE_DIST_TIMEOUT", 300, 1, 24 * 3600);
}

std::optional<DistributedEnv> distributedEnvFromEnvironment()
{
    return parseDistributedEnv([](const char* name) { return std::getenv(name); });
}

} // namespace domaintune
