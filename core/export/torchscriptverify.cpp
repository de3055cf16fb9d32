// verifyTorchScriptExport(): the archive's checksum, its weights, then its outputs.
#include "core/common/error.h"
#include "core/export/torchscriptexport.h"
#include "core/model/taskmodel.h"
#include "core/store/sha256.h"

#include <torch/script.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

torch::Tensor toTensor(const std::vector<std::vector<std::int64_t>>& rows)
{
    const auto length = static_cast<std::int64_t>(rows.front().size());
    auto tensor = torch::empty({static_cast<std::int64_t>(rows.size()), length}, torch::kLong);
    for (std::size_t r = 0; r < rows.size(); ++r)
        std::copy(rows[r].begin(), rows[r].end(), tensor[std::int64_t(r)].data_ptr<std::int64_t>());
    return tensor;
}

/** Returns the first line of a LibTorch message, short enough for a status line. */
std::string firstLine(const std::string& message)
{
    const auto start = std::min(message.find_first_not_of(" \n"), message.size());
    std::string line = message.substr(start, message.find('\n', start) - start);
    return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

/** An error message when torchscript.json beside @p file records another SHA-256, else "". */
std::string checksumProblem(const std::string& file)
{
    const fs::path sidecar = fs::path(file).parent_path() / "torchscript.json";
    std::ifstream in(sidecar);
    if (!in)
        return {};
    const auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object() || !json.contains("sha256") ||
        json.value("file", "") != fs::path(file).filename().string())
        return {};
    if (Sha256::hexOfFile(file) == json.value("sha256", ""))
        return {};
    return "the file's SHA-256 differs from the one torchscript.json recorded at export: the "
           "file is corrupted or was altered";
}

/** An error message when a weight of @p loaded differs from @p original's, else "". */
std::string weightsProblem(const torch::jit::Module& loaded, const PretrainedModel& original,
                           DType weights)
{
    const auto scalar = weights == DType::F16    ? torch::kHalf
                        : weights == DType::BF16 ? torch::kBFloat16
                                                 : torch::kFloat;
    std::map<std::string, torch::Tensor> exported;
    for (const auto& item : loaded.named_parameters())
        exported.emplace(item.name, item.value);
    for (const auto& item : original.module().named_parameters()) {
        const auto found = exported.find(item.key());
        if (found == exported.end())
            return "the export lacks the weight " + item.key();
        const auto expected = item.value().detach().to(torch::kCPU, scalar).contiguous();
        const auto actual = found->second.contiguous();
        // Bytes, not values: NaN weights compare equal to themselves too.
        if (actual.scalar_type() != scalar || actual.sizes() != expected.sizes() ||
            std::memcmp(actual.data_ptr(), expected.data_ptr(), expected.nbytes()) != 0)
            return "the weight " + item.key() +
                   " differs from the model's: the file is corrupted or was altered";
    }
    return {};
}

/** Compares one output; updates the largest difference and the argmax tallies. */
void compare(const FloatArray& expected, const torch::Tensor& actual,
             const std::vector<std::vector<std::int64_t>>& mask, TorchScriptVerification& result,
             std::int64_t& agreeing, std::int64_t& predictions)
{
    const auto values = actual.to(torch::kFloat).contiguous();
    const float* data = values.data_ptr<float>();
    for (std::size_t i = 0; i < expected.values.size(); ++i) {
        const double difference = std::abs(double(expected.values[i]) - double(data[i]));
        // NaN must fail the check, so it is not left to std::max.
        result.maxAbsDifference = std::isnan(difference) || difference > result.maxAbsDifference
                                      ? difference
                                      : result.maxAbsDifference;
    }
    const auto classes = expected.shape.back();
    const bool perToken = expected.shape.size() == 3;
    for (std::size_t row = 0; row * classes < expected.values.size(); ++row) {
        const std::size_t batch = perToken ? row / std::size_t(expected.shape[1]) : row;
        const std::size_t token = perToken ? row % std::size_t(expected.shape[1]) : 0;
        if (perToken && !mask.empty() && mask[batch][token] == 0)
            continue; // padding positions predict nothing
        const float* a = expected.values.data() + row * classes;
        const float* b = data + row * classes;
        agreeing += std::max_element(a, a + classes) - a == std::max_element(b, b + classes) - b;
        ++predictions;
    }
}

double largestMagnitude(const std::map<std::string, FloatArray>& outputs)
{
    double largest = 0;
    for (const auto& [name, array] : outputs)
        for (float value : array.values)
            largest = std::max(largest, double(std::abs(value)));
    return largest;
}

