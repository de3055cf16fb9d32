#include "core/train/featurizer.h"

#include "core/common/error.h"
#include "core/text/tokenizer.h"

#include <algorithm>
#include <set>

namespace domaintune {
namespace {

Error exampleError(const Example& example, const std::string& what, const std::string& hint = {})
{
    return Error(example.source.empty() ? "data" : example.source, example.line, what, hint);
}

std::string joined(const std::vector<std::string>& words, std::vector<std::size_t>& starts)
{
    std::string text;
    for (const auto& word : words) {
        if (!text.empty())
            text += ' ';
        starts.push_back(text.size());
        text += word;
    }
    return text;
}

} // namespace

Featurizer::Featurizer(const Tokenizer& tokenizer, Task task, std::int64_t maxLength,
                       std::vector<std::string> labels)
    : m_tokenizer(tokenizer), m_task(task), m_maxLength(maxLength), m_labels(std::move(labels))
{
    // The special tokens around one sequence, read off an encoding of a one-letter text.
    const Encoding probe = tokenizer.encode("a");
    std::size_t first = probe.size(), last = 0;
    for (std::size_t i = 0; i < probe.size(); ++i)
        if (!probe.specialTokensMask[i]) {
            first = std::min(first, i);
            last = i;
        }
    for (std::size_t i = 0; i < probe.size(); ++i)
        if (probe.specialTokensMask[i])
            (i < first ? m_prefix : m_suffix).push_back(probe.ids[i]);
    (void)last;
    for (const char* eos : {"<|endoftext|>", "</s>", "[SEP]"})
        if (m_separator < 0)
            m_separator = tokenizer.tokenToId(eos);
    // The pair layout ([CLS] q [SEP] c [SEP], <s> q </s></s> c </s>, ...), read off a probe.
    const Encoding pair = tokenizer.encodePair("a", "b");
    int part = 0; // 0 before the question, 1 between, 2 after the context
    for (std::size_t i = 0; i < pair.size(); ++i) {
        if (pair.sequenceIds[i] == 0) {
            part = 1;
            continue;
        }
        if (pair.sequenceIds[i] == 1) {
            part = 2;
            m_contextType = pair.typeIds[i];
            continue;
        }
        Specials& target = part == 0 ? m_pairPrefix : part == 1 ? m_pairMiddle : m_pairSuffix;
        target.ids.push_back(pair.ids[i]);
        target.types.push_back(pair.typeIds[i]);
    }
}

std::vector<std::string> Featurizer::discoverLabels(Task task, const std::vector<Example>& examples)
{
    const bool tags = taskInfo(task).data == TaskData::TaggedWords;
    std::set<std::string> labels;
    for (const auto& example : examples) {
        const auto& source = tags ? example.tags : example.labels;
        labels.insert(source.begin(), source.end());
    }
    labels.erase("");
    return {labels.begin(), labels.end()};
}

std::int64_t Featurizer::labelId(const std::string& label, const Example& example) const
{
    const auto it = std::find(m_labels.begin(), m_labels.end(), label);
    if (it == m_labels.end())
        throw exampleError(example, "the label \"" + label + "\" is not one the model knows",
                           "Add it to the label set or correct the data.");
    return it - m_labels.begin();
}

FeatureSet Featurizer::build(const std::vector<Example>& examples) const
{
    FeatureSet out;
    out.labels = m_labels;
    std::vector<std::int64_t> pending, words;
    const TaskData data = taskInfo(m_task).data;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const auto index = static_cast<std::int64_t>(i);
        switch (data) {
        case TaskData::LabelledText:
        case TaskData::LabelSets:
            addClassification(examples[i], index, out);
            break;
        case TaskData::TaggedWords:
            addTokenClassification(examples[i], index, out);
            break;
        case TaskData::PlainText:
            addDocument(examples[i], index, out, pending, words);
            break;
        case TaskData::QuestionContext:
            addQuestionAnswering(examples[i], index, out);
            break;
        }
    }
    if (data == TaskData::PlainText)
        flushBlocks(out, pending, words, true);
    for (const auto& feature : out.features)
        out.realTokens += feature.ids.size();
    return out;
}

