#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace domaintune {

struct QuestionAnswer;

/** What predictFile() reads, with which model, and where it writes. A plain value. */
struct BatchPredictionRequest
{
    std::string modelDir; ///< A fine-tuned classification or token-classification folder.
    std::string input;    ///< Any corpus file the importer reads.
    std::string output;   ///< .csv, or .jsonl/.json for JSON lines.
    std::string textColumn;
    std::string encoding;
    std::int64_t maxLength = 256;
    /** Question answering: may answer "no answer" (SQuAD v2) when the null score beats the
     *  best span's by more than nullThreshold. */
    bool allowNoAnswer = false;
    double nullThreshold = 0.0;
    std::size_t batchSize = 32;
    /** Called after each batch with the texts done and the total; on the calling thread. */
    std::function<void(std::size_t done, std::size_t total)> progress;
    const std::atomic_bool* cancel = nullptr; ///< Polled once per batch.
};

/** What predictFile() wrote. A plain value. */
struct BatchPredictionResult
{
    std::size_t rows = 0;
    std::string output;
    std::vector<std::string> labels;
    bool cancelled = false; ///< Stopped early; nothing was written.
};

/**
 * Predicts every text of @p request.input with the model and writes one row per text: CSV
 * (text, label, p_LABEL... or text, tags as word/TAG) or JSON lines (text, label,
 * probabilities, labels; words and tags). A question-answering model reads questions with
 * their contexts (SQuAD JSON, or question and context columns) and writes one row per
 * question: id, prediction_text, score (run_qa.py's probability), start and end (character
 * offsets of the answer in the context, -1 without one), plus the question in CSV. The file is
 * written under a temporary name and renamed, so a failure or a cancel leaves no half-written
 * output. Throws domaintune::Error for unreadable input, a model that cannot predict, or an
 * unwritable output. Slow: call on a worker thread in a GUI.
 */
BatchPredictionResult predictFile(const BatchPredictionRequest& request);

/**
 * Writes question-answering predictions as JSON lines, one per question: {"id",
 * "prediction_text", "score", "start", "end"} (character offsets in the context, -1 without an
 * answer) — what `predict` and `eval --predictions` write.
 */
void writeAnswersJsonl(std::ostream& out, const std::vector<QuestionAnswer>& answers);

} // namespace domaintune