/** Runs @p loaded on @p samples and compares with @p expected; "" when it ran. */
std::string compareOutputs(torch::jit::Module& loaded, const ExportSamples& samples,
                           const std::map<std::string, FloatArray>& expected, bool qa,
                           TorchScriptVerification& result)
{
    torch::NoGradGuard noGrad;
    const auto& inputs = samples.inputs;
    const auto ids = toTensor(inputs.inputIds);
    std::vector<torch::jit::IValue> arguments = {
        ids, inputs.attentionMask.empty() ? torch::ones_like(ids) : toTensor(inputs.attentionMask)};
    if (!inputs.tokenTypeIds.empty())
        arguments.emplace_back(toTensor(inputs.tokenTypeIds));
    const auto output = loaded.forward(arguments);
    std::vector<torch::Tensor> tensors;
    if (output.isTensor())
        tensors.push_back(output.toTensor());
    else if (output.isTuple())
        for (const auto& element : output.toTupleRef().elements())
            if (element.isTensor())
                tensors.push_back(element.toTensor());
    const std::vector<std::string> names =
        qa                         ? std::vector<std::string>{"start_logits", "end_logits"}
        : expected.count("logits") ? std::vector<std::string>{"logits"}
                                   : std::vector<std::string>{"last_hidden_state"};
    if (tensors.size() != names.size())
        return "the reloaded module returns " + std::to_string(tensors.size()) +
               " tensors instead of " + std::to_string(names.size());
    std::int64_t agreeing = 0, predictions = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const FloatArray& want = expected.at(names[i]);
        if (tensors[i].sizes().vec() != want.shape)
            return "the reloaded module's " + names[i] + " has shape " +
                   c10::str(tensors[i].sizes()) + " instead of " + c10::str(want.shape);
        compare(want, tensors[i], inputs.attentionMask, result, agreeing, predictions);
    }
    result.argmaxAgreement = predictions > 0 ? double(agreeing) / double(predictions) : 1.0;
    return {};
}

} // namespace

TorchScriptVerification verifyTorchScriptExport(const PretrainedModel& original,
                                                const std::string& file, DType weights,
                                                const ExportSamples* samples)
{
    TorchScriptVerification result;
    const ExportSamples ownSamples =
        samples ? ExportSamples() : exportSamples(original.config(), original.directory());
    const ExportSamples& used = samples ? *samples : ownSamples;
    if (used.inputs.inputIds.empty() || used.inputs.inputIds.front().empty()) {
        result.message = "no sample inputs to compare the export on";
        return result;
    }
    result.inputs = used.origin;
    result.sampleShape = {std::int64_t(used.inputs.inputIds.size()),
                          std::int64_t(used.inputs.inputIds.front().size())};
    const bool qa = original.head() == HeadKind::QuestionAnswering;
    const auto expected = original.forward(used.inputs, original.head() == HeadKind::Base);
    const double relative = weights == DType::BF16 ? 5e-2 : weights == DType::F16 ? 1e-2 : 1e-5;
    result.tolerance = relative * std::max(1.0, largestMagnitude(expected));

    std::error_code error;
    if (!fs::is_regular_file(file, error)) {
        result.message = "the export " + file + " does not exist";
        return result;
    }
    result.message = checksumProblem(file);
    if (!result.message.empty())
        return result;
    torch::jit::Module loaded;
    const char* stage = "the export does not load: ";
    try {
        loaded = torch::jit::load(file, torch::kCPU);
        result.message = weightsProblem(loaded, original, weights);
        stage = "the reloaded module fails on the sample inputs: ";
        if (result.message.empty())
            result.message = compareOutputs(loaded, used, expected, qa, result);
    } catch (const c10::Error& e) {
        result.message = stage + firstLine(e.what_without_backtrace());
    } catch (const std::exception& e) {
        result.message = stage + firstLine(e.what());
    }
    if (!result.message.empty())
        return result;
    result.passed =
        std::isfinite(result.maxAbsDifference) && result.maxAbsDifference <= result.tolerance;
    result.message = result.passed
                         ? "the reloaded TorchScript module reproduces the model's outputs"
                         : "the reloaded TorchScript module's outputs differ by " +
                               std::to_string(result.maxAbsDifference) +
                               " (allowed: " + std::to_string(result.tolerance) + ")";
    return result;
}

} // namespace domaintune
