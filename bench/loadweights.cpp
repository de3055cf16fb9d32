// bench_loadweights: reading a bert-base-sized (110 M parameters, F32) safetensors file.
//
//   build/bench/bench_loadweights [FOLDER]
//
// Writes bert-base-shaped weights (12 layers, hidden 768, vocab 30522, realistic names) into
// FOLDER (default: a fresh folder under $TMPDIR or /tmp, removed afterwards), then times
// SafetensorsFile::open (map + validate) and a pass that touches every tensor's bytes (a
// checksum), first with the file evicted from the page cache ("cold"), then again ("warm").
// Prints one JSON object with wall times and peak RSS (getrusage ru_maxrss). The target: under
// 1 s, and peak RSS near the file size (the tensors point into the mapping; no second copy).
#include "core/common/error.h"
#include "core/model/safetensorsfile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

using Shape = std::vector<std::int64_t>;
using Clock = std::chrono::steady_clock;

std::vector<std::pair<std::string, Shape>> bertBaseTensors()
{
    const std::int64_t hidden = 768, intermediate = 3072, vocab = 30522;
    std::vector<std::pair<std::string, Shape>> tensors = {
        {"bert.embeddings.word_embeddings.weight", {vocab, hidden}},
        {"bert.embeddings.position_embeddings.weight", {512, hidden}},
        {"bert.embeddings.token_type_embeddings.weight", {2, hidden}},
        {"bert.embeddings.LayerNorm.weight", {hidden}},
        {"bert.embeddings.LayerNorm.bias", {hidden}}};
    const std::vector<std::pair<std::string, Shape>> layer = {
        {"attention.self.query.weight", {hidden, hidden}},
        {"attention.self.query.bias", {hidden}},
        {"attention.self.key.weight", {hidden, hidden}},
        {"attention.self.key.bias", {hidden}},
        {"attention.self.value.weight", {hidden, hidden}},
        {"attention.self.value.bias", {hidden}},
        {"attention.output.dense.weight", {hidden, hidden}},
        {"attention.output.dense.bias", {hidden}},
        {"attention.output.LayerNorm.weight", {hidden}},
        {"attention.output.LayerNorm.bias", {hidden}},
        {"intermediate.dense.weight", {intermediate, hidden}},
        {"intermediate.dense.bias", {intermediate}},
        {"output.dense.weight", {hidden, intermediate}},
        {"output.dense.bias", {hidden}},
        {"output.LayerNorm.weight", {hidden}},
        {"output.LayerNorm.bias", {hidden}}};
    for (int i = 0; i < 12; ++i)
        for (const auto& [name, shape] : layer)
            tensors.push_back({"bert.encoder.layer." + std::to_string(i) + "." + name, shape});
    tensors.push_back({"bert.pooler.dense.weight", {hidden, hidden}});
    tensors.push_back({"bert.pooler.dense.bias", {hidden}});
    return tensors;
}

std::int64_t numel(const Shape& shape)
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

/** Streams the file through a 1 MB buffer, so writing it does not raise the peak RSS. */
std::int64_t writeFile(const std::string& path)
{
    nlohmann::json header = {{"__metadata__", {{"format", "pt"}}}};
    std::int64_t offset = 0;
    std::int64_t parameters = 0;
    for (const auto& [name, shape] : bertBaseTensors()) {
        const std::int64_t bytes = numel(shape) * 4;
        header[name] = {
            {"dtype", "F32"}, {"shape", shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        parameters += numel(shape);
    }
    const std::string text = header.dump();
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        throw domaintune::Error(path, 0, "cannot create the benchmark file");
    const std::uint64_t length = text.size();
    std::fwrite(&length, 8, 1, file); // little-endian host
    std::fwrite(text.data(), 1, text.size(), file);
    std::vector<float> chunk(1 << 18);
    std::uint32_t state = 12345;
    for (std::int64_t left = offset / 4; left > 0;) {
        const auto count = static_cast<std::size_t>(std::min<std::int64_t>(left, chunk.size()));
        for (std::size_t i = 0; i < count; ++i) {
            state = state * 1664525u + 1013904223u;
            chunk[i] = static_cast<float>(state >> 8) / 16777216.0f - 0.5f;
        }
        std::fwrite(chunk.data(), 4, count, file);
        left -= static_cast<std::int64_t>(count);
    }
    std::fflush(file);
    ::fdatasync(::fileno(file));
    std::fclose(file);
    return parameters;
}

void evictFromPageCache(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

long peakRssKb()
{
    rusage usage = {};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double milliseconds(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

nlohmann::json timeRead(const std::string& path)
{
    const auto start = Clock::now();
    const auto file = domaintune::SafetensorsFile::open(path);
    const auto opened = Clock::now();
    double sums[4] = {0, 0, 0, 0};
    for (const auto& tensor : file.tensors()) {
        const std::int64_t count = tensor.numel();
        for (std::int64_t i = 0; i < count; ++i) {
            float value = 0;
            std::memcpy(&value, tensor.data + i * 4, 4); // data may be unaligned
            sums[i & 3] += value;
        }
    }
    const auto touched = Clock::now();
    return {{"open_validate_ms", milliseconds(start, opened)},
            {"touch_all_bytes_ms", milliseconds(opened, touched)},
            {"total_ms", milliseconds(start, touched)},
            {"tensors", file.tensors().size()},
            {"checksum", sums[0] + sums[1] + sums[2] + sums[3]}};
}

} // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    try {
        const bool keep = argc > 1;
        const char* tmp = std::getenv("TMPDIR");
        const fs::path folder = keep ? fs::path(argv[1])
                                     : fs::path(tmp ? tmp : "/tmp") /
                                           ("bench_loadweights." + std::to_string(::getpid()));
        fs::create_directories(folder);
        const std::string path = (folder / "model.safetensors").string();
        const std::int64_t parameters = writeFile(path);
        const long baselineKb = peakRssKb();
        evictFromPageCache(path);
        nlohmann::json result = {{"file", path},
                                 {"parameters", parameters},
                                 {"file_bytes", fs::file_size(path)},
                                 {"peak_rss_before_kb", baselineKb}};
        result["cold"] = timeRead(path);
        result["warm"] = timeRead(path);
        const long peakKb = peakRssKb();
        result["peak_rss_kb"] = peakKb;
        result["peak_rss_growth_over_file_size"] =
            double(peakKb - baselineKb) * 1024.0 / double(fs::file_size(path));
        result["target_met"] =
            result["warm"]["total_ms"].get<double>() < 1000.0 &&
            double(peakKb - baselineKb) * 1024.0 < 1.2 * double(fs::file_size(path));
        if (!keep)
            fs::remove_all(folder);
        std::cout << result.dump(2) << std::endl;
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "bench_loadweights: " << error.what() << std::endl;
        return 1;
    }
}
