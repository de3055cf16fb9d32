#include "core/model/pretrainedmodel.h"

#include "core/common/error.h"
#include "core/hub/hubsettings.h"
#include "core/hub/modelreference.h"
#include "core/model/checkpointreader.h"
#include "core/model/lora.h"
#include "core/model/peftadapter.h"
#include "core/model/projection.h"
#include "core/model/safetensorswriter.h"
#include "core/model/taskmodel.h"
#include "core/model/weightloader.h"
#include "core/store/sha256.h"
#include "core/text/tokenizerfactory.h"

#include <torch/cuda.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

torch::Tensor toTensor(const std::vector<std::vector<std::int64_t>>& rows, const char* name,
                       std::int64_t length)
{
    auto tensor = torch::empty({static_cast<std::int64_t>(rows.size()), length}, torch::kLong);
    auto access = tensor.accessor<std::int64_t, 2>();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (static_cast<std::int64_t>(rows[r].size()) != length)
            throw Error(std::string("Row ") + std::to_string(r) + " of " + name + " has " +
                        std::to_string(rows[r].size()) + " entries but row 0 of input_ids has " +
                        std::to_string(length) + "; pad every row to the same length.");
        for (std::int64_t c = 0; c < length; ++c)
            access[r][c] = rows[r][c];
    }
    return tensor;
}

void checkRange(const torch::Tensor& tensor, const char* name, std::int64_t limit)
{
    const auto low = tensor.min().item<std::int64_t>();
    const auto high = tensor.max().item<std::int64_t>();
    if (low < 0 || high >= limit)
        throw Error(std::string(name) + " holds values from " + std::to_string(low) + " to " +
                    std::to_string(high) + ", but this model accepts 0.." +
                    std::to_string(limit - 1) + ".");
}

FloatArray toArray(const torch::Tensor& tensor)
{
    const auto contiguous = tensor.detach().to(torch::kCPU, torch::kFloat).contiguous();
    FloatArray array{contiguous.sizes().vec(), {}};
    const float* data = contiguous.data_ptr<float>();
    array.values.assign(data, data + contiguous.numel());
    return array;
}

} // namespace

struct PretrainedModel::Private
{
    TaskModel model{nullptr};
    LoadReport report;
    std::optional<PeftAdapterConfig> lora; ///< Set while adapters are attached.
};

namespace {

/**
 * Refuses a config.json that describes a model far larger than the weights beside it
 * ("num_hidden_layers": 1000000000 allocated until the machine ran out of memory): the model
 * is built before the weights are copied in, so the check must come first.
 */
void checkSizeAgainstWeights(const ModelConfig& config, const Checkpoint& checkpoint,
                             const std::string& directory)
{
    double present = 0;
    for (const auto& tensor : checkpoint.tensors)
        present += double(tensor.numel());
    const double described = config.estimatedParameters();
    if (described <= 2 * present + 5e7)
        return;
    char sizes[160];
    std::snprintf(sizes, sizeof sizes, "about %.3g parameters, but its weights hold %.3g",
                  described, present);
    throw Error(directory + "/config.json", 0,
                std::string("config.json describes a model of ") + sizes + " (num_hidden_layers " +
                    std::to_string(config.numLayers) + ", hidden size " +
                    std::to_string(config.hiddenSize) + ", intermediate size " +
                    std::to_string(config.intermediateSize) + ", vocabulary " +
                    std::to_string(config.vocabSize) + "); it was not built",
                "config.json does not belong to these weights: use the model's own config.json.");
}

} // namespace

PretrainedModel::PretrainedModel() : d(std::make_unique<Private>()) {}
PretrainedModel::~PretrainedModel() = default;

namespace {

HeadKind headOfPeftTask(const std::string& taskType)
{
    if (taskType == "SEQ_CLS")
        return HeadKind::SequenceClassification;
    if (taskType == "TOKEN_CLS")
        return HeadKind::TokenClassification;
    if (taskType == "CAUSAL_LM")
        return HeadKind::CausalLm;
    if (taskType == "QUESTION_ANS")
        return HeadKind::QuestionAnswering;
    return HeadKind::Base;
}

} // namespace

