#include "core/export/huggingfaceexport.h"

#include "core/common/error.h"
#include "core/common/filewriter.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace domaintune {
namespace {

/** Two rows of 16 deterministic token ids, the second half padded. */
ForwardInputs sampleInputs(const ModelConfig& config)
{
    const std::int64_t length =
        std::min<std::int64_t>(16, config.maxPositions - config.positionOffset);
    ForwardInputs inputs;
    std::uint64_t state = 12345;
    for (int row = 0; row < 2; ++row) {
        std::vector<std::int64_t> ids, mask;
        for (std::int64_t t = 0; t < length; ++t) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            ids.push_back(
                static_cast<std::int64_t>((state >> 33) % std::uint64_t(config.vocabSize)));
            mask.push_back(row == 1 && t >= length / 2 ? 0 : 1);
        }
        inputs.inputIds.push_back(ids);
        inputs.attentionMask.push_back(mask);
    }
    return inputs;
}

namespace fs = std::filesystem;

/**
 * Refuses to replace @p target when it holds files that are not an earlier export (no
 * config.json, model.pt or torchscript.json): the export replaces the folder as a whole.
 */
void checkReplaceable(const fs::path& target)
{
    std::error_code error;
    if (!fs::exists(target, error))
        return;
    if (!fs::is_directory(target, error))
        throw Error(target.string(), 0, "exists and is not a folder",
                    "Choose a new or empty folder for the export.");
    if (fs::is_empty(target, error))
        return;
    for (const char* marker : {"config.json", "model.pt", "torchscript.json"})
        if (fs::exists(target / marker, error))
            return;
    throw Error(target.string(), 0,
                "holds files that are not a model export, and an export replaces its folder "
                "as a whole",
                "Choose a new or empty folder, so that nothing of yours is replaced.");
}

double largestMagnitude(const std::map<std::string, FloatArray>& outputs)
{
    double largest = 0;
    for (const auto& [name, array] : outputs)
        for (float value : array.values)
            largest = std::max(largest, double(std::abs(value)));
    return largest;
}

} // namespace

ExportVerification verifyExport(const PretrainedModel& original, const std::string& folder,
                                DType weights)
{
    ExportVerification result;
    const bool base = original.head() == HeadKind::Base;
    const auto inputs = sampleInputs(original.config());
    const auto expected = original.forward(inputs, base);
    // Half precision keeps about 3 (bf16) or 4 (f16) significant digits of every weight.
    const double relative = weights == DType::BF16 ? 5e-2 : weights == DType::F16 ? 1e-2 : 0.0;
    result.tolerance = relative * std::max(1.0, largestMagnitude(expected));
    try {
        const auto reloaded = PretrainedModel::load(folder);
        // Every weight, not only those the sample inputs touch, must come back as written.
        if (reloaded->weightsDigest(weights) != original.weightsDigest(weights)) {
            result.message = "the reloaded weights differ from the model's (digest mismatch)";
            return result;
        }
        const auto actual = reloaded->forward(inputs, base);
        for (const auto& [name, array] : expected) {
            const auto it = actual.find(name);
            if (it == actual.end() || it->second.shape != array.shape) {
                result.message = "the reloaded model does not produce " + name;
                return result;
            }
            for (std::size_t i = 0; i < array.values.size(); ++i)
                result.maxAbsDifference =
                    std::max(result.maxAbsDifference,
                             double(std::abs(array.values[i] - it->second.values[i])));
        }
    } catch (const std::exception& e) {
        result.message = std::string("the export does not load: ") + e.what();
        return result;
    }
    result.passed =
        std::isfinite(result.maxAbsDifference) && result.maxAbsDifference <= result.tolerance;
    result.message = result.passed ? "the reloaded export reproduces the model's outputs"
                                   : "the reloaded export's outputs differ by " +
                                         std::to_string(result.maxAbsDifference) +
                                         " (allowed: " + std::to_string(result.tolerance) + ")";
    return result;
}

ExportVerification mergeLoraVerified(PretrainedModel& model)
{
    ExportVerification result;
    const bool base = model.head() == HeadKind::Base;
    const auto inputs = sampleInputs(model.config());
    const auto adapted = model.forward(inputs, base);
    model.mergeLora();
    const auto merged = model.forward(inputs, base);
    result.tolerance = 1e-4 * std::max(1.0, largestMagnitude(adapted));
    for (const auto& [name, array] : adapted) {
        const auto& other = merged.at(name);
        for (std::size_t i = 0; i < array.values.size(); ++i)
            result.maxAbsDifference = std::max(result.maxAbsDifference,
                                               double(std::abs(array.values[i] - other.values[i])));
    }
    result.passed =
        std::isfinite(result.maxAbsDifference) && result.maxAbsDifference <= result.tolerance;
    result.message = result.passed ? "the merged weights reproduce the adapter's outputs"
                                   : "merging the LoRA adapters changed the outputs by " +
                                         std::to_string(result.maxAbsDifference);
    return result;
}

ExportVerification exportHuggingFace(const PretrainedModel& model, const std::string& output,
                                     DType weights, const ModelCardFacts* card)
{
    // Written in full beside the target, then renamed into place as a whole.
    const fs::path target = fs::absolute(output).lexically_normal();
    checkReplaceable(target);
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    const fs::path staging = target.parent_path() / ("." + target.filename().string() + ".partial");
    fs::remove_all(staging, error);
    try {
        model.save(staging.string(), weights);
        if (card) {
            ModelCardFacts facts = *card;
            facts.weightsDtype = weights == DType::F16    ? "float16"
                                 : weights == DType::BF16 ? "bfloat16"
                                                          : "float32";
            std::ofstream readme(staging / "README.md");
            readme << modelCard(facts);
            if (!readme.flush())
                throw Error(output + "/README.md", 0, "cannot write the model card",
                            "Check the free disk space.");
        }
        replaceFolder(
            staging.string(), target.string(),
            (target.parent_path() / ("." + target.filename().string() + ".old")).string());
    } catch (...) {
        fs::remove_all(staging, error); // nothing half-written stays behind
        throw;
    }
    return verifyExport(model, output, weights);
}

} // namespace domaintune
