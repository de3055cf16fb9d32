#include "core/text/wordpiecetokenizer.h"

#include "core/text/bertpretokenizer.h"

namespace domaintune {

WordPieceTokenizer::WordPieceTokenizer(WordPieceModel model, BertNormalizerOptions options)
    : m_model(std::move(model)), m_normalizer(options)
{}

void WordPieceTokenizer::tokenizeSegment(std::string_view text, std::size_t offset,
                                         std::vector<Token>& out, int& nextWord) const
{
    const NormalizedText normalized = m_normalizer.normalize(text);
    std::vector<ByteSpan> words;
    words.reserve(normalized.size() / 4 + 1);
    BertPreTokenizer::split(normalized.text(), words);
    const std::string_view all = normalized.text();
    for (const ByteSpan& word : words) {
        const std::size_t first = out.size();
        m_model.tokenizeWord(all.substr(word.begin, word.end - word.begin), word.begin, nextWord++,
                             out);
        for (std::size_t i = first; i < out.size(); ++i) {
            const ByteSpan span = normalized.original(out[i].begin, out[i].end);
            out[i].begin = static_cast<std::uint32_t>(span.begin + offset);
            out[i].end = static_cast<std::uint32_t>(span.end + offset);
        }
    }
}

} // namespace domaintune