std::unique_ptr<PretrainedModel> PretrainedModel::loadAdapter(const std::string& directory,
                                                              const ModelLoadOptions& options)
{
    const PeftAdapterConfig adapter = readPeftAdapterConfig(directory);
    const std::string base =
        resolveModelReference(adapter.baseModel, hubSettingsFromEnvironment().cacheRoot);
    if (isPeftAdapterFolder(base))
        throw Error(directory + "/adapter_config.json", 0,
                    "the base model " + adapter.baseModel + " is itself an adapter",
                    "Point base_model_name_or_path at a full model.");
    ModelLoadOptions baseOptions = options;
    const fs::path ownConfig = fs::path(directory) / "config.json";
    if (fs::exists(ownConfig)) { // DomainTune writes the task model's config beside the adapter
        const ModelConfig own = readModelConfig(directory);
        if (!baseOptions.head)
            baseOptions.head = own.headFromArchitecture();
        if (baseOptions.labels.empty())
            baseOptions.labels = own.labels;
        if (baseOptions.problemType.empty())
            baseOptions.problemType = own.problemType;
    } else if (!baseOptions.head) {
        baseOptions.head = headOfPeftTask(adapter.taskType);
    }
    auto result = load(base, baseOptions);
    try {
        domaintune::attachLora(*result->d->model, adapter.settings, result->config().family);
        const auto loaded = loadPeftAdapterWeights(directory, *result->d->model, result->head(),
                                                   result->d->model->backbonePrefix());
        auto& fresh = result->d->report.newlyInitialised;
        for (const auto& name : loaded)
            fresh.erase(std::remove(fresh.begin(), fresh.end(), name), fresh.end());
    } catch (const c10::Error& e) {
        throw Error(directory, 0,
                    std::string("LibTorch rejected the adapter: ") + e.what_without_backtrace());
    }
    result->d->report.notes.push_back("LoRA adapter (rank " +
                                      std::to_string(adapter.settings.rank) + ") on " +
                                      adapter.baseModel);
    result->d->lora = adapter;
    // PEFT's sequence- and token-classification models save their head whatever
    // modules_to_save says (null in the files PEFT writes).
    if (result->d->lora->modulesToSave.empty())
        result->d->lora->modulesToSave = result->loraModulesToSave();
    // Tokenizer files travel with the adapter when DomainTune wrote it; else the base's serve.
    if (fs::exists(fs::path(directory) / "tokenizer.json") ||
        fs::exists(fs::path(directory) / "vocab.txt") ||
        fs::exists(fs::path(directory) / "vocab.json"))
        result->m_directory = directory;
    result->d->model->eval();
    return result;
}

std::unique_ptr<PretrainedModel> PretrainedModel::load(const std::string& directory,
                                                       const ModelLoadOptions& options)
{
    if (isPeftAdapterFolder(directory))
        return loadAdapter(directory, options);
    ModelConfig config = readModelConfig(directory);
    const HeadKind stored = config.headFromArchitecture();
    const HeadKind head = options.head.value_or(stored);
    const bool newLabels = !options.labels.empty() && options.labels != config.labels;
    if (!options.labels.empty())
        config.labels = options.labels;
    if (!options.problemType.empty())
        config.problemType = options.problemType;
    const Checkpoint checkpoint = readCheckpoint(directory);
    checkSizeAgainstWeights(config, checkpoint, directory);

    std::unique_ptr<PretrainedModel> result(new PretrainedModel);
    result->m_directory = directory;
    try {
        torch::manual_seed(options.seed);
        // Weights the checkpoint provides are not initialised first: for a 110 M parameter
        // model, drawing them at random would cost more than reading them.
        result->d->model = TaskModel(config, head, /*initialise=*/false);
        WeightLoadOptions loadOptions;
        loadOptions.allowHeadResize = newLabels || head != stored;
        result->d->report = loadWeights(*result->d->model, checkpoint, loadOptions);
        if (!config.architectureKnown())
            result->d->report.notes.push_back(
                "config.json names the architecture " + config.architectures.front() +
                ", which DomainTune does not know: its " + config.modelType +
                " encoder was loaded as a base model; weights of the unknown head are unused");
        const auto& fresh = result->d->report.newlyInitialised;
        if (!fresh.empty())
            result->d->model->initialiseWeights(std::set<std::string>(fresh.begin(), fresh.end()));
    } catch (const c10::Error& e) {
        throw Error(directory, 0,
                    std::string("LibTorch rejected the model: ") + e.what_without_backtrace());
    }
    result->d->model->eval();
    return result;
}

