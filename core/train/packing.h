#pragma once

// Core-internal (LibTorch): sequence packing, several short examples in one row.

#include "core/model/modelconfig.h"
#include "core/train/objective.h"

#include <string>

namespace domaintune {

/**
 * Whether batches of @p task for the model @p config describes can be packed; when not, @p why
 * says so in a sentence for the user. Packing needs an encoder that reads ModelBatch's segment
 * and position ids (ModelFamily::Bert: bert, roberta, xlm-roberta, camembert) and a loss that
 * does not look at token positions across examples: classification (one or several labels)
 * and masked-LM.
 */
bool packingSupported(Task task, const ModelConfig& config, std::string* why = nullptr);

/**
 * Packs @p batch (as Objective::makeBatch built it: one example per row, right-padded) into as
 * few rows of @p rowLength tokens (at least the batch's own length) as first-fit-decreasing
 * finds, each example's tokens contiguous,
 * attention kept within each example (ModelBatch::segmentIds), positions counted from each
 * example's start (positionIds) and each example's first token indexed (firstTokens). Labels
 * stay per example (classification) or move with their tokens (masked-LM), so the loss equals
 * the unpacked batch's up to float rounding; masking was drawn before packing, so it is the
 * same too. Returns @p batch unchanged when no two examples fit in one row.
 */
TrainBatch packBatch(const TrainBatch& batch, std::int64_t padId, std::int64_t rowLength = 0);

} // namespace domaintune
