// Tokenizer files: tokenizer.json, vocab.txt (WordPiece), vocab.json + merges.txt (byte-level
// BPE); a loaded tokenizer also encodes a fixed text. The same bytes as a sentencepiece
// character map (the Precompiled normaliser's binary) normalise a fixed text.
#include "core/common/error.h"
#include "core/text/normalizedtext.h"
#include "core/text/precompiledcharsmap.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "fuzzinput.h"

#include <stdexcept>

namespace {

void loadAndEncode(const std::string& path)
{
    try {
        const auto tokenizer = domaintune::loadTokenizer(path);
        tokenizer->encode("The licensee shall pay 12.5% — 中文 café.");
    } catch (const domaintune::Error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using domaintune::fuzz::writeInput;
    loadAndEncode(writeInput(data, size, "tokenizer.json"));
    loadAndEncode(writeInput(data, size, "vocab.txt"));
    // The same bytes as merges beside a minimal vocabulary, and as a vocabulary.
    writeInput(reinterpret_cast<const std::uint8_t*>("{\"a\": 0, \"b\": 1, \"ab\": 2}"), 26,
               "vocab.json");
    loadAndEncode(writeInput(data, size, "merges.txt"));
    try {
        const auto map = domaintune::PrecompiledCharsMap::parse(
            std::string_view(reinterpret_cast<const char*>(data), size));
        map->normalize(
            domaintune::NormalizedText("Ｆｕｌｌ ﬁ ① e\u0301 👨‍👩‍👧 中文 x"));
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