std::unique_ptr<PretrainedModel> PretrainedModel::create(const ModelConfig& config, HeadKind head,
                                                         std::uint64_t seed)
{
    std::unique_ptr<PretrainedModel> result(new PretrainedModel);
    try {
        torch::manual_seed(seed);
        result->d->model = TaskModel(config, head, /*initialise=*/true);
    } catch (const c10::Error& e) {
        throw Error(std::string("LibTorch rejected the model configuration: ") +
                    e.what_without_backtrace());
    }
    for (const auto& item : result->d->model->named_parameters())
        result->d->report.newlyInitialised.push_back(item.key());
    result->d->model->eval();
    return result;
}

const ModelConfig& PretrainedModel::config() const
{
    return d->model->config();
}

HeadKind PretrainedModel::head() const
{
    return d->model->head();
}

const LoadReport& PretrainedModel::loadReport() const
{
    return d->report;
}

TaskModelImpl& PretrainedModel::module() const
{
    return *d->model;
}

void PretrainedModel::setDropout(double rate)
{
    // Every family builds its dropout from torch::nn::Dropout.
    for (const auto& module : d->model->modules())
        if (auto* dropout = module->as<torch::nn::DropoutImpl>())
            dropout->options.p(rate);
}

void PretrainedModel::moveTo(const std::string& device)
{
    const bool cuda = torch::cuda::is_available();
    if (device == "auto" || device.empty()) {
        d->model->to(cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU));
        return;
    }
    if (device.rfind("cuda", 0) == 0 && !cuda)
        throw Error("The device \"" + device +
                    "\" was chosen, but LibTorch sees no usable GPU (this LibTorch may be built "
                    "for the CPU only). Choose the device auto or cpu.");
    try {
        d->model->to(torch::Device(device));
    } catch (const c10::Error& e) {
        throw Error("Unknown device \"" + device + "\"; choose auto, cpu, cuda or cuda:N (" +
                    e.what_without_backtrace() + ").");
    }
}

std::string PretrainedModel::weightsDigest(DType precision) const
{
    const auto scalar = precision == DType::F16    ? torch::kHalf
                        : precision == DType::BF16 ? torch::kBFloat16
                                                   : torch::kFloat;
    Sha256 digest;
    for (const auto& item : d->model->named_parameters()) {
        const auto tensor = item.value().detach().to(torch::kCPU, scalar).contiguous();
        digest.update(item.key());
        digest.update(tensor.data_ptr(), static_cast<std::size_t>(tensor.nbytes()));
    }
    return digest.hexDigest();
}

std::string PretrainedModel::device() const
{
    const auto parameters = d->model->parameters();
    return parameters.empty() ? "cpu" : parameters.front().device().str();
}

std::int64_t PretrainedModel::parameterCount() const
{
    std::int64_t count = 0;
    for (const auto& parameter : d->model->parameters())
        count += parameter.numel();
    return count;
}

std::vector<ProjectionShape> PretrainedModel::projections() const
{
    std::vector<ProjectionShape> shapes;
    for (const auto& item : d->model->named_modules("", /*include_self=*/false))
        if (const auto* projection = item.value()->as<Projection>();
            projection && d->model->groupOf(item.key() + ".weight") != "head")
            shapes.push_back({item.key(), projection->inFeatures(), projection->outFeatures()});
    return shapes;
}

std::vector<ParameterGroup> PretrainedModel::parameterGroups() const
{
    std::vector<ParameterGroup> groups;
    for (const auto& item : d->model->named_parameters()) {
        const std::string group = d->model->groupOf(item.key());
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const ParameterGroup& g) { return g.name == group; });
        if (it == groups.end())
            it = groups.insert(groups.end(), ParameterGroup{group, {}, 0});
        it->parameters.push_back(item.key());
        it->count += item.value().numel();
    }
    // Registration order is network order except that embeddings must come first.
    std::stable_partition(groups.begin(), groups.end(),
                          [](const ParameterGroup& g) { return g.name == "embeddings"; });
    return groups;
}

