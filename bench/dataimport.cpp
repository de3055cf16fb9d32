// Corpus import throughput: generates a large CSV (quoted multi-line cells, a latin-1-free
// UTF-8 mix of English and Chinese), then measures
//   1. streamCorpus() with NFKC + full-width + white-space normalisation and a visitor that
//      keeps nothing (the bounded-memory path for files larger than RAM), and
//   2. importCorpus() (keeps every Example in memory),
// reporting MB/s and the peak RSS (getrusage) after each phase.
//
// usage: bench_dataimport [MEGABYTES=200] [FOLDER=/tmp]
// 1024 MB (about 5 M rows) works: streaming stays at the same peak RSS as for 200 MB; only
// importCorpus() grows with the corpus, because it holds the examples.

#include "core/data/corpusimporter.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/resource.h>

using namespace domaintune;

namespace {

long peakRssMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // Linux reports KiB
}

std::size_t generate(const std::string& path, std::size_t bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << "id,text,label\n";
    const char* labels[] = {"positive", "negative", "neutral"};
    std::size_t written = 0, rows = 0;
    while (written < bytes) {
        std::string row =
            std::to_string(rows) + ",\"Quarterly revenue of unit " + std::to_string(rows % 977) +
            " rose, said the \"\"CFO\"\"; \xE8\x90\xA5\xE4\xB8\x9A\xE6\x94\xB6"
            "\xE5\x85\xA5\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x85" +
            (rows % 50 == 0 ? "\nsecond line of the cell" : "") + "\"," + labels[rows % 3] + "\n";
        out << row;
        written += row.size();
        ++rows;
    }
    return rows;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t megabytes = argc > 1 ? std::stoul(argv[1]) : 200;
    const std::string folder = argc > 2 ? argv[2] : "/tmp";
    const std::string path = folder + "/domaintune-bench-import.csv";
    const std::size_t rows = generate(path, megabytes << 20);
    const double mb = static_cast<double>(std::filesystem::file_size(path)) / (1 << 20);
    std::cout << "generated " << path << ": " << mb << " MB, " << rows << " rows; peak RSS "
              << peakRssMegabytes() << " MB\n";

    ImportOptions options;
    options.normalization = {true, true, true};
    std::size_t seen = 0, characters = 0;
    auto start = std::chrono::steady_clock::now();
    const ImportSummary summary = streamCorpus({{path, {}}}, options, [&](Example& example) {
        ++seen;
        characters += example.text.size();
        return true;
    });
    double elapsed = seconds(start);
    std::cout << "stream + normalise: " << seen << " examples, " << summary.report.issueCount()
              << " issues, " << elapsed << " s, " << mb / elapsed << " MB/s; peak RSS "
              << peakRssMegabytes() << " MB\n";

    options.normalization = {};
    start = std::chrono::steady_clock::now();
    const Corpus corpus = importCorpus(path, options);
    elapsed = seconds(start);
    std::cout << "importCorpus (kept in memory, no normalisation): " << corpus.size()
              << " examples, " << elapsed << " s, " << mb / elapsed << " MB/s; peak RSS "
              << peakRssMegabytes() << " MB\n";
    std::filesystem::remove(path);
    return seen == rows && corpus.size() == rows ? 0 : 1;
}
