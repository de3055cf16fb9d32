#include "core/train/trainspec.h"

#include "core/common/error.h"
#include "core/train/contrastivepairs.h"
#include "core/train/lrschedule.h"
#include "core/train/task.h"

#include <algorithm>

namespace domaintune {
namespace {

void require(bool ok, const std::string& field, const std::string& what)
{
    if (!ok)
        throw Error("The run setting \"" + field + "\" " + what + ".");
}

template <typename T>
void read(const nlohmann::json& json, const char* key, T& target)
{
    const auto it = json.find(key);
    if (it == json.end())
        return;
    try {
        target = it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(std::string("The run setting \"") + key + "\" has the wrong type (" +
                    it->dump() + ").");
    }
}

const std::vector<std::string>& knownKeys()
{
    static const std::vector<std::string> keys = {"name",
                                                  "model",
                                                  "task",
                                                  "domain",
                                                  "train",
                                                  "validation",
                                                  "validation_fraction",
                                                  "text_column",
                                                  "label_column",
                                                  "label_separator",
                                                  "encoding",
                                                  "format",
                                                  "delimiter",
                                                  "max_length",
                                                  "epochs",
                                                  "max_steps",
                                                  "batch_size",
                                                  "gradient_accumulation",
                                                  "learning_rate",
                                                  "weight_decay",
                                                  "warmup_ratio",
                                                  "schedule",
                                                  "max_grad_norm",
                                                  "seed",
                                                  "freeze",
                                                  "class_weights",
                                                  "cache_frozen_features",
                                                  "group_by_length",
                                                  "pack_sequences",
                                                  "dropout",
                                                  "mlm_probability",
                                                  "whole_word_masking",
                                                  "lora_r",
                                                  "lora_alpha",
                                                  "lora_dropout",
                                                  "lora_targets",
                                                  "use_rslora",
                                                  "method",
                                                  "drop_duplicates",
                                                  "pair_sampling",
                                                  "pair_iterations",
                                                  "eval_steps",
                                                  "metric_for_best",
                                                  "early_stopping_patience",
                                                  "checkpoint_steps",
                                                  "checkpoint_minutes",
                                                  "threads",
                                                  "processes",
                                                  "device",
                                                  "bf16",
                                                  "fp16",
                                                  "output"};
    return keys;
}

} // namespace

ImportOptions TrainSpec::importOptions() const
{
    ImportOptions options;
    if (!format.empty())
        options.format = parseCorpusFormat(format);
    options.encoding = encoding;
    options.delimiter = parseDelimiterName(delimiter);
    options.mapping.text = textColumn;
    options.mapping.label = labelColumn;
    options.mapping.labelSeparator = labelSeparator;
    return options;
}

void TrainSpec::validate() const
{
    require(checkpointMinutes >= 0 && checkpointMinutes <= 24 * 60, "checkpoint_minutes",
            "must be between 0 (off) and 1440");
    require(delimiter.empty() || delimiter == "tab" || delimiter == "\\t" || delimiter.size() == 1,
            "delimiter", "must be one character or \"tab\" (got \"" + delimiter + "\")");
    const TaskInfo* info = findTask(task);
    require(info != nullptr, "task", "must be one of " + taskNames() + " (got \"" + task + "\")");
    if (!metricForBest.empty()) {
        std::string known;
        for (const std::string& metric : info->metrics)
            known += (known.empty() ? "" : ", ") + metric;
        require(std::find(info->metrics.begin(), info->metrics.end(), metricForBest) !=
                    info->metrics.end(),
                "metric_for_best",
                "must be a metric " + task + " reports: " + known + " (got \"" + metricForBest +
                    "\")");
    }
    require(!modelDir.empty(), "model", "must name a model folder");
    require(!trainFile.empty(), "train", "must name the training data");
    if (!format.empty() && format != "auto")
        parseCorpusFormat(format); // Throws, listing the formats.
    require(maxLength >= 8 && maxLength <= 8192, "max_length", "must be between 8 and 8192");
    require(epochs >= 1 || maxSteps > 0, "epochs", "must be at least 1 (or set max_steps)");
    require(batchSize >= 1 && batchSize <= 4096, "batch_size", "must be between 1 and 4096");
    require(gradientAccumulation >= 1, "gradient_accumulation", "must be at least 1");
    require(learningRate > 0 && learningRate < 1, "learning_rate", "must be in (0, 1)");
    require(weightDecay >= 0 && weightDecay < 1, "weight_decay", "must be in [0, 1)");
    require(warmupRatio >= 0 && warmupRatio < 1, "warmup_ratio", "must be in [0, 1)");
    require(validationFraction >= 0 && validationFraction < 0.9, "validation_fraction",
            "must be in [0, 0.9)");
    require(mlmProbability > 0 && mlmProbability < 1, "mlm_probability", "must be in (0, 1)");
    require(lora.rank >= 0 && lora.rank <= 1024, "lora_r", "must be between 0 (no LoRA) and 1024");
    require(!lora.enabled() || (lora.alpha > 0 && lora.alpha <= 1e6), "lora_alpha",
            "must be above 0");
    require(lora.dropout >= 0 && lora.dropout < 1, "lora_dropout", "must be in [0, 1)");
    require(dropout < 1, "dropout", "must be below 1 (or negative for the model's own rates)");
    require(threads >= 0 && threads <= 256, "threads", "must be between 0 (auto) and 256");
    require(processes >= 1 && processes <= 1024, "processes", "must be between 1 and 1024");
    require(device == "auto" || device == "cpu" || device == "cuda", "device",
            "must be auto, cpu or cuda");
    require(!(bf16 && fp16), "fp16", "and bf16 exclude each other; choose one precision");
    require(!fp16 || device != "cpu", "fp16",
            "needs a CUDA GPU (device auto or cuda); on the CPU use bf16");
    require(!outputDir.empty(), "output", "must name a folder for checkpoints and the model");
    parseScheduleKind(schedule);
    require(method == "fine-tune" || method == "setfit", "method", "must be fine-tune or setfit");
    parsePairSampling(pairSampling);
    require(pairIterations >= 0 && pairIterations <= 10000, "pair_iterations",
            "must be between 0 (use pair_sampling) and 10000");
    if (method == "setfit") {
        require(task == "seq-cls", "method",
                "setfit (few-shot) trains single-label text classification (task seq-cls) only");
        require(!lora.enabled(), "method",
                "setfit (few-shot) fine-tunes the whole encoder; it does not take LoRA adapters");
        require(freeze.preset != "head-only", "method",
                "setfit (few-shot) tunes the encoder, and the layer plan trains only the head; "
                "choose all layers or the top layers");
        require(!bf16 && !fp16, "method",
                "setfit (few-shot) trains in full precision; turn "
                "bf16 and fp16 off");
        require(!packSequences, "pack_sequences",
                "applies to fine-tuning; setfit (few-shot) trains on pairs of examples");
    }
    // Checks preset and decay; group names are checked against the model when it loads.
    FreezePlan presetOnly = freeze;
    presetOnly.frozenGroups.clear();
    FreezeSchedule(presetOnly, {});
}

void TrainSpec::useFewShotDefaults()
{
    method = "setfit";
    epochs = 1;
    warmupRatio = 0.1;
}

std::string TrainSpec::bestMetric() const
{
    return metricForBest.empty() ? std::string(parseTask(task).mainMetric) : metricForBest;
}

nlohmann::json TrainSpec::toJson() const
{
    nlohmann::json json = {{"name", name},
                           {"model", modelDir},
                           {"task", task},
                           {"domain", domain},
                           {"train", trainFile},
                           {"validation", validationFile},
                           {"validation_fraction", validationFraction},
                           {"text_column", textColumn},
                           {"label_column", labelColumn},
                           {"label_separator", labelSeparator},
                           {"encoding", encoding},
                           {"format", format},
                           {"max_length", maxLength},
                           {"epochs", epochs},
                           {"max_steps", maxSteps},
                           {"batch_size", batchSize},
                           {"gradient_accumulation", gradientAccumulation},
                           {"learning_rate", learningRate},
                           {"weight_decay", weightDecay},
                           {"warmup_ratio", warmupRatio},
                           {"schedule", schedule},
                           {"max_grad_norm", maxGradNorm},
                           {"seed", seed},
                           {"freeze",
                            {{"preset", freeze.preset},
                             {"top_k", freeze.topK},
                             {"frozen_groups", freeze.frozenGroups},
                             {"gradual_unfreezing", freeze.gradualUnfreezing},
                             {"layer_decay", freeze.layerDecay}}},
                           {"class_weights", classWeights},
                           {"cache_frozen_features", cacheFrozenFeatures},
                           {"group_by_length", groupByLength},
                           {"dropout", dropout},
                           {"mlm_probability", mlmProbability},
                           {"whole_word_masking", wholeWordMasking},
                           {"lora_r", lora.rank},
                           {"lora_alpha", lora.alpha},
                           {"lora_dropout", lora.dropout},
                           {"lora_targets", lora.targets},
                           {"use_rslora", lora.rsLora},
                           {"method", method},
                           {"drop_duplicates", dropDuplicates},
                           {"pair_sampling", pairSampling},
                           {"pair_iterations", pairIterations},
                           {"eval_steps", evalSteps},
                           {"metric_for_best", metricForBest},
                           {"early_stopping_patience", earlyStoppingPatience},
                           {"checkpoint_steps", checkpointSteps},
                           {"threads", threads},
                           {"device", device},
                           {"bf16", bf16},
                           {"fp16", fp16},
                           {"output", outputDir}};
    // Written only when set: the specs (and checkpoints) of older runs still match.
    if (!delimiter.empty())
        json["delimiter"] = delimiter;
    if (checkpointMinutes > 0)
        json["checkpoint_minutes"] = checkpointMinutes;
    if (processes > 1)
        json["processes"] = processes;
    if (packSequences)
        json["pack_sequences"] = true;
    return json;
}

TrainSpec TrainSpec::fromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw Error("A run spec must be a JSON object.");
    for (const auto& item : json.items())
        if (std::find(knownKeys().begin(), knownKeys().end(), item.key()) == knownKeys().end())
            throw Error("Unknown run setting \"" + item.key() + "\"; check its spelling.");
    TrainSpec spec;
    read(json, "name", spec.name);
    read(json, "model", spec.modelDir);
    read(json, "task", spec.task);
    read(json, "domain", spec.domain);
    read(json, "train", spec.trainFile);
    read(json, "validation", spec.validationFile);
    read(json, "validation_fraction", spec.validationFraction);
    read(json, "text_column", spec.textColumn);
    read(json, "label_column", spec.labelColumn);
    read(json, "label_separator", spec.labelSeparator);
    read(json, "format", spec.format);
    read(json, "encoding", spec.encoding);
    read(json, "delimiter", spec.delimiter);
    read(json, "max_length", spec.maxLength);
    read(json, "epochs", spec.epochs);
    read(json, "max_steps", spec.maxSteps);
    read(json, "batch_size", spec.batchSize);
    read(json, "gradient_accumulation", spec.gradientAccumulation);
    read(json, "learning_rate", spec.learningRate);
    read(json, "weight_decay", spec.weightDecay);
    read(json, "warmup_ratio", spec.warmupRatio);
    read(json, "schedule", spec.schedule);
    read(json, "max_grad_norm", spec.maxGradNorm);
    read(json, "seed", spec.seed);
    if (const auto it = json.find("freeze"); it != json.end() && it->is_object()) {
        read(*it, "preset", spec.freeze.preset);
        read(*it, "top_k", spec.freeze.topK);
        read(*it, "frozen_groups", spec.freeze.frozenGroups);
        read(*it, "gradual_unfreezing", spec.freeze.gradualUnfreezing);
        read(*it, "layer_decay", spec.freeze.layerDecay);
    }
    read(json, "class_weights", spec.classWeights);
    read(json, "cache_frozen_features", spec.cacheFrozenFeatures);
    read(json, "group_by_length", spec.groupByLength);
    read(json, "pack_sequences", spec.packSequences);
    read(json, "dropout", spec.dropout);
    read(json, "mlm_probability", spec.mlmProbability);
    read(json, "whole_word_masking", spec.wholeWordMasking);
    read(json, "lora_r", spec.lora.rank);
    read(json, "lora_alpha", spec.lora.alpha);
    read(json, "lora_dropout", spec.lora.dropout);
    read(json, "lora_targets", spec.lora.targets);
    read(json, "use_rslora", spec.lora.rsLora);
    read(json, "method", spec.method);
    read(json, "drop_duplicates", spec.dropDuplicates);
    read(json, "pair_sampling", spec.pairSampling);
    read(json, "pair_iterations", spec.pairIterations);
    read(json, "eval_steps", spec.evalSteps);
    read(json, "metric_for_best", spec.metricForBest);
    read(json, "early_stopping_patience", spec.earlyStoppingPatience);
    read(json, "checkpoint_steps", spec.checkpointSteps);
    read(json, "checkpoint_minutes", spec.checkpointMinutes);
    read(json, "threads", spec.threads);
    read(json, "processes", spec.processes);
    read(json, "device", spec.device);
    read(json, "bf16", spec.bf16);
    read(json, "fp16", spec.fp16);
    read(json, "output", spec.outputDir);
    return spec;
}

} // namespace domaintune
