#pragma once

#include "core/model/loadreport.h"
#include "core/model/lorasettings.h"
#include "core/model/loratargets.h"
#include "core/model/modelconfig.h"
#include "core/model/rawtensor.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace domaintune {

class TaskModelImpl;

/** A dense float array with its shape (row-major). Plain value type. */
struct FloatArray
{
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

/** Token-id inputs for forward(); rows must have equal length. */
struct ForwardInputs
{
    std::vector<std::vector<std::int64_t>> inputIds;
    std::vector<std::vector<std::int64_t>> attentionMask; ///< Optional (empty: all ones).
    std::vector<std::vector<std::int64_t>> tokenTypeIds;  ///< Optional (empty: all zeros).
};

/** A named group of parameters, the unit the freeze UI toggles. */
struct ParameterGroup
{
    std::string name;                    ///< "embeddings", "layer 0", ..., "pooler", "head"
    std::vector<std::string> parameters; ///< State-dict names.
    std::int64_t count = 0;              ///< Number of scalar parameters.
};

/** How to load a model folder. */
struct ModelLoadOptions
{
    /** The head to build; nullopt: the one config.json's architectures names. */
    std::optional<HeadKind> head;
    /** Labels for a classification head; empty: config.json's id2label. */
    std::vector<std::string> labels;
    /** Seed for freshly initialised weights. */
    std::uint64_t seed = 42;
    /** Non-empty: the problem_type to record (e.g. "multi_label_classification"). */
    std::string problemType;
};

/**
 * A pretrained model loaded from a Hugging Face folder (config.json + weights): the facade
 * that the CLI, the GUI and the trainer use. Its header is free of LibTorch.
 *
 * Not thread-safe: use one instance from one thread at a time (forward() may run on a worker
 * thread as long as nothing else touches the instance meanwhile).
 */
class PretrainedModel
{
public:
    /**
     * Loads @p directory. Throws domaintune::Error, with no partial model left behind, for a
     * missing or invalid config.json, an unsupported model_type, missing or corrupt weights,
     * or weights that do not fit the config. A PEFT LoRA adapter folder (adapter_config.json)
     * loads its base model (base_model_name_or_path: a folder or a Hub id in the Hugging Face
     * cache), attaches the adapters and loads them with the saved head; the folder's
     * config.json, when there, gives the head and labels.
     */
    static std::unique_ptr<PretrainedModel> load(const std::string& directory,
                                                 const ModelLoadOptions& options = {});
    /**
     * Creates a model with freshly initialised weights (as transformers initialises them) for
     * @p config and @p head: the start of pretraining from scratch. Throws domaintune::Error
     * for an impossible configuration.
     */
    static std::unique_ptr<PretrainedModel> create(const ModelConfig& config, HeadKind head,
                                                   std::uint64_t seed = 42);
    ~PretrainedModel();

    const ModelConfig& config() const;
    HeadKind head() const;
    const LoadReport& loadReport() const;
    const std::string& directory() const { return m_directory; }
    std::int64_t parameterCount() const;
    /** Returns the parameter groups in network order: embeddings, layers, pooler/final, head. */
    std::vector<ParameterGroup> parameterGroups() const;
    /** Every linear projection of the backbone (what LoRA adapts; the head trains whole), in
     *  network order, with its sizes. */
    std::vector<ProjectionShape> projections() const;

    /**
     * Runs the model in evaluation mode without gradients. Returns "logits" (or "start_logits"
     * and "end_logits" for QA); with @p baseOnly, "last_hidden_state" and, where the model has
     * a pooler, "pooler_output". Throws domaintune::Error for ragged or out-of-range inputs.
     */
    std::map<std::string, FloatArray> forward(const ForwardInputs& inputs,
                                              bool baseOnly = false) const;

    /**
     * Writes config.json (with architectures, id2label/label2id) and model.safetensors to
     * @p directory, plus the tokenizer files found beside the loaded model. Tied copies are
     * not written (transformers re-ties them). The folder is created when missing.
     * @p weights: F32 (default), F16 or BF16 (config.json then names the torch_dtype).
     */
    void save(const std::string& directory, DType weights = DType::F32) const;

    /**
     * Moves the model to @p device: "auto" (a CUDA GPU when LibTorch sees one, else the CPU),
     * "cpu", "cuda" or "cuda:N". Throws domaintune::Error when a GPU is asked for but none is
     * usable. Call before building an optimiser over the parameters.
     */
    void moveTo(const std::string& device);
    /**
     * Sets every dropout rate of the model to @p rate for this session (a run's --dropout);
     * config.json, and so the saved model, keeps its own rates.
     */
    void setDropout(double rate);
    /** Returns where the model runs, e.g. "cpu" or "cuda:0". */
    std::string device() const;

    /**
     * Returns a SHA-256 over every parameter's name and bytes, after rounding to @p precision
     * (F32, F16 or BF16): two models with the same digest hold the same weights.
     */
    std::string weightsDigest(DType precision = DType::F32) const;

    /**
     * Adds fresh LoRA adapters (PEFT's initialisation) to the projections @p settings names
     * and remembers @p baseModel (a folder or Hub id) for adapter_config.json. From then on
     * save() writes the adapters in PEFT's format (with the head as modules_to_save) instead of
     * model.safetensors. Returns the adapted projections; throws domaintune::Error when none
     * matches.
     */
    std::vector<std::string> attachLora(const LoraSettings& settings, const std::string& baseModel);
    /** The adapter settings, or nullptr without adapters. */
    const LoraSettings* lora() const;
    /** The parameters trained in full beside the adapters (the head), as state-dict prefixes. */
    std::vector<std::string> loraModulesToSave() const;
    /**
     * Merges the adapters into the weights: afterwards the model is a plain one whose outputs
     * equal the adapted model's (up to rounding) and save() writes model.safetensors.
     */
    void mergeLora();

    /** Returns the LibTorch module (for core/train and core/export). */
    TaskModelImpl& module() const;

private:
    PretrainedModel();
    static std::unique_ptr<PretrainedModel> loadAdapter(const std::string& directory,
                                                        const ModelLoadOptions& options);
    void saveWeights(const std::string& directory, DType weights, const std::string& prefix,
                     bool bare) const;
    void writeConfigAndTokenizer(const std::string& directory, DType weights) const;
    /** The longest input sentence-transformers should feed a saved sentence-cls model. */
    std::int64_t sentenceMaxLength() const;
    struct Private;
    std::unique_ptr<Private> d;
    std::string m_directory;
};

} // namespace domaintune
