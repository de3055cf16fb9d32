#pragma once

#include "core/model/pretrainedmodel.h"

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

/**
 * Runs a fine-tuned classification or token-classification model folder on raw texts: the
 * try-it panel, `domaintune-cli predict`, and export verification use it. Not thread-safe.
 */
class Predictor
{
public:
    /** Loads model and tokenizer from @p modelDir; throws domaintune::Error as they do. */
    explicit Predictor(const std::string& modelDir, std::int64_t maxLength = 256);
    ~Predictor();

    /** Predicts @p texts in batches of @p batchSize (texts longer than maxLength are cut). */
    std::vector<Prediction> predict(const std::vector<std::string>& texts,
                                    std::size_t batchSize = 32) const;
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
