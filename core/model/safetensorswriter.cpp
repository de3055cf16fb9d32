#include "core/model/safetensorswriter.h"

#include "core/common/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>

namespace domaintune {
namespace {

void writeAll(std::FILE* out, const void* data, std::size_t size, const std::string& path)
{
    if (size > 0 && std::fwrite(data, 1, size, out) != size)
        throw Error(path, 0, std::string("cannot write the weights: ") + std::strerror(errno),
                    "Check the free disk space and the folder's permissions.");
}

std::string headerFor(const std::vector<RawTensor>& tensors,
                      const std::map<std::string, std::string>& metadata, const std::string& path)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::set<std::string> names;
    std::uint64_t offset = 0;
    for (const auto& tensor : tensors) {
        if (!names.insert(tensor.name).second)
            throw Error(path, 0, "two tensors are both named " + tensor.name);
        if (!tensor.isContiguous())
            throw Error(path, 0, "tensor " + tensor.name + " is not contiguous");
        const std::uint64_t bytes = tensor.numel() * dtypeSize(tensor.dtype);
        header[tensor.name] = {{"dtype", dtypeName(tensor.dtype)},
                               {"shape", tensor.shape},
                               {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    // Pad with spaces so that the data section starts 8-byte aligned (allowed by the format).
    text.append((8 - text.size() % 8) % 8, ' ');
    return text;
}

} // namespace

void writeSafetensors(const std::string& path, const std::vector<RawTensor>& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    const std::string header = headerFor(tensors, metadata, path);
    const std::string temporary = path + ".partial";
    std::FILE* out = std::fopen(temporary.c_str(), "wb");
    if (!out)
        throw Error(path, 0, std::string("cannot create the file: ") + std::strerror(errno),
                    "Choose a folder you can write to.");
    try {
        unsigned char length[8];
        std::uint64_t n = header.size();
        for (int i = 0; i < 8; ++i)
            length[i] = static_cast<unsigned char>(n >> (8 * i));
        writeAll(out, length, sizeof length, path);
        writeAll(out, header.data(), header.size(), path);
        for (const auto& tensor : tensors)
            writeAll(out, tensor.data, tensor.numel() * dtypeSize(tensor.dtype), path);
        if (std::fflush(out) != 0 || fsync(fileno(out)) != 0)
            throw Error(path, 0, std::string("cannot write the weights: ") + std::strerror(errno));
    } catch (...) {
        std::fclose(out);
        std::remove(temporary.c_str());
        throw;
    }
    std::fclose(out);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw Error(path, 0, std::string("cannot replace the file: ") + std::strerror(errno));
    }
}

} // namespace domaintune
