#include "core/text/bytelevelbpetokenizer.h"

#include "core/common/error.h"
#include "core/text/bytelevel.h"
#include "core/text/gpt2pretokenizer.h"

#include <mutex>

namespace domaintune {
namespace {

constexpr std::size_t kCacheCapacity = 200000;
constexpr std::size_t kLongestCachedWord = 64;

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

ByteLevelBpeTokenizer::ByteLevelBpeTokenizer(BpeModel model, ByteLevelOptions options,
                                             const std::string& source)
    : m_model(std::move(model)), m_options(options)
{
    for (int b = 0; b < 256; ++b) {
        m_byteIds[b] = m_model.vocabulary().id(bytelevel::charOf(static_cast<unsigned char>(b)));
        if (m_byteIds[b] < 0)
            throw Error(source, 0,
                        "the vocabulary has no token for byte " + std::to_string(b) + " ('" +
                            bytelevel::charOf(static_cast<unsigned char>(b)) + "')",
                        "A byte-level BPE vocabulary holds all 256 byte characters; use the "
                        "model's own vocab.json.");
    }
}

void ByteLevelBpeTokenizer::tokenizeWord(std::string_view word, std::vector<Piece>& pieces) const
{
    const bool cacheable = word.size() <= kLongestCachedWord;
    if (cacheable) {
        std::shared_lock lock(m_cacheMutex);
        const auto it = m_cache.find(std::string(word));
        if (it != m_cache.end()) {
            pieces = it->second;
            return;
        }
    }
    std::vector<BpeModel::Symbol> symbols(word.size());
    for (std::size_t i = 0; i < word.size(); ++i)
        symbols[i] = {m_byteIds[static_cast<unsigned char>(word[i])], static_cast<std::uint32_t>(i),
                      static_cast<std::uint32_t>(i + 1)};
    m_model.merge(symbols);
    pieces.clear();
    for (const BpeModel::Symbol& symbol : symbols)
        pieces.push_back({symbol.id, symbol.begin, symbol.end});
    if (cacheable) {
        std::unique_lock lock(m_cacheMutex);
        if (m_cache.size() < kCacheCapacity)
            m_cache.emplace(std::string(word), pieces);
    }
}

void ByteLevelBpeTokenizer::tokenizeSegment(std::string_view text, std::size_t offset,
                                            std::vector<Token>& out, int& nextWord) const
{
    std::string prefixed;
    std::size_t shift = 0;
    if (m_options.addPrefixSpace && !text.empty() && text[0] != ' ') {
        prefixed = " " + std::string(text);
        text = prefixed;
        shift = 1;
    }
    std::vector<ByteSpan> words;
    words.reserve(text.size() / 4 + 1);
    Gpt2PreTokenizer::split(text, words);
    std::vector<Piece> pieces;
    for (const ByteSpan& word : words) {
        tokenizeWord(text.substr(word.begin, word.end - word.begin), pieces);
        const int wordId = nextWord++;
        for (const Piece& piece : pieces) {
            std::size_t begin = word.begin + piece.begin, end = word.begin + piece.end;
            while (begin > 0 && isContinuationByte(text[begin]))
                --begin;
            while (end < text.size() && isContinuationByte(text[end]))
                ++end;
            begin = begin >= shift ? begin - shift : 0;
            end = end >= shift ? end - shift : 0;
            ByteSpan span{begin + offset, end + offset};
            if (m_options.trimOffsets)
                span = bytelevel::trimOffsets(m_model.vocabulary().token(piece.id), span,
                                              out.empty() || span.begin == 0,
                                              m_options.addPrefixSpace);
            out.push_back({piece.id, static_cast<std::uint32_t>(span.begin),
                           static_cast<std::uint32_t>(span.end), wordId, false});
        }
    }
}

ByteSpan ByteLevelBpeTokenizer::addedTokenSpan(std::string_view matched, ByteSpan span,
                                               bool first) const
{
    return m_options.trimOffsets
               ? bytelevel::trimOffsets(matched, span, first, m_options.addPrefixSpace)
               : span;
}

} // namespace domaintune
