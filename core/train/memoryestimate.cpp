#include "core/train/memoryestimate.h"

#include <algorithm>

namespace domaintune {
namespace {

/** Returns how many transformer layers keep activations: those at or above the lowest
 * trainable group (embeddings count as below layer 0). */
std::int64_t layersWithActivations(const MemoryEstimateInput& input)
{
    const auto groups = static_cast<std::int64_t>(input.groupTrains.size());
    for (std::int64_t g = 0; g < groups; ++g) {
        if (!input.groupTrains[static_cast<std::size_t>(g)])
            continue;
        // Group 0 is the embeddings, groups 1..layers the layers, the rest sits on top.
        const std::int64_t firstLayer = std::max<std::int64_t>(g - 1, 0);
        return std::max<std::int64_t>(input.layers - firstLayer, 0);
    }
    return 0;
}

} // namespace

MemoryEstimate estimateTrainingMemory(const MemoryEstimateInput& input)
{
    MemoryEstimate estimate;
    const bool lora = input.adapterParameters > 0;
    for (std::size_t g = 0; g < input.groupParameters.size(); ++g) {
        const std::int64_t count = input.groupParameters[g];
        estimate.totalParameters += count;
        const bool head = g + 1 == input.groupParameters.size();
        if (g < input.groupTrains.size() && input.groupTrains[g] && (!lora || head))
            estimate.trainableParameters += count;
    }
    estimate.totalParameters += input.adapterParameters;
    estimate.trainableParameters += input.adapterParameters;
    estimate.weights = estimate.totalParameters * 4;
    estimate.gradients = estimate.trainableParameters * 4;
    estimate.optimizer = estimate.trainableParameters * 8;

    const double s = static_cast<double>(input.sequenceLength);
    const double b = static_cast<double>(input.batchSize);
    const double h = static_cast<double>(input.hiddenSize);
    const double a = static_cast<double>(input.heads);
    if (h > 0) {
        const double perLayer16 = s * b * h * (34.0 + 5.0 * a * s / h);
        const double scale = static_cast<double>(input.bytesPerValue) / 2.0;
        estimate.activations = static_cast<std::int64_t>(
            perLayer16 * scale *
            static_cast<double>(lora ? input.layers : layersWithActivations(input)));
    }
    return estimate;
}

} // namespace domaintune
