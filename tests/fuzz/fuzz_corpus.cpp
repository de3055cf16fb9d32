// Corpus readers: the first byte picks the format (CSV, TSV, JSON, JSONL, CoNLL, SQuAD, plain
// text); the rest is the file. Encoding detection runs on every input. Skipped records are
// reported, never thrown; only Error may leave importCorpus.
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/data/encodingdetector.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace domaintune;
    if (size == 0)
        return 0;
    static const char* const names[] = {"data.csv",   "data.tsv",   "data.json", "data.jsonl",
                                        "data.conll", "squad.json", "data.txt"};
    const char* name = names[data[0] % 7];
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    detectEncoding(bytes.substr(0, 4), bytes);
    ImportOptions options;
    if (data[0] % 7 == 5)
        options.format = CorpusFormat::Squad;
    try {
        importCorpus(fuzz::writeInput(data + 1, size - 1, name), options);
    } catch (const Error&) {
    }
    return 0;
}
