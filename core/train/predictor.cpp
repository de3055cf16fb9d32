#include "core/train/predictor.h"

#include "core/common/error.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/featurizer.h"

#include <algorithm>
#include <cmath>

namespace domaintune {
namespace {

std::vector<float> softmax(const float* logits, std::size_t n)
{
    std::vector<float> out(logits, logits + n);
    const float top = *std::max_element(out.begin(), out.end());
    float sum = 0;
    for (auto& value : out)
        sum += (value = std::exp(value - top));
    for (auto& value : out)
        value /= sum;
    return out;
}

std::vector<float> sigmoid(const float* logits, std::size_t n)
{
    std::vector<float> out(logits, logits + n);
    for (auto& value : out)
        value = 1.0f / (1.0f + std::exp(-value));
    return out;
}

} // namespace

Predictor::Predictor(const std::string& modelDir, std::int64_t maxLength)
    : m_model(PretrainedModel::load(modelDir)), m_tokenizer(loadTokenizer(modelDir)),
      m_maxLength(
          std::min(maxLength, m_model->config().maxPositions - m_model->config().positionOffset))
{
    const HeadKind kind = m_model->head();
    if (!classifiesTexts(kind) && kind != HeadKind::TokenClassification &&
        kind != HeadKind::QuestionAnswering)
        throw Error(modelDir, 0,
                    std::string("predictions need a classification or question-answering "
                                "model, but this one has a ") +
                        headKindName(kind) + " head",
                    "Choose the folder of a fine-tuned classification, NER or QA run.");
}

Predictor::~Predictor() = default;

const std::vector<std::string>& Predictor::labels() const
{
    return m_model->config().labels;
}

HeadKind Predictor::head() const
{
    return m_model->head();
}

std::vector<Prediction> Predictor::predict(const std::vector<std::string>& texts,
                                           std::size_t batchSize) const
{
    if (m_model->head() == HeadKind::QuestionAnswering)
        throw Error(m_model->directory(), 0,
                    "this is a question-answering model: it answers questions about a context",
                    "Give it questions with their contexts (question and context columns, or "
                    "SQuAD JSON).");
    std::vector<Prediction> out;
    out.reserve(texts.size());
    for (std::size_t start = 0; start < texts.size();
         start += std::max<std::size_t>(1, batchSize)) {
        const auto end = std::min(texts.size(), start + std::max<std::size_t>(1, batchSize));
        predictBatch(
            std::vector<std::string>(texts.begin() + long(start), texts.begin() + long(end)), out);
    }
    return out;
}

void Predictor::predictBatch(const std::vector<std::string>& texts,
                             std::vector<Prediction>& out) const
{
    EncodeOptions options;
    options.maxLength = static_cast<std::size_t>(m_maxLength);
    options.padding = Padding::Longest;
    const auto encodings = m_tokenizer->encodeBatch(texts, options);
    ForwardInputs inputs;
    for (const auto& encoding : encodings) {
        inputs.inputIds.emplace_back(encoding.ids.begin(), encoding.ids.end());
        inputs.attentionMask.emplace_back(encoding.attentionMask.begin(),
                                          encoding.attentionMask.end());
        inputs.tokenTypeIds.emplace_back(encoding.typeIds.begin(), encoding.typeIds.end());
    }
    const auto logits = m_model->forward(inputs).at("logits");
    const auto& labels = m_model->config().labels;
    const bool multiLabel = m_model->config().problemType == "multi_label_classification";
    const std::size_t n = labels.size();
    for (std::size_t row = 0; row < texts.size(); ++row) {
        Prediction prediction;
        prediction.text = texts[row];
        if (classifiesTexts(m_model->head())) {
            const float* values = logits.values.data() + row * n;
            prediction.probabilities = multiLabel ? sigmoid(values, n) : softmax(values, n);
            const auto best =
                std::max_element(prediction.probabilities.begin(), prediction.probabilities.end()) -
                prediction.probabilities.begin();
            prediction.label = labels[static_cast<std::size_t>(best)];
            for (std::size_t c = 0; multiLabel && c < n; ++c)
                if (prediction.probabilities[c] > 0.5f)
                    prediction.labels.push_back(labels[c]);
        } else {
            const auto& encoding = encodings[row];
            const auto length = static_cast<std::size_t>(logits.shape[1]);
            int previousWord = -1;
            for (std::size_t t = 0; t < encoding.size(); ++t) {
                const int word = encoding.wordIds[t];
                if (encoding.specialTokensMask[t] || word < 0)
                    continue;
                const float* values = logits.values.data() + (row * length + t) * n;
                if (word != previousWord) {
                    prediction.words.push_back(
                        texts[row].substr(encoding.offsets[t].begin,
                                          encoding.offsets[t].end - encoding.offsets[t].begin));
                    prediction.tags.push_back(labels[static_cast<std::size_t>(
                        std::max_element(values, values + n) - values)]);
                } else if (!prediction.words.empty()) { // extend the word to this sub-token
                    const auto begin = encoding.offsets[t].begin;
                    const auto end = encoding.offsets[t].end;
                    auto& text = prediction.words.back();
                    const auto wordBegin = texts[row].find(
                        text, begin >= text.size() + 8 ? begin - text.size() - 8 : 0);
                    if (wordBegin != std::string::npos && end > wordBegin)
                        text = texts[row].substr(wordBegin, end - wordBegin);
                }
                previousWord = word;
            }
        }
        out.push_back(std::move(prediction));
    }
}

std::vector<QuestionAnswer> Predictor::answer(const std::vector<Question>& questions,
                                              const SpanAnswerOptions& options,
                                              std::size_t batchSize) const
{
    if (m_model->head() != HeadKind::QuestionAnswering)
        throw Error(m_model->directory(), 0,
                    std::string("answers need a question-answering model, but this one has a ") +
                        headKindName(m_model->head()) + " head",
                    "Choose the folder of a fine-tuned QA run (train --task qa).");
    std::vector<Example> examples;
    examples.reserve(questions.size());
    for (const Question& question : questions) {
        Example example;
        example.id = question.id;
        example.text = question.question;
        example.textPair = question.context;
        example.source = question.source;
        example.line = question.line;
        examples.push_back(std::move(example));
    }
    const Featurizer featurizer(*m_tokenizer, Task::QuestionAnswering, m_maxLength, {});
    const FeatureSet features = featurizer.build(examples);
    std::vector<std::vector<SpanWindowLogits>> windows(questions.size());
    batchSize = std::max<std::size_t>(1, batchSize);
    for (std::size_t start = 0; start < features.features.size(); start += batchSize) {
        const std::size_t end = std::min(features.features.size(), start + batchSize);
        std::size_t longest = 0;
        for (std::size_t i = start; i < end; ++i)
            longest = std::max(longest, features.features[i].ids.size());
        ForwardInputs inputs;
        for (std::size_t i = start; i < end; ++i) {
            const Feature& feature = features.features[i];
            const std::size_t pad = longest - feature.ids.size();
            auto ids = feature.ids;
            auto types = feature.typeIds;
            std::vector<std::int64_t> mask(feature.ids.size(), 1);
            ids.insert(ids.end(), pad, m_tokenizer->padId());
            types.insert(types.end(), pad, 0);
            mask.insert(mask.end(), pad, 0);
            inputs.inputIds.push_back(std::move(ids));
            inputs.tokenTypeIds.push_back(std::move(types));
            inputs.attentionMask.push_back(std::move(mask));
        }
        const auto outputs = m_model->forward(inputs);
        const FloatArray& starts = outputs.at("start_logits");
        const FloatArray& ends = outputs.at("end_logits");
        for (std::size_t i = start; i < end; ++i) {
            const Feature& feature = features.features[i];
            const float* s = starts.values.data() + (i - start) * longest;
            const float* e = ends.values.data() + (i - start) * longest;
            windows[static_cast<std::size_t>(feature.example)].push_back(
                {&feature, std::vector<float>(s, s + feature.ids.size()),
                 std::vector<float>(e, e + feature.ids.size())});
        }
    }
    std::vector<QuestionAnswer> out;
    out.reserve(questions.size());
    for (std::size_t q = 0; q < questions.size(); ++q)
        out.push_back({questions[q].id, pickSpanAnswer(questions[q].context, windows[q], options)});
    return out;
}

} // namespace domaintune
