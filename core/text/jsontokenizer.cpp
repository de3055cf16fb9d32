#include "core/text/jsontokenizer.h"

#include "core/text/bytelevel.h"
#include "core/text/textpipeline.h"
#include "core/text/unicodeutil.h"

#include <cstdio>

namespace domaintune {

JsonTokenizer::JsonTokenizer(std::vector<NormalizerStep> normalizers,
                             std::vector<PreTokenizerStep> preTokenizers, JsonModel model)
    : m_normalizers(std::move(normalizers)), m_preTokenizers(std::move(preTokenizers)),
      m_model(std::move(model))
{
    for (const PreTokenizerStep& step : m_preTokenizers)
        m_byteLevel = m_byteLevel || step.kind == PreTokenizerStep::Kind::ByteLevel;
    if (m_model.bpe)
        for (int b = 0; b < 256; ++b)
            m_byteIds[b] = m_model.bpe->vocabulary().id(
                m_byteLevel ? bytelevel::charOf(static_cast<unsigned char>(b))
                            : std::string(1, static_cast<char>(b)));
}

int JsonTokenizer::vocabSize() const
{
    if (m_model.wordPiece)
        return m_model.wordPiece->vocabulary().size();
    if (m_model.bpe)
        return m_model.bpe->vocabulary().size();
    return m_model.unigram->size();
}

int JsonTokenizer::tokenToId(std::string_view token) const
{
    if (m_model.wordPiece)
        return m_model.wordPiece->vocabulary().id(token);
    if (m_model.bpe)
        return m_model.bpe->vocabulary().id(token);
    return m_model.unigram->id(token);
}

const std::string& JsonTokenizer::idToToken(int id) const
{
    if (m_model.wordPiece)
        return m_model.wordPiece->vocabulary().token(id);
    if (m_model.bpe)
        return m_model.bpe->vocabulary().token(id);
    return m_model.unigram->piece(id);
}

NormalizedText JsonTokenizer::normalize(std::string_view text) const
{
    NormalizedText normalized(text);
    for (const NormalizerStep& step : m_normalizers)
        normalized = pipeline::normalize(normalized, step);
    return normalized;
}

std::vector<ByteSpan> JsonTokenizer::preTokenize(NormalizedText& text) const
{
    std::vector<ByteSpan> words;
    if (!text.empty())
        words.push_back({0, text.size()});
    for (const PreTokenizerStep& step : m_preTokenizers)
        pipeline::preTokenize(text, words, step);
    return words;
}

void JsonTokenizer::runBpe(std::string_view word, std::size_t offset, int wordId,
                           std::vector<Token>& out) const
{
    const Vocabulary& vocabulary = m_model.bpe->vocabulary();
    std::vector<BpeModel::Symbol> symbols;
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < word.size(); pos += length) {
        const auto at = static_cast<std::uint32_t>(pos);
        if (m_byteLevel) {
            length = 1;
            symbols.push_back({m_byteIds[static_cast<unsigned char>(word[pos])], at, at + 1});
            continue;
        }
        unicode::decode(word, pos, length);
        const int id = vocabulary.id(word.substr(pos, length));
        if (id >= 0) {
            symbols.push_back({id, at, static_cast<std::uint32_t>(pos + length)});
        } else if (m_model.byteFallback) {
            for (std::size_t i = pos; i < pos + length; ++i) {
                char name[8];
                std::snprintf(name, sizeof name, "<0x%02X>", static_cast<unsigned char>(word[i]));
                symbols.push_back({vocabulary.id(name), static_cast<std::uint32_t>(i),
                                   static_cast<std::uint32_t>(i + 1)});
            }
        } else if (m_model.unkId >= 0) {
            symbols.push_back({m_model.unkId, at, static_cast<std::uint32_t>(pos + length)});
        }
    }
    if (!(m_model.ignoreMerges && vocabulary.contains(word)))
        m_model.bpe->merge(symbols);
    else
        symbols = {{vocabulary.id(word), 0, static_cast<std::uint32_t>(word.size())}};
    for (const BpeModel::Symbol& symbol : symbols)
        if (symbol.id >= 0)
            out.push_back({symbol.id, static_cast<std::uint32_t>(offset + symbol.begin),
                           static_cast<std::uint32_t>(offset + symbol.end), wordId, false});
}

void JsonTokenizer::runModel(std::string_view word, std::size_t offset, int wordId,
                             std::vector<Token>& out) const
{
    if (m_model.wordPiece)
        m_model.wordPiece->tokenizeWord(word, offset, wordId, out);
    else if (m_model.bpe)
        runBpe(word, offset, wordId, out);
    else
        m_model.unigram->tokenizeWord(word, offset, wordId, out);
}

void JsonTokenizer::tokenizeSegment(std::string_view text, std::size_t offset,
                                    std::vector<Token>& out, int& nextWord) const
{
    NormalizedText normalized = normalize(text);
    const std::vector<ByteSpan> words = preTokenize(normalized);
    const std::string_view all = normalized.text();
    for (const ByteSpan& word : words) {
        if (word.end <= word.begin)
            continue;
        const std::size_t first = out.size();
        runModel(all.substr(word.begin, word.end - word.begin), word.begin, nextWord++, out);
        for (std::size_t i = first; i < out.size(); ++i) {
            ByteSpan span = normalized.original(out[i].begin, out[i].end);
            if (span.end < span.begin)
                span.end = span.begin;
            span = {span.begin + offset, span.end + offset};
            if (m_trimOffsets)
                span = bytelevel::trimOffsets(idToToken(out[i].id), span, i == 0 || span.begin == 0,
                                              m_trimPrefixSpace);
            out[i].begin = static_cast<std::uint32_t>(span.begin);
            out[i].end = static_cast<std::uint32_t>(span.end);
        }
    }
}

ByteSpan JsonTokenizer::addedTokenSpan(std::string_view matched, ByteSpan span, bool first) const
{
    return m_trimOffsets ? bytelevel::trimOffsets(matched, span, first, m_trimPrefixSpace) : span;
}

} // namespace domaintune