void Featurizer::addClassification(const Example& example, std::int64_t index,
                                   FeatureSet& out) const
{
    if (example.text.empty())
        throw exampleError(example, "the example has no text");
    EncodeOptions options;
    options.maxLength = static_cast<std::size_t>(m_maxLength);
    const Encoding encoding = example.textPair.empty()
                                  ? m_tokenizer.encode(example.text, options)
                                  : m_tokenizer.encodePair(example.text, example.textPair, options);
    Feature feature;
    feature.ids.assign(encoding.ids.begin(), encoding.ids.end());
    feature.typeIds.assign(encoding.typeIds.begin(), encoding.typeIds.end());
    feature.example = index;
    if (taskInfo(m_task).data == TaskData::LabelSets) {
        feature.targets.assign(m_labels.size(), 0.0f);
        for (const auto& label : example.labels)
            feature.targets[static_cast<std::size_t>(labelId(label, example))] = 1.0f;
    } else {
        if (example.labels.size() != 1)
            throw exampleError(example,
                               "the example has " + std::to_string(example.labels.size()) +
                                   " labels where single-label classification needs one",
                               "Choose the multi-label task, or fix the label column.");
        feature.labels.push_back(labelId(example.labels.front(), example));
    }
    out.truncatedExamples += encoding.truncatedTokens > 0;
    out.features.push_back(std::move(feature));
}

void Featurizer::addTokenClassification(const Example& example, std::int64_t index,
                                        FeatureSet& out) const
{
    if (example.tokens.empty() || example.tokens.size() != example.tags.size())
        throw exampleError(example, "the sentence has " + std::to_string(example.tokens.size()) +
                                        " words but " + std::to_string(example.tags.size()) +
                                        " tags");
    std::vector<std::size_t> starts;
    const std::string text = joined(example.tokens, starts);
    EncodeOptions options;
    options.maxLength = static_cast<std::size_t>(m_maxLength);
    const Encoding encoding = m_tokenizer.encode(text, options);
    Feature feature;
    feature.ids.assign(encoding.ids.begin(), encoding.ids.end());
    feature.typeIds.assign(encoding.typeIds.begin(), encoding.typeIds.end());
    feature.example = index;
    std::int64_t previousWord = -1;
    for (std::size_t t = 0; t < encoding.size(); ++t) {
        if (encoding.specialTokensMask[t]) {
            feature.labels.push_back(kIgnoredLabel);
            continue;
        }
        // The word whose span holds the token's first byte; only its first sub-token learns.
        const auto word = static_cast<std::int64_t>(
            std::upper_bound(starts.begin(), starts.end(), encoding.offsets[t].begin) -
            starts.begin() - 1);
        feature.labels.push_back(
            word == previousWord ? kIgnoredLabel
                                 : labelId(example.tags[static_cast<std::size_t>(word)], example));
        previousWord = word;
    }
    out.truncatedExamples += encoding.truncatedTokens > 0;
    out.features.push_back(std::move(feature));
}

