// bench_tokenizers: tokens per second per core for WordPiece (bert-base-uncased), byte-level
// BPE (GPT-2) and SentencePiece on the real corpora in ../shared/data, with SentencePiece
// side by side with Debian's spm_encode on the same text and model.
//
//   build/bench/bench_tokenizers [SHARED_DIR]   (default: $DOMAINTUNE_SHARED_DIR or ../shared)
//
// Prints one JSON object. Timings are the best of several passes after a warm-up pass.
// No <iostream> here: an executable that references std::cout/std::cerr gets copy
// relocations of them, and the RTLD_DEEPBIND sentencepiece plugin then writes to libstdc++'s
// own, never-constructed objects and crashes inside the trainer.
#include "core/text/sentencepiecemodel.h"
#include "core/text/tokenizerfactory.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
using domaintune::Tokenizer;

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// financial-phrasebank.csv is latin-1: every byte is the code point of the same value.
std::string latin1ToUtf8(const std::string& bytes)
{
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            out += c;
        } else {
            out += static_cast<char>(0xC0 | (b >> 6));
            out += static_cast<char>(0x80 | (b & 0x3F));
        }
    }
    return out;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            out.push_back(line);
    return out;
}

double seconds(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Best single-thread pass over all texts: tokens and seconds.
nlohmann::json timeOneCore(const Tokenizer& tokenizer, const std::vector<std::string>& texts)
{
    std::size_t tokens = 0, bytes = 0;
    for (const std::string& text : texts) { // warm-up (fills the BPE cache, page faults)
        tokens += tokenizer.tokenize(text).size();
        bytes += text.size();
    }
    double best = 1e9;
    for (int pass = 0; pass < 3; ++pass) {
        const auto start = Clock::now();
        std::size_t count = 0;
        for (const std::string& text : texts)
            count += tokenizer.tokenize(text).size();
        best = std::min(best, seconds(start));
        if (count != tokens)
            std::fputs("warning: token counts differ between passes\n", stderr);
    }
    domaintune::EncodeOptions options;
    options.addSpecialTokens = false;
    const auto start = Clock::now();
    tokenizer.encodeBatch(texts, options);
    const double batch = seconds(start);
    return {{"texts", texts.size()},
            {"bytes", bytes},
            {"tokens", tokens},
            {"seconds_one_core", best},
            {"tokens_per_second_per_core", tokens / best},
            {"megabytes_per_second_per_core", bytes / best / 1e6},
            {"batch_threads", std::thread::hardware_concurrency()},
            {"batch_encode_tokens_per_second", tokens / batch}};
}

nlohmann::json timeSpmEncode(const std::string& model, const std::string& input, std::size_t tokens)
{
    const std::string command =
        "spm_encode --model=" + model + " --output_format=id < " + input + " > /dev/null";
    double best = 1e9;
    for (int pass = 0; pass < 3; ++pass) {
        const auto start = Clock::now();
        if (std::system(command.c_str()) != 0)
            return {{"error", "spm_encode failed or is not installed (package sentencepiece)"}};
        best = std::min(best, seconds(start));
    }
    return {{"seconds_one_core", best}, {"tokens_per_second_per_core", tokens / best}};
}

nlohmann::json benchSentencePiece(const std::vector<std::string>& texts)
{
    const auto dir =
        std::filesystem::temp_directory_path() / ("bench_tokenizers_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string corpus = (dir / "corpus.txt").string();
    {
        std::ofstream out(corpus, std::ios::binary);
        for (const std::string& text : texts)
            out << text << '\n';
    }
    domaintune::SentencePieceModel::train("--input=" + corpus +
                                          " --model_prefix=" + (dir / "spm").string() +
                                          " --vocab_size=8000 --model_type=unigram "
                                          "--num_threads=2 --minloglevel=2");
    const auto tokenizer = domaintune::loadTokenizer((dir / "spm.model").string());
    nlohmann::json result = timeOneCore(*tokenizer, texts);
    result["spm_encode"] =
        timeSpmEncode((dir / "spm.model").string(), corpus, result["tokens"].get<std::size_t>());
    result["ours_vs_spm_encode"] = result["tokens_per_second_per_core"].get<double>() /
                                   result["spm_encode"].value("tokens_per_second_per_core", 1e-9);
    std::filesystem::remove_all(dir);
    return result;
}

} // namespace

int main(int argc, char** argv)
{
    std::string shared = argc > 1 ? argv[1] : "";
    if (shared.empty())
        shared = std::getenv("DOMAINTUNE_SHARED_DIR") ? std::getenv("DOMAINTUNE_SHARED_DIR")
                                                      : DOMAINTUNE_SOURCE_DIR "/../shared";
    const std::string phrasebank = shared + "/data/finance/financial-phrasebank.csv";
    if (!std::filesystem::exists(phrasebank)) {
        std::fprintf(stderr,
                     "bench_tokenizers: %s not found; pass the shared folder as the first "
                     "argument\n",
                     phrasebank.c_str());
        return 2;
    }
    std::vector<std::string> english = lines(latin1ToUtf8(readBytes(phrasebank)));
    for (std::string& line : lines(readBytes(shared + "/data/legal/cuad-master-clauses.csv")))
        english.push_back(std::move(line));
    try {
        nlohmann::json report;
        report["corpus"] = "financial-phrasebank.csv (latin-1 -> UTF-8) + cuad-master-clauses.csv";
        report["wordpiece"] = timeOneCore(
            *domaintune::loadTokenizer(shared + "/tokenizers/bert-base-uncased"), english);
        report["bpe"] =
            timeOneCore(*domaintune::loadTokenizer(shared + "/tokenizers/gpt2"), english);
        report["sentencepiece"] = benchSentencePiece(english);
        std::printf("%s\n", report.dump(2).c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_tokenizers: %s\n", e.what());
        return 1;
    }
    return 0;
}
