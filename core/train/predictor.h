#pragma once

#include "core/model/pretrainedmodel.h"
#include "core/train/spananswer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace domaintune {

class Tokenizer;

/** What a fine-tuned model says about one text. Plain value type. */
struct Prediction
{
    std::string text;
    std::string label;                ///< Classification: the most probable label.
    std::vector<float> probabilities; ///< Classification: one per Predictor::labels().
    std::vector<std::string> labels;  ///< Multi-label: every label with probability > 0.5.
    std::vector<std::string> words;   ///< Token classification: the words...
    std::vector<std::string> tags;    ///< ...and their tags (from each word's first sub-token).
};

/** A question about a context, for Predictor::answer(). A plain value. */
struct Question
{
    std::string id;
    std::string question;
    std::string context;
    std::string source; ///< File and line, for messages about a bad question (optional).
    std::int64_t line = 0;
};

/**
 * Runs a fine-tuned classification, token-classification or question-answering model folder
 * on raw texts: the try-it panel, `domaintune-cli predict`, and export verification use it.
 * Not thread-safe.
 */
class Predictor
{
public:
    /** Loads model and tokenizer from @p modelDir; throws domaintune::Error as they do. */
    explicit Predictor(const std::string& modelDir, std::int64_t maxLength = 256);
    ~Predictor();

    /**
     * Predicts @p texts in batches of @p batchSize (texts longer than maxLength are cut).
     * Throws domaintune::Error for a question-answering model (use answer()).
     */
    std::vector<Prediction> predict(const std::vector<std::string>& texts,
                                    std::size_t batchSize = 32) const;
    /**
     * Question answering: each question's answer in its context, found in windows of the
     * maximum length as training saw them (run_qa.py's rules; SpanAnswer offsets are bytes of
     * the context). Throws domaintune::Error for a model without a QA head, or for an empty
     * question or context (naming Question::source and line).
     */
    std::vector<QuestionAnswer> answer(const std::vector<Question>& questions,
                                       const SpanAnswerOptions& options = {},
                                       std::size_t batchSize = 16) const;
    const std::vector<std::string>& labels() const;
    HeadKind head() const;
    const PretrainedModel& model() const { return *m_model; }

private:
    void predictBatch(const std::vector<std::string>& texts, std::vector<Prediction>& out) const;

    std::unique_ptr<PretrainedModel> m_model;
    std::unique_ptr<Tokenizer> m_tokenizer;
    std::int64_t m_maxLength;
};

} // namespace domaintune
