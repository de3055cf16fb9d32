#include "core/text/tokenizer.h"

#include "core/text/unicodeutil.h"

#include <algorithm>
#include <exception>
#include <thread>

namespace domaintune {
namespace {

// Removes tokens from the end so that first + second fit @p budget; returns how many went.
std::size_t truncate(std::vector<Token>& first, std::vector<Token>* second, std::size_t budget,
                     Truncation strategy)
{
    const std::size_t secondSize = second ? second->size() : 0;
    const std::size_t total = first.size() + secondSize;
    if (strategy == Truncation::None || total <= budget)
        return 0;
    const std::size_t excess = total - budget;
    if (strategy == Truncation::OnlyFirst || (strategy == Truncation::OnlySecond && !second)) {
        if (first.size() < excess)
            return 0; // cannot fit by cutting the first alone: leave it as it is, like HF
        first.resize(first.size() - excess);
        return excess;
    }
    if (strategy == Truncation::OnlySecond) {
        if (second->size() < excess)
            return 0;
        second->resize(second->size() - excess);
        return excess;
    }
    for (std::size_t i = 0; i < excess; ++i) {
        if (!second || first.size() > second->size())
            first.pop_back();
        else
            second->pop_back();
    }
    return excess;
}

template <typename Input, typename Encode>
std::vector<Encoding> runBatch(const std::vector<Input>& inputs, const EncodeOptions& options,
                               const Encode& encodeOne, const Tokenizer& tokenizer)
{
    std::vector<Encoding> results(inputs.size());
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(inputs.size())));
    std::vector<std::exception_ptr> errors(threads);
    const auto work = [&](unsigned worker) {
        try {
            for (std::size_t i = worker; i < inputs.size(); i += threads)
                results[i] = encodeOne(inputs[i]);
        } catch (...) {
            errors[worker] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned worker = 1; worker < threads; ++worker)
        pool.emplace_back(work, worker);
    if (!inputs.empty())
        work(0);
    for (std::thread& thread : pool)
        thread.join();
    for (const std::exception_ptr& error : errors)
        if (error)
            std::rethrow_exception(error);
    std::size_t length = options.padding == Padding::MaxLength ? options.maxLength : 0;
    if (options.padding == Padding::Longest)
        for (const Encoding& encoding : results)
            length = std::max(length, encoding.size());
    for (Encoding& encoding : results)
        encoding.padTo(length, tokenizer.padId(), tokenizer.padToken());
    return results;
}

} // namespace

Tokenizer::~Tokenizer() = default;

void Tokenizer::setPadToken(std::string token, int id)
{
    m_padToken = std::move(token);
    m_padId = id;
}

std::vector<Token> Tokenizer::tokenizeValid(std::string_view text) const
{
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 4 + 4);
    int nextWord = 0;
    for (const AddedTokens::Segment& segment : m_added.split(text)) {
        if (segment.index < 0) {
            tokenizeSegment(text.substr(segment.begin, segment.end - segment.begin), segment.begin,
                            tokens, nextWord);
            continue;
        }
        const AddedToken& added = m_added.tokens()[static_cast<std::size_t>(segment.index)];
        const ByteSpan span =
            addedTokenSpan(text.substr(segment.begin, segment.end - segment.begin),
                           {segment.begin, segment.end}, tokens.empty() || segment.begin == 0);
        tokens.push_back({added.id, static_cast<std::uint32_t>(span.begin),
                          static_cast<std::uint32_t>(span.end), nextWord++, added.special});
    }
    return tokens;
}

std::vector<Token> Tokenizer::tokenize(std::string_view text, std::size_t* invalidSequences) const
{
    if (invalidSequences)
        *invalidSequences = 0;
    if (unicode::isValid(text))
        return tokenizeValid(text);
    const unicode::SanitizedText clean = unicode::sanitize(text);
    if (invalidSequences)
        *invalidSequences = clean.invalidSequences;
    std::vector<Token> tokens = tokenizeValid(clean.text);
    for (Token& token : tokens) {
        token.begin = clean.original[token.begin];
        token.end = clean.original[token.end];
    }
    return tokens;
}

void Tokenizer::appendSequence(Encoding& out, const std::vector<Token>& tokens, int sequence,
                               int typeId) const
{
    for (const Token& token : tokens)
        out.push(token.id, idToToken(token.id), {token.begin, token.end}, token.wordId, sequence,
                 typeId, token.special);
}

Encoding Tokenizer::encodeTokens(std::vector<Token> first, std::vector<Token>* second,
                                 const EncodeOptions& options) const
{
    Encoding out;
    const bool pair = second != nullptr;
    const std::size_t specials = options.addSpecialTokens ? m_template.specialCount(pair) : 0;
    if (options.maxLength > 0)
        out.truncatedTokens =
            truncate(first, second, options.maxLength > specials ? options.maxLength - specials : 0,
                     options.truncation);
    const std::size_t total = first.size() + (pair ? second->size() : 0) + specials;
    out.ids.reserve(total);
    out.tokens.reserve(total);
    const TokenTemplate plain;
    const TokenTemplate& layout = options.addSpecialTokens ? m_template : plain;
    for (const TemplatePiece& piece : pair ? layout.pair() : layout.single()) {
        if (piece.kind == TemplatePiece::Kind::Special)
            out.push(piece.id, piece.token, {}, -1, -1, piece.typeId, true);
        else if (piece.kind == TemplatePiece::Kind::First)
            appendSequence(out, first, 0, piece.typeId);
        else if (pair)
            appendSequence(out, *second, 1, piece.typeId);
    }
    if (options.padding == Padding::MaxLength)
        out.padTo(options.maxLength, m_padId, m_padToken);
    return out;
}