std::map<std::string, FloatArray> PretrainedModel::forward(const ForwardInputs& inputs,
                                                           bool baseOnly) const
{
    const ModelConfig& config = d->model->config();
    if (inputs.inputIds.empty() || inputs.inputIds.front().empty())
        throw Error("input_ids is empty; give at least one row with at least one token id.");
    const auto length = static_cast<std::int64_t>(inputs.inputIds.front().size());
    if (length + config.positionOffset > config.maxPositions)
        throw Error("The rows have " + std::to_string(length) + " tokens, but this model reads " +
                    "at most " + std::to_string(config.maxPositions - config.positionOffset) +
                    "; truncate the inputs.");
    ModelBatch batch;
    batch.inputIds = toTensor(inputs.inputIds, "input_ids", length);
    checkRange(batch.inputIds, "input_ids", config.vocabSize);
    if (!inputs.attentionMask.empty()) {
        batch.attentionMask = toTensor(inputs.attentionMask, "attention_mask", length);
        checkRange(batch.attentionMask, "attention_mask", 2);
    }
    if (!inputs.tokenTypeIds.empty()) {
        batch.tokenTypeIds = toTensor(inputs.tokenTypeIds, "token_type_ids", length);
        checkRange(batch.tokenTypeIds, "token_type_ids",
                   std::max<std::int64_t>(1, config.typeVocabSize));
    }
    for (const auto* rows : {&inputs.attentionMask, &inputs.tokenTypeIds})
        if (!rows->empty() && rows->size() != inputs.inputIds.size())
            throw Error("attention_mask and token_type_ids need as many rows as input_ids (" +
                        std::to_string(inputs.inputIds.size()) + ").");

    const auto parameters = d->model->parameters();
    if (!parameters.empty() && !parameters.front().device().is_cpu()) {
        const auto device = parameters.front().device();
        for (auto* tensor : {&batch.inputIds, &batch.attentionMask, &batch.tokenTypeIds})
            if (tensor->defined())
                *tensor = tensor->to(device);
    }
    torch::NoGradGuard noGrad;
    d->model->eval();
    std::map<std::string, FloatArray> out;
    if (baseOnly) {
        const auto base = d->model->forwardBase(batch);
        out["last_hidden_state"] = toArray(base.hidden);
        if (base.pooled.defined())
            out["pooler_output"] = toArray(base.pooled);
        return out;
    }
    const auto result = d->model->forward(batch);
    if (result.startLogits.defined()) {
        out["start_logits"] = toArray(result.startLogits);
        out["end_logits"] = toArray(result.endLogits);
    } else if (result.logits.defined()) {
        out["logits"] = toArray(result.logits);
    } else {
        out["last_hidden_state"] = toArray(result.backbone.hidden);
        if (result.backbone.pooled.defined())
            out["pooler_output"] = toArray(result.backbone.pooled);
    }
    return out;
}

std::vector<std::string> PretrainedModel::attachLora(const LoraSettings& settings,
                                                     const std::string& baseModel)
{
    auto attached = domaintune::attachLora(*d->model, settings, config().family);
    PeftAdapterConfig adapter;
    adapter.settings = settings;
    if (adapter.settings.targets.empty())
        adapter.settings.targets = defaultLoraTargets(config().family);
    adapter.baseModel = baseModel;
    adapter.taskType = peftTaskType(head());
    adapter.modulesToSave = loraModulesToSave();
    d->lora = adapter;
    return attached;
}

const LoraSettings* PretrainedModel::lora() const
{
    return d->lora ? &d->lora->settings : nullptr;
}

std::vector<std::string> PretrainedModel::loraModulesToSave() const
{
    // The head is trained in full; a language-model head is the tied embedding matrix, which
    // LoRA leaves alone.
    if (head() == HeadKind::MaskedLm || head() == HeadKind::CausalLm || head() == HeadKind::Base)
        return {};
    std::vector<std::string> out;
    for (const auto& child : d->model->named_children())
        if (child.key() != d->model->backbonePrefix() && !child.value()->parameters().empty())
            out.push_back(child.key());
    return out;
}

void PretrainedModel::mergeLora()
{
    domaintune::mergeLora(*d->model);
    d->lora.reset();
}

