#include "core/text/tokenizerjson.h"

#include "core/common/error.h"

namespace domaintune {

std::unique_ptr<Tokenizer> loadTokenizerJson(const std::string& path, const TokenizerConfig&)
{
    throw Error(path, 0, "tokenizer.json is not supported yet");
}

} // namespace domaintune
