#include "core/model/weightloader.h"

#include "core/common/error.h"

#include <cstring>
#include <map>
#include <set>

namespace domaintune {
namespace {

torch::ScalarType scalarType(DType dtype)
{
    switch (dtype) {
    case DType::F64:
        return torch::kDouble;
    case DType::F32:
        return torch::kFloat;
    case DType::F16:
        return torch::kHalf;
    case DType::BF16:
        return torch::kBFloat16;
    case DType::I64:
        return torch::kLong;
    case DType::I32:
        return torch::kInt;
    case DType::I16:
        return torch::kShort;
    case DType::I8:
        return torch::kChar;
    case DType::U8:
        return torch::kByte;
    case DType::Bool:
        return torch::kBool;
    }
    return torch::kFloat;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/** TF-era checkpoints call LayerNorm's weight and bias gamma and beta. */
std::string modernName(const std::string& name)
{
    if (endsWith(name, ".gamma"))
        return name.substr(0, name.size() - 6) + ".weight";
    if (endsWith(name, ".beta"))
        return name.substr(0, name.size() - 5) + ".bias";
    return name;
}

bool isRecomputedBuffer(const std::string& name)
{
    return endsWith(name, "position_ids") || endsWith(name, ".attn.bias") ||
           endsWith(name, ".attn.masked_bias") || endsWith(name, "masked_bias");
}

bool isFloating(DType dtype)
{
    return dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16 ||
           dtype == DType::F64;
}

/** Plans which parameter each checkpoint tensor goes to, before anything is written. */
struct Plan
{
    struct Copy
    {
        torch::Tensor parameter, source;
        const RawTensor* raw;
    };
    std::vector<Copy> copies;
    std::set<std::string> assigned;
};

} // namespace

torch::Tensor rawToTensor(const RawTensor& raw, const std::string& file)
{
    const auto extent = checkedExtent(raw.shape, raw.strides, 0, file, raw.name);
    const auto size = dtypeSize(raw.dtype);
    if (extent * size > raw.storageBytes)
        throw Error(file, 0,
                    "tensor " + raw.name + " needs " + std::to_string(extent * size) +
                        " bytes but its storage holds " + std::to_string(raw.storageBytes),
                    "The file is truncated or corrupt; download it again.");
    const auto options = torch::TensorOptions().dtype(scalarType(raw.dtype));
    auto owner = raw.owner;
    void* data = const_cast<std::byte*>(raw.data);
    if (reinterpret_cast<std::uintptr_t>(data) % size == 0)
        return torch::from_blob(
            data, raw.shape, raw.strides, [owner](void*) {}, options);
    // safetensors offsets need not be aligned: copy the reachable bytes to aligned memory.
    auto aligned = torch::empty({static_cast<std::int64_t>(extent)}, options);
    std::memcpy(aligned.data_ptr(), data, extent * size);
    return aligned.as_strided(raw.shape, raw.strides);
}

LoadReport loadWeights(TaskModelImpl& model, const Checkpoint& checkpoint,
                       const WeightLoadOptions& options)
{
    const std::string file = checkpoint.files.empty() ? "checkpoint" : checkpoint.files.front();
    const std::string prefix = model.backbonePrefix() + ".";
    std::map<std::string, torch::Tensor> parameters;
    for (const auto& item : model.named_parameters())
        parameters[item.key()] = item.value();
    // Where each checkpoint tensor goes: legacy names modernised, the backbone prefix added
    // when the checkpoint lacks it, aliases (tied copies) sent to their primary weight unless
    // the checkpoint holds the primary itself.
    const auto targetOf = [&](const std::string& name) {
        return !parameters.count(name) && parameters.count(prefix + name) ? prefix + name : name;
    };
    std::set<std::string> provided;
    for (const auto& raw : checkpoint.tensors)
        provided.insert(targetOf(modernName(raw.name)));
    std::map<std::string, std::string> aliases;
    for (const auto& alias : model.aliases())
        aliases[alias.alias] = alias.primary;

    LoadReport report;
    report.files = checkpoint.files;
    report.format = checkpoint.format;
    report.notes = checkpoint.notes;
    Plan plan;
    bool renamed = false;
    for (const auto& raw : checkpoint.tensors) {
        const std::string name = modernName(raw.name);
        renamed = renamed || name != raw.name;
        std::string target = targetOf(name);
        if (const auto alias = aliases.find(target); alias != aliases.end()) {
            if (provided.count(alias->second))
                continue; // a stored copy of a weight the checkpoint also holds
            target = alias->second;
        }
        const auto it = parameters.find(target);
        if (it == parameters.end() || plan.assigned.count(target)) {
            (isRecomputedBuffer(name) ? report.ignoredBuffers : report.unused).push_back(raw.name);
            continue;
        }
        const auto& param = it->second;
        if (param.sizes().vec() != raw.shape) {
            const bool isHead = target.rfind(prefix, 0) != 0;
            const std::string what = "tensor " + raw.name + " has shape " + shapeText(raw.shape) +
                                     " but the model expects " + shapeText(param.sizes().vec());
            if (!(isHead && options.allowHeadResize))
                throw Error(file, 0, what,
                            isHead ? "The checkpoint's head was trained for other labels; "
                                     "start a new head for your labels."
                                   : "The weights do not belong to this config.json.");
            report.notes.push_back("Head resized: " + what + "; it starts freshly initialised.");
            continue;
        }
        if (!isFloating(raw.dtype))
            throw Error(file, 0,
                        "tensor " + raw.name + " holds " + dtypeName(raw.dtype) +
                            " values where the model needs floating point",
                        "The file is not a model checkpoint of this architecture.");
        plan.copies.push_back({param, rawToTensor(raw, file), &raw});
        plan.assigned.insert(target);
    }
    if (plan.copies.empty())
        throw Error(file, 0,
                    "none of the checkpoint's " + std::to_string(checkpoint.tensors.size()) +
                        " tensors matches a " + model.config().modelType + " model",
                    "Check that config.json and the weights belong to the same model.");

    torch::NoGradGuard noGrad;
    for (const auto& copy : plan.copies) {
        copy.parameter.copy_(copy.source);
        // The mapped pages are not needed any more; without this, peak memory would hold the
        // checkpoint twice (mapping + parameters).
        if (copy.raw->fileMapped)
            releaseMappedPages(copy.raw->data, static_cast<std::size_t>(copy.source.numel()) *
                                                   dtypeSize(copy.raw->dtype));
    }
    report.loaded = plan.copies.size();
    for (const auto& [name, param] : parameters)
        if (!plan.assigned.count(name)) {
            report.newlyInitialised.push_back(name);
            report.backboneIncomplete = report.backboneIncomplete || name.rfind(prefix, 0) == 0;
        }
    if (renamed)
        report.notes.push_back("Legacy LayerNorm names (gamma/beta) were read as weight/bias.");
    return report;
}

} // namespace domaintune
