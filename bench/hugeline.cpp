// Peak memory of encoding one huge single-line text, truncated (as training and prediction
// encode) or whole (as the old path did before truncating). Run each mode in its own process so
// that the peak (getrusage's ru_maxrss) is that mode's alone:
//   build/bench/bench_hugeline TOKENIZER_DIR MEGABYTES chunked|whole
// Prints {"mode", "megabytes", "tokens", "peak_mb", "seconds"}.
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <sys/resource.h>

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: bench_hugeline TOKENIZER_DIR MEGABYTES chunked|whole\n");
        return 2;
    }
    const auto tokenizer = domaintune::loadTokenizer(argv[1]);
    const std::size_t bytes = std::size_t(std::atof(argv[2]) * 1024 * 1024);
    const bool whole = std::string(argv[3]) == "whole";
    const char* words[] = {"profit", "rose", "the", "bank", "market", "shares", "fell", "quarter"};
    std::mt19937 random(7);
    std::string text;
    text.reserve(bytes + 16);
    while (text.size() < bytes)
        text += std::string(words[random() % 8]) + ' ';
    domaintune::EncodeOptions options;
    options.maxLength = 128;
    const auto start = std::chrono::steady_clock::now();
    std::size_t tokens = 0;
    if (whole) // tokenize everything, then keep 128, as encode() did for every text
        tokens = tokenizer->tokenize(text).size();
    else
        tokens = tokenizer->encode(text, options).size();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("{\"mode\": \"%s\", \"megabytes\": %s, \"tokens\": %zu, \"peak_mb\": %.0f, "
                "\"seconds\": %.2f}\n",
                argv[3], argv[2], tokens, double(usage.ru_maxrss) / 1024.0, seconds);
    return 0;
}
