#pragma once

#include "core/data/example.h"
#include "core/train/task.h"

#include <cstdint>
#include <vector>

namespace domaintune {

/**
 * Moves a deterministic @p fraction of @p train (for @p seed) into @p validation: stratified
 * by first label (at least one example of each label stays in training), with each cluster
 * of duplicates (exact, normalised or near, as checkLeakage() finds them) whole on one side
 * (where no cluster of a label fits its share, that label's examples are held out one by one);
 * or, for data of
 * TaskData::QuestionContext, whole contexts at a time so that no passage is seen in both
 * splits (cpgQA asks several questions about each). Pure function; thread-safe.
 */
void holdOutValidation(TaskData data, std::vector<Example>& train, std::vector<Example>& validation,
                       double fraction, std::uint64_t seed);

} // namespace domaintune
