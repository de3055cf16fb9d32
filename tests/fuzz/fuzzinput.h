#pragma once

// Shared by the libFuzzer harnesses: most readers take a path, so each input is written to a
// file of this process first (in /dev/shm when there is one: no disk I/O per execution).

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace domaintune::fuzz {

/** Writes @p size bytes at @p data to a file named @p name of this process; returns its path. */
inline std::string writeInput(const std::uint8_t* data, std::size_t size, const std::string& name)
{
    static const std::string folder = [] {
        const std::string base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        const std::string dir = base + "/domaintune-fuzz-" + std::to_string(getpid());
        ::mkdir(dir.c_str(), 0700);
        return dir;
    }();
    const std::string path = folder + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

} // namespace domaintune::fuzz
