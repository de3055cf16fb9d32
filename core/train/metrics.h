#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** Precision, recall, F1 and support of one class (or entity type). */
struct ClassMetrics
{
    std::string label;
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    std::int64_t support = 0; ///< True instances of the class.
};

/** Averages of precision, recall and F1. */
struct AveragedMetrics
{
    double precision = 0;
    double recall = 0;
    double f1 = 0;
};

/**
 * Classification metrics with scikit-learn's semantics (precision_recall_fscore_support with
 * zero_division=0, over every label given, in label order). Plain value type.
 */
struct ClassificationReport
{
    double accuracy = 0; ///< Single-label: share correct. Multi-label: exact-match share.
    AveragedMetrics macro, micro, weighted;
    std::vector<ClassMetrics> perClass;
    /** confusion[true][predicted] counts (single-label only; empty for multi-label). */
    std::vector<std::vector<std::int64_t>> confusion;
};

/** Entity-level metrics with seqeval's default (conlleval) chunking. Plain value type. */
struct EntityReport
{
    AveragedMetrics micro, macro, weighted;
    std::vector<ClassMetrics> perType; ///< Sorted by type name.
};

/**
 * Computes single-label metrics. @p truth and @p predicted hold class indices into @p labels.
 * Throws domaintune::Error for different lengths or an index outside the labels. Pure.
 */
ClassificationReport classificationReport(const std::vector<std::int64_t>& truth,
                                          const std::vector<std::int64_t>& predicted,
                                          const std::vector<std::string>& labels);

/**
 * Computes multi-label metrics from 0/1 indicator rows (one column per label), as
 * scikit-learn does for indicator matrices; accuracy is the exact-match ratio. Pure.
 */
ClassificationReport multiLabelReport(const std::vector<std::vector<std::uint8_t>>& truth,
                                      const std::vector<std::vector<std::uint8_t>>& predicted,
                                      const std::vector<std::string>& labels);

/** One entity: its type and its token span [begin, end] (inclusive, as seqeval reports). */
struct Entity
{
    std::string type;
    std::int64_t begin = 0;
    std::int64_t end = 0;
    bool operator<(const Entity& other) const;
    bool operator==(const Entity& other) const;
};

/**
 * Extracts entities from IOB1/IOB2/IOBES/IO tags ("B-PER", "I-PER", "E-PER", "S-PER", "O")
 * with seqeval's default chunking rules. Sentences are joined as seqeval joins them. Pure.
 */
std::vector<Entity> extractEntities(const std::vector<std::vector<std::string>>& sentences);

/** Computes entity-level precision/recall/F1 (seqeval's classification_report semantics). */
EntityReport entityReport(const std::vector<std::vector<std::string>>& truth,
                          const std::vector<std::vector<std::string>>& predicted);

} // namespace domaintune
