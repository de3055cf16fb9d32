#pragma once

#include "core/data/example.h"
#include "core/train/feature.h"
#include "core/train/task.h"

#include <string>
#include <vector>

namespace domaintune {

class Tokenizer;

/**
 * Turns Examples into Features for one task: classification texts (and pairs) with their
 * label ids, CoNLL words with tags aligned to each word's first sub-token, and documents cut
 * into max_length blocks for masked or causal language modelling. Const and thread-safe.
 */
class Featurizer
{
public:
    /**
     * @p labels: the label (or tag) names in id order; empty for LM tasks. The tokenizer must
     * outlive the featurizer.
     */
    Featurizer(const Tokenizer& tokenizer, Task task, std::int64_t maxLength,
               std::vector<std::string> labels);

    /** Returns the sorted set of labels (or tags) the examples use, for a classification task. */
    static std::vector<std::string> discoverLabels(Task task, const std::vector<Example>& examples);

    /**
     * Builds the features. Throws domaintune::Error naming the example's file and line for a
     * label outside the label set, or an example without text or tags the task needs.
     */
    FeatureSet build(const std::vector<Example>& examples) const;

private:
    void addClassification(const Example& example, std::int64_t index, FeatureSet& out) const;
    void addTokenClassification(const Example& example, std::int64_t index, FeatureSet& out) const;
    void addQuestionAnswering(const Example& example, std::int64_t index, FeatureSet& out) const;
    void addDocument(const Example& example, std::int64_t index, FeatureSet& out,
                     std::vector<std::int64_t>& pending, std::vector<std::int64_t>& words) const;
    void flushBlocks(FeatureSet& out, std::vector<std::int64_t>& pending,
                     std::vector<std::int64_t>& words, bool final) const;
    std::int64_t labelId(const std::string& label, const Example& example) const;

    const Tokenizer& m_tokenizer;
    Task m_task;
    std::int64_t m_maxLength;
    std::vector<std::string> m_labels;
    std::vector<std::int64_t> m_prefix, m_suffix; ///< Special ids around one sequence.
    std::int64_t m_separator = -1;                ///< Between documents in causal LM blocks.
    /** QA: the special tokens around a question/context pair and their token types. */
    struct Specials
    {
        std::vector<std::int64_t> ids, types;
    };
    Specials m_pairPrefix, m_pairMiddle, m_pairSuffix;
    std::int64_t m_contextType = 0;
};

} // namespace domaintune
