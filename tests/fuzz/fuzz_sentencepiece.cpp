// Sentencepiece model files (spiece.model, sentencepiece.bpe.model), loaded through the
// sentencepiece plugin as a model folder's tokenizer is, then encoding a fixed text. The plugin
// itself is built without the sanitizers (a module cannot take their runtime), so its bugs
// show as crashes, hangs or timeouts here, ours as sanitizer reports.
// Run with DOMAINTUNE_PLUGIN_DIR pointing at the build's lib/domaintune (tests/fuzz/run.sh).
#include "core/common/error.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using domaintune::fuzz::writeInput;
    for (const char* name : {"spiece.model", "sentencepiece.bpe.model"}) {
        try {
            const auto tokenizer = domaintune::loadTokenizer(writeInput(data, size, name));
            const auto encoding = tokenizer->encode("The licensee shall pay 12.5% — 中文 café.");
            for (const int id : encoding.ids) // every id it hands out names a token
                tokenizer->idToToken(id);
        } catch (const domaintune::Error&) {
        }
    }
    return 0;
}