void PretrainedModel::save(const std::string& directory, DType weights) const
{
    if (weights != DType::F32 && weights != DType::F16 && weights != DType::BF16)
        throw Error(std::string("Models are saved as F32, F16 or BF16, not ") + dtypeName(weights) +
                    ".");
    std::error_code error;
    fs::create_directories(directory, error);
    if (error)
        throw Error(directory, 0, "cannot create the folder: " + error.message());
    const std::string prefix = d->model->backbonePrefix() + ".";
    const bool bare = d->model->head() == HeadKind::Base;
    if (d->lora) {
        fs::remove(fs::path(directory) / "model.safetensors", error); // a stale full model
        writePeftAdapter(directory, *d->model, *d->lora, config().family, head(),
                         d->model->backbonePrefix());
    } else {
        saveWeights(directory, weights, prefix, bare);
    }
    writeConfigAndTokenizer(directory, weights);
}

void PretrainedModel::saveWeights(const std::string& directory, DType weights,
                                  const std::string& prefix, bool bare) const
{
    const auto scalar = weights == DType::F16    ? torch::kHalf
                        : weights == DType::BF16 ? torch::kBFloat16
                                                 : torch::kFloat;
    std::vector<RawTensor> tensors;
    std::vector<torch::Tensor> keepAlive;
    for (const auto& item : d->model->named_parameters()) {
        auto tensor = item.value().detach().to(torch::kCPU, scalar).contiguous();
        keepAlive.push_back(tensor);
        RawTensor raw;
        // transformers' bare models (BertModel, GPT2Model) store names without the prefix.
        raw.name = bare && item.key().rfind(prefix, 0) == 0 ? item.key().substr(prefix.size())
                                                            : item.key();
        raw.dtype = weights;
        raw.shape = tensor.sizes().vec();
        raw.strides = contiguousStrides(raw.shape);
        raw.data = static_cast<const std::byte*>(tensor.data_ptr());
        raw.storageBytes = static_cast<std::size_t>(tensor.numel()) * dtypeSize(weights);
        tensors.push_back(std::move(raw));
    }
    writeSafetensors(directory + "/model.safetensors", tensors);
}

std::int64_t PretrainedModel::sentenceMaxLength() const
{
    // The source's sentence-transformers length when it has one (all-MiniLM-L6-v2: 256).
    const ModelConfig& own = config();
    std::int64_t length = own.maxPositions - own.positionOffset;
    std::ifstream in(fs::path(m_directory) / "sentence_bert_config.json");
    if (in) {
        const auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
        if (json.is_object() && json.contains("max_seq_length") &&
            json["max_seq_length"].is_number_integer())
            length = std::min(length, json["max_seq_length"].get<std::int64_t>());
    }
    return length;
}

void PretrainedModel::writeConfigAndTokenizer(const std::string& directory, DType weights) const
{
    std::error_code error;
    const std::string configPath = directory + "/config.json";
    std::ofstream config(configPath + ".partial");
    auto json = d->model->config().toJson(d->model->head());
    json["torch_dtype"] = weights == DType::F16    ? "float16"
                          : weights == DType::BF16 ? "bfloat16"
                                                   : "float32";
    config << json.dump(2) << '\n';
    config.close();
    if (!config || std::rename((configPath + ".partial").c_str(), configPath.c_str()) != 0)
        throw Error(configPath, 0, "cannot write config.json",
                    "Check the free disk space and the folder's permissions.");
    if (head() == HeadKind::SentenceClassification) // sentence-transformers loads the encoder
        writeSentenceTransformersModules(directory, this->config().sentencePooling,
                                         this->config().hiddenSize, sentenceMaxLength());

    if (m_directory.empty() || fs::equivalent(fs::path(m_directory), fs::path(directory), error))
        return;
    for (const char* name : tokenizerFileNames()) {
        const fs::path source = fs::path(m_directory) / name;
        if (fs::exists(source))
            fs::copy_file(source, fs::path(directory) / name, fs::copy_options::overwrite_existing,
                          error);
        if (error)
            throw Error((fs::path(directory) / name).string(), 0,
                        "cannot copy the tokenizer file: " + error.message());
    }
}

} // namespace domaintune
