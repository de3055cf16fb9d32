#pragma once

#include <cstdint>
#include <string>

namespace domaintune {

/** Facts about processes used to tell a live run from a dead one. All thread-safe. */
namespace processliveness {

/** Returns this machine's host name (gethostname), or "localhost" when it has none. */
std::string hostName();
/** Returns this process's id. */
std::int64_t currentPid();
/**
 * Returns true when a process with @p pid exists on this host (kill(pid, 0)); a zombie counts as
 * alive until its parent reaps it. Returns false for pid <= 0.
 */
bool isAlive(std::int64_t pid);

} // namespace processliveness
} // namespace domaintune
