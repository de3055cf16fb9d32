#include "core/text/tokendecoder.h"

#include "core/text/bytelevel.h"
#include "core/text/unicodeutil.h"

namespace domaintune {
namespace {

const std::string kMetaspace = "\xE2\x96\x81"; // ▁

// The bytes a byte-level token stands for, or false when it is not one.
bool byteLevelBytes(const std::string& token, std::string& out)
{
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < token.size(); pos += std::max<std::size_t>(length, 1)) {
        const int byte = bytelevel::byteOf(unicode::decode(token, pos, length));
        if (byte < 0)
            return false;
        out.push_back(static_cast<char>(byte));
    }
    return true;
}

} // namespace

std::string decodeTokens(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids)
{
    std::vector<std::string> tokens;
    for (const auto id : ids)
        if (id >= 0 && id < tokenizer.vocabSize())
            tokens.push_back(tokenizer.idToToken(static_cast<int>(id)));
    std::string bytes;
    bool byteLevel = true;
    for (const auto& token : tokens)
        if (!byteLevelBytes(token, bytes)) {
            byteLevel = false;
            break;
        }
    std::string text;
    if (byteLevel) {
        text = bytes;
    } else {
        bool sentencePiece = false;
        for (const auto& token : tokens)
            sentencePiece = sentencePiece || token.find(kMetaspace) != std::string::npos;
        for (const auto& token : tokens) {
            if (sentencePiece) {
                text += token;
            } else if (token.rfind("##", 0) == 0) {
                text += token.substr(2);
            } else {
                if (!text.empty())
                    text += ' ';
                text += token;
            }
        }
        if (sentencePiece) {
            for (std::size_t at = text.find(kMetaspace); at != std::string::npos;
                 at = text.find(kMetaspace, at + 1))
                text.replace(at, kMetaspace.size(), " ");
            if (!text.empty() && text.front() == ' ')
                text.erase(0, 1);
        }
    }
    return unicode::isValid(text) ? text : unicode::sanitize(text).text;
}

} // namespace domaintune