// transformers' run_qa.py preparation: the question whole, the context in windows of the
// length left, overlapping by a stride; the answer's tokens as labels where a window holds the
// whole answer, else the first token (CLS).
void Featurizer::addQuestionAnswering(const Example& example, std::int64_t index,
                                      FeatureSet& out) const
{
    if (example.text.empty() || example.textPair.empty())
        throw exampleError(example, "the question or its context is empty",
                           "Question answering needs a question and a context (SQuAD JSON).");
    EncodeOptions plain;
    plain.addSpecialTokens = false;
    const Encoding question = m_tokenizer.encode(example.text, plain);
    const Encoding context = m_tokenizer.encode(example.textPair, plain);
    const auto fixed = static_cast<std::int64_t>(m_pairPrefix.ids.size() + m_pairMiddle.ids.size() +
                                                 m_pairSuffix.ids.size());
    const std::int64_t questionLength =
        std::min<std::int64_t>(static_cast<std::int64_t>(question.size()), m_maxLength / 2);
    const std::int64_t room = m_maxLength - fixed - questionLength;
    if (room < 8)
        throw exampleError(example, "the question leaves no room for the context",
                           "Raise the maximum length.");
    const std::int64_t stride = std::min<std::int64_t>(128, room / 2); // overlap
    SpanExample span{example.id, example.textPair, {}};
    for (const auto& answer : example.answers)
        span.answers.push_back(answer.text);
    if (static_cast<std::int64_t>(out.spanExamples.size()) <= index)
        out.spanExamples.resize(static_cast<std::size_t>(index) + 1);
    out.spanExamples[static_cast<std::size_t>(index)] = span;
    const std::int64_t answerBegin = example.answers.empty() ? -1 : example.answers.front().start;
    const std::int64_t answerEnd =
        answerBegin < 0
            ? -1
            : answerBegin + static_cast<std::int64_t>(example.answers.front().text.size());
    const auto total = static_cast<std::int64_t>(context.size());
    for (std::int64_t begin = 0;; begin += room - stride) {
        const std::int64_t end = std::min(total, begin + room);
        Feature feature;
        feature.example = index;
        const auto add = [&](std::int64_t id, std::int64_t type, std::int32_t from,
                             std::int32_t to) {
            feature.ids.push_back(id);
            feature.typeIds.push_back(type);
            feature.spanBegin.push_back(from);
            feature.spanEnd.push_back(to);
        };
        for (std::size_t i = 0; i < m_pairPrefix.ids.size(); ++i)
            add(m_pairPrefix.ids[i], m_pairPrefix.types[i], -1, -1);
        for (std::int64_t i = 0; i < questionLength; ++i)
            add(question.ids[static_cast<std::size_t>(i)],
                m_pairPrefix.types.empty() ? 0 : m_pairPrefix.types.front(), -1, -1);
        for (std::size_t i = 0; i < m_pairMiddle.ids.size(); ++i)
            add(m_pairMiddle.ids[i], m_pairMiddle.types[i], -1, -1);
        std::int64_t startLabel = 0, endLabel = 0;
        for (std::int64_t t = begin; t < end; ++t) {
            const auto& offset = context.offsets[static_cast<std::size_t>(t)];
            const auto position = static_cast<std::int64_t>(feature.ids.size());
            if (answerBegin >= 0 && static_cast<std::int64_t>(offset.begin) <= answerBegin &&
                answerBegin < static_cast<std::int64_t>(offset.end))
                startLabel = position;
            if (answerEnd >= 0 && static_cast<std::int64_t>(offset.begin) < answerEnd &&
                answerEnd <= static_cast<std::int64_t>(offset.end))
                endLabel = position;
            add(context.ids[static_cast<std::size_t>(t)], m_contextType,
                static_cast<std::int32_t>(offset.begin), static_cast<std::int32_t>(offset.end));
        }
        for (std::size_t i = 0; i < m_pairSuffix.ids.size(); ++i)
            add(m_pairSuffix.ids[i], m_pairSuffix.types[i], -1, -1);
        if (startLabel == 0 || endLabel == 0 || endLabel < startLabel) // not wholly inside
            startLabel = endLabel = 0;
        feature.labels = {startLabel, endLabel};
        out.features.push_back(std::move(feature));
        if (end >= total)
            break;
    }
    out.truncatedExamples += question.size() > static_cast<std::size_t>(questionLength);
}

void Featurizer::addDocument(const Example& example, std::int64_t index, FeatureSet& out,
                             std::vector<std::int64_t>& pending,
                             std::vector<std::int64_t>& words) const
{
    EncodeOptions options;
    options.addSpecialTokens = false;
    const Encoding encoding = m_tokenizer.encode(example.text, options);
    const std::int64_t wordBase = words.empty() ? 0 : words.back() + 2;
    for (std::size_t t = 0; t < encoding.size(); ++t) {
        pending.push_back(encoding.ids[t]);
        words.push_back(wordBase + std::max(0, encoding.wordIds[t]));
    }
    if (taskInfo(m_task).objective == TaskObjective::CausalLm && m_separator >= 0 &&
        !encoding.ids.empty()) {
        pending.push_back(m_separator);
        words.push_back(-1);
    }
    (void)index;
    flushBlocks(out, pending, words, false);
}

void Featurizer::flushBlocks(FeatureSet& out, std::vector<std::int64_t>& pending,
                             std::vector<std::int64_t>& words, bool final) const
{
    const auto block = std::max<std::int64_t>(
        1, m_maxLength - static_cast<std::int64_t>(m_prefix.size() + m_suffix.size()));
    std::size_t start = 0;
    while (pending.size() - start >= static_cast<std::size_t>(block) ||
           (final && start < pending.size())) {
        const std::size_t end = std::min(pending.size(), start + static_cast<std::size_t>(block));
        Feature feature;
        feature.ids = m_prefix;
        feature.ids.insert(feature.ids.end(), pending.begin() + start, pending.begin() + end);
        feature.ids.insert(feature.ids.end(), m_suffix.begin(), m_suffix.end());
        feature.wordIds.assign(m_prefix.size(), -1);
        feature.wordIds.insert(feature.wordIds.end(), words.begin() + start, words.begin() + end);
        feature.wordIds.insert(feature.wordIds.end(), m_suffix.size(), -1);
        feature.typeIds.assign(feature.ids.size(), 0);
        out.features.push_back(std::move(feature));
        start = end;
    }
    pending.erase(pending.begin(), pending.begin() + start);
    words.erase(words.begin(), words.begin() + start);
}

} // namespace domaintune