Encoding Tokenizer::encode(std::string_view text, const EncodeOptions& options) const
{
    if (options.maxLength > 0 && text.size() > kHugeTextBytes)
        return encodeHugePrefix(text, options);
    std::size_t invalid = 0;
    Encoding out = encodeTokens(tokenize(text, &invalid), nullptr, options);
    out.invalidUtf8 = invalid;
    return out;
}

namespace {

// Where the chunk of a huge text that begins at @p start ends: about 64 KiB on, moved forward to
// the next white space (the pre-tokenizers split there, so chunks tokenize as the whole text
// does). Only the next chunk's worth is searched, so a line without white space stays linear;
// there the cut is at least never inside a UTF-8 sequence.
std::size_t hugeChunkEnd(std::string_view text, std::size_t start)
{
    constexpr std::size_t kChunkBytes = 64 * 1024;
    std::size_t end = std::min(text.size(), start + kChunkBytes);
    if (end < text.size()) {
        const std::size_t space = text.substr(end, kChunkBytes).find_first_of(" \t\n\r");
        if (space != std::string_view::npos)
            end += space;
        else
            while (end > start + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
                --end;
    }
    return end;
}

} // namespace

Tokenizer::TokenCount Tokenizer::count(std::string_view text, int unknownId) const
{
    TokenCount out;
    const auto add = [&](std::string_view part) {
        std::size_t invalid = 0;
        for (const Token& token : tokenize(part, &invalid)) {
            ++out.tokens;
            out.special += token.special ? 1 : 0;
            out.unknown += !token.special && token.id == unknownId ? 1 : 0;
        }
        out.invalidUtf8 += invalid;
    };
    if (text.size() <= kHugeTextBytes) {
        add(text);
        return out;
    }
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = hugeChunkEnd(text, start);
        add(text.substr(start, end - start));
        start = end;
    }
    return out;
}

// A huge text that is truncated anyway (a 97 MB single line took 6-7 GB to tokenize whole):
// tokenize it from the start in chunks cut before white space, and stop once past maxLength.
// Memory stays bounded whatever the text's size. The pre-tokenizers split at white space, so
// the tokens are those of tokenizing the whole text.
Encoding Tokenizer::encodeHugePrefix(std::string_view text, const EncodeOptions& options) const
{
    std::vector<Token> tokens;
    std::size_t invalid = 0;
    int wordBase = 0;
    for (std::size_t start = 0; start < text.size() && tokens.size() <= options.maxLength;) {
        const std::size_t end = hugeChunkEnd(text, start);
        std::size_t chunkInvalid = 0;
        std::vector<Token> part = tokenize(text.substr(start, end - start), &chunkInvalid);
        invalid += chunkInvalid;
        int lastWord = -1;
        for (Token& token : part) {
            token.begin += static_cast<std::uint32_t>(start);
            token.end += static_cast<std::uint32_t>(start);
            if (token.wordId >= 0) {
                token.wordId += wordBase;
                lastWord = std::max(lastWord, token.wordId);
            }
            tokens.push_back(token);
        }
        if (lastWord >= 0)
            wordBase = lastWord + 1;
        start = end;
    }
    Encoding out = encodeTokens(std::move(tokens), nullptr, options);
    out.invalidUtf8 = invalid;
    return out;
}

Encoding Tokenizer::encodePair(std::string_view first, std::string_view second,
                               const EncodeOptions& options) const
{
    std::size_t invalidFirst = 0, invalidSecond = 0;
    std::vector<Token> secondTokens = tokenize(second, &invalidSecond);
    Encoding out = encodeTokens(tokenize(first, &invalidFirst), &secondTokens, options);
    out.invalidUtf8 = invalidFirst + invalidSecond;
    return out;
}

std::vector<Encoding> Tokenizer::encodeBatch(const std::vector<std::string>& texts,
                                             const EncodeOptions& options) const
{
    EncodeOptions single = options;
    single.padding = options.padding == Padding::MaxLength ? Padding::MaxLength : Padding::None;
    return runBatch(
        texts, options, [&](const std::string& text) { return encode(text, single); }, *this);
}

std::vector<Encoding>
Tokenizer::encodePairBatch(const std::vector<std::pair<std::string, std::string>>& pairs,
                           const EncodeOptions& options) const
{
    EncodeOptions single = options;
    single.padding = options.padding == Padding::MaxLength ? Padding::MaxLength : Padding::None;
    return runBatch(
        pairs, options,
        [&](const std::pair<std::string, std::string>& p) {
            return encodePair(p.first, p.second, single);
        },
        *this);
}

} // namespace domaintune
