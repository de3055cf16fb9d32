#include "core/model/modelconfig.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sys/stat.h>
#include <type_traits>

namespace domaintune {
namespace {

/** DomainTune's architecture name for a sentence-classification head (transformers has none). */
constexpr const char* kSentenceClassificationSuffix = "ForSentenceEmbeddingClassification";

/** How one model_type spells the common fields in config.json. */
struct FieldNames
{
    ModelFamily family;
    const char* hidden;
    const char* layers;
    const char* heads;
    const char* intermediate;
    const char* positions;
    const char* activation;
    const char* eps; ///< nullptr: fixed 1e-12 (DistilBERT).
    const char* hiddenDropout;
    const char* attentionDropout;
};

const FieldNames kBertFields{ModelFamily::Bert,     "hidden_size",
                             "num_hidden_layers",   "num_attention_heads",
                             "intermediate_size",   "max_position_embeddings",
                             "hidden_act",          "layer_norm_eps",
                             "hidden_dropout_prob", "attention_probs_dropout_prob"};
const FieldNames kDistilBertFields{
    ModelFamily::DistilBert,   "dim",        "n_layers", "n_heads", "hidden_dim",
    "max_position_embeddings", "activation", nullptr,    "dropout", "attention_dropout"};
const FieldNames kGpt2Fields{ModelFamily::Gpt2,
                             "n_embd",
                             "n_layer",
                             "n_head",
                             "n_inner",
                             "n_positions",
                             "activation_function",
                             "layer_norm_epsilon",
                             "resid_pdrop",
                             "attn_pdrop"};

/** The registry: model_type → field spelling. A new architecture adds its row here. */
const std::map<std::string, const FieldNames*>& registry()
{
    static const std::map<std::string, const FieldNames*> types = {
        {"bert", &kBertFields},
        {"roberta", &kBertFields},
        {"xlm-roberta", &kBertFields},
        {"camembert", &kBertFields},
        {"distilbert", &kDistilBertFields},
        {"gpt2", &kGpt2Fields},
    };
    return types;
}

bool isRobertaLike(const std::string& type)
{
    return type == "roberta" || type == "xlm-roberta" || type == "camembert";
}

std::int64_t requireInt(const nlohmann::json& json, const char* key, const std::string& file,
                        std::int64_t min)
{
    const auto it = json.find(key);
    if (it == json.end() || !it->is_number_integer())
        throw Error(file, 0,
                    std::string("config.json lacks the whole-number field \"") + key + "\"",
                    "The folder's config.json is incomplete; download the model again.");
    const auto value = it->get<std::int64_t>();
    if (value < min)
        throw Error(file, 0,
                    std::string("\"") + key + "\" is " + std::to_string(value) +
                        ", but it must be at least " + std::to_string(min));
    return value;
}

template <typename T>
const char* expectedType()
{
    if constexpr (std::is_same_v<T, bool>)
        return "true or false";
    else if constexpr (std::is_same_v<T, std::string>)
        return "a string";
    else if constexpr (std::is_arithmetic_v<T>)
        return "a number";
    else
        return "a list of strings";
}

template <typename T>
T optionalValue(const nlohmann::json& json, const char* key, T fallback)
{
    if (!key)
        return fallback;
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return fallback;
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        // A value of the wrong type is an error, as for the required fields: ignoring
        // "layer_norm_eps": "tiny" would silently train a different model.
        throw Error(std::string("\"") + key + "\" is " + it->type_name() + " " + it->dump() +
                    ", not " + expectedType<T>());
    }
}

std::optional<std::int64_t> optionalId(const nlohmann::json& json, const char* key)
{
    const auto it = json.find(key);
    if (it == json.end() || !it->is_number_integer())
        return std::nullopt;
    return it->get<std::int64_t>();
}

/** Dropout rates as each family's heads read them in transformers. */
void readDropouts(const nlohmann::json& json, ModelConfig& config)
{
    switch (config.family) {
    case ModelFamily::Bert:
        config.embeddingDropout = config.hiddenDropout;
        config.classifierDropout =
            optionalValue<double>(json, "classifier_dropout", config.hiddenDropout);
        config.tokenDropout = config.classifierDropout;
        config.qaDropout = 0.0;
        break;
    case ModelFamily::DistilBert:
        config.embeddingDropout = config.hiddenDropout;
        config.classifierDropout = optionalValue<double>(json, "seq_classif_dropout", 0.2);
        config.tokenDropout = config.hiddenDropout;
        config.qaDropout = optionalValue<double>(json, "qa_dropout", 0.1);
        break;
    case ModelFamily::Gpt2:
        config.embeddingDropout = optionalValue<double>(json, "embd_pdrop", 0.1);
        config.classifierDropout = optionalValue<double>(json, "classifier_dropout", 0.1);
        config.tokenDropout = config.classifierDropout;
        config.qaDropout = 0.0;
        break;
    }
}

std::vector<std::string> readLabels(const nlohmann::json& json, const std::string& file)
{
    std::vector<std::string> labels;
    const auto it = json.find("id2label");
    if (it != json.end() && it->is_object() && !it->empty()) {
        labels.resize(it->size());
        for (const auto& [key, value] : it->items()) {
            std::size_t used = 0;
            long id = -1;
            try {
                id = std::stol(key, &used);
            } catch (const std::exception&) {
            }
            if (used != key.size() || id < 0 || id >= static_cast<long>(labels.size()) ||
                !value.is_string())
                throw Error(file, 0,
                            "id2label has the entry \"" + key +
                                "\" which is not one of "
                                "the ids 0.." +
                                std::to_string(labels.size() - 1) + " with a text label");
            labels[static_cast<std::size_t>(id)] = value.get<std::string>();
        }
        return labels;
    }
    // transformers' PretrainedConfig has two labels unless told otherwise.
    const auto count = optionalValue<std::int64_t>(json, "num_labels", 2);
    for (std::int64_t i = 0; i < count; ++i)
        labels.push_back("LABEL_" + std::to_string(i));
    return labels;
}

} // namespace

const char* headKindName(HeadKind head)
{
    switch (head) {
    case HeadKind::Base:
        return "base";
    case HeadKind::SequenceClassification:
        return "seq-cls";
    case HeadKind::TokenClassification:
        return "token-cls";
    case HeadKind::MaskedLm:
        return "mlm";
    case HeadKind::CausalLm:
        return "clm";
    case HeadKind::QuestionAnswering:
        return "qa";
    case HeadKind::SentenceClassification:
        return "sentence-cls";
    }
    return "base";
}

HeadKind parseHeadKind(const std::string& name)
{
    for (auto head : {HeadKind::Base, HeadKind::SequenceClassification,
                      HeadKind::TokenClassification, HeadKind::MaskedLm, HeadKind::CausalLm,
                      HeadKind::QuestionAnswering, HeadKind::SentenceClassification})
        if (name == headKindName(head))
            return head;
    throw Error("Unknown head \"" + name +
                "\"; choose one of: base, seq-cls, token-cls, mlm, clm, qa, sentence-cls.");
}

std::vector<std::string> supportedModelTypes()
{
    std::vector<std::string> types;
    for (const auto& entry : registry())
        types.push_back(entry.first);
    return types;
}

namespace {

ModelConfig parseModelConfigFields(const nlohmann::json& json, const std::string& file)
{
    if (!json.is_object())
        throw Error(file, 0, "config.json is not a JSON object");
    ModelConfig config;
    config.raw = json;
    config.modelType = optionalValue<std::string>(json, "model_type", "");
    const auto it = registry().find(config.modelType);
    if (it == registry().end()) {
        std::string supported;
        for (const auto& type : supportedModelTypes())
            supported += (supported.empty() ? "" : ", ") + type;
        throw Error(file, 0,
                    config.modelType.empty()
                        ? std::string("config.json has no \"model_type\"")
                        : "model_type \"" + config.modelType + "\" is not supported",
                    "DomainTune supports: " + supported + ".");
    }
    const FieldNames& names = *it->second;
    config.family = names.family;
    config.architectures = optionalValue<std::vector<std::string>>(json, "architectures", {});
    config.vocabSize = requireInt(json, "vocab_size", file, 1);
    config.hiddenSize = requireInt(json, names.hidden, file, 1);
    config.numLayers = requireInt(json, names.layers, file, 1);
    config.numHeads = requireInt(json, names.heads, file, 1);
    if (config.hiddenSize % config.numHeads != 0)
        throw Error(file, 0,
                    "the hidden size " + std::to_string(config.hiddenSize) +
                        " is not divisible by the " + std::to_string(config.numHeads) +
                        " attention heads");
    // transformers' defaults when the field is absent (or null, as GPT-2's n_inner often is).
    const auto intermediate = optionalId(json, names.intermediate);
    config.intermediateSize =
        intermediate.value_or(config.family == ModelFamily::Gpt2 ? 4 * config.hiddenSize : 3072);
    config.maxPositions = requireInt(json, names.positions, file, 1);
    config.activation = optionalValue<std::string>(
        json, names.activation, config.family == ModelFamily::Gpt2 ? "gelu_new" : "gelu");
    config.layerNormEps =
        optionalValue<double>(json, names.eps, config.family == ModelFamily::Gpt2 ? 1e-5 : 1e-12);
    config.hiddenDropout = optionalValue<double>(json, names.hiddenDropout, 0.1);
    config.attentionDropout = optionalValue<double>(json, names.attentionDropout, 0.1);
    readDropouts(json, config);
    config.initializerRange = optionalValue<double>(json, "initializer_range", 0.02);
    config.padTokenId = optionalId(json, "pad_token_id");
    if (!json.contains("pad_token_id") && config.family != ModelFamily::Gpt2)
        config.padTokenId = isRobertaLike(config.modelType) ? 1 : 0; // transformers' defaults
    if (config.padTokenId && (*config.padTokenId < 0 || *config.padTokenId >= config.vocabSize))
        config.padTokenId.reset(); // out-of-vocabulary ids (e.g. -1) mean "none"
    config.bosTokenId = optionalId(json, "bos_token_id");
    config.eosTokenId = optionalId(json, "eos_token_id");
    config.tieWordEmbeddings = optionalValue<bool>(json, "tie_word_embeddings", true);
    config.problemType = optionalValue<std::string>(json, "problem_type", "");
    if (json.contains(kSentencePoolingKey))
        config.sentencePooling = SentencePooling::fromJson(json[kSentencePoolingKey], file);
    config.labels = readLabels(json, file);
    if (config.family == ModelFamily::Bert)
        config.typeVocabSize = optionalValue<std::int64_t>(json, "type_vocab_size", 2);
    if (isRobertaLike(config.modelType))
        config.positionOffset = config.padTokenId.value_or(1) + 1;
    config.scaleAttentionWeights = optionalValue<bool>(json, "scale_attn_weights", true);
    config.scaleAttentionByLayerIndex =
        optionalValue<bool>(json, "scale_attn_by_inverse_layer_idx", false);
    const auto positionType =
        optionalValue<std::string>(json, "position_embedding_type", "absolute");
    if (positionType != "absolute")
        throw Error(file, 0, "position_embedding_type \"" + positionType + "\" is not supported",
                    "DomainTune implements absolute position embeddings only.");
    config.sinusoidalPositions = optionalValue<bool>(json, "sinusoidal_pos_embds", false);
    return config;
}

} // namespace

ModelConfig parseModelConfig(const nlohmann::json& json, const std::string& file)
{
    try {
        return parseModelConfigFields(json, file);
    } catch (const Error& e) {
        if (!e.file().empty())
            throw;
        throw Error(file, 0, e.what(),
                    "Repair config.json (transformers writes it with save_pretrained).");
    }
}

ModelConfig readModelConfig(const std::string& path)
{
    std::string file;
    const nlohmann::json json = readModelConfigJson(path, &file);
    ModelConfig config = parseModelConfig(json, file);
    if (!json.contains(kSentencePoolingKey))
        if (auto pooling =
                readSentenceTransformersPooling(std::filesystem::path(file).parent_path().string()))
            config.sentencePooling = *pooling;
    return config;
}

nlohmann::json readModelConfigJson(const std::string& path, std::string* fileRead)
{
    struct stat st
    {};
    std::string file = path;
    if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        file = path + "/config.json";
    std::ifstream in(file);
    if (stat(file.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        throw Error(file, 0, "is not a file (config.json must be a JSON file)",
                    "Choose a Hugging Face model folder (it holds config.json, the weights and "
                    "the tokenizer files).");
    if (!in)
        throw Error(file, 0, "cannot open the model's config.json",
                    "Choose a Hugging Face model folder (it holds config.json, the weights and "
                    "the tokenizer files).");
    nlohmann::json json;
    try {
        json = parseBoundedJson(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(file, 0, std::string("config.json is not valid JSON (") + e.what() + ")",
                    "Repair the file or download the model again.");
    }
    if (fileRead)
        *fileRead = file;
    return json;
}

} // namespace domaintune

namespace domaintune {
namespace {

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string classPrefix(const std::string& modelType)
{
    static const std::map<std::string, std::string> prefixes = {
        {"bert", "Bert"},           {"roberta", "Roberta"},       {"xlm-roberta", "XLMRoberta"},
        {"camembert", "Camembert"}, {"distilbert", "DistilBert"}, {"gpt2", "GPT2"}};
    const auto it = prefixes.find(modelType);
    return it == prefixes.end() ? "Bert" : it->second;
}

} // namespace

HeadKind ModelConfig::headFromArchitecture() const
{
    if (architectures.empty())
        return HeadKind::Base;
    const std::string& name = architectures.front();
    if (endsWith(name, kSentenceClassificationSuffix))
        return HeadKind::SentenceClassification;
    if (endsWith(name, "ForSequenceClassification"))
        return HeadKind::SequenceClassification;
    if (endsWith(name, "ForTokenClassification"))
        return HeadKind::TokenClassification;
    if (endsWith(name, "ForMaskedLM") || endsWith(name, "ForPreTraining"))
        return HeadKind::MaskedLm;
    if (endsWith(name, "LMHeadModel") || endsWith(name, "ForCausalLM"))
        return HeadKind::CausalLm;
    if (endsWith(name, "ForQuestionAnswering"))
        return HeadKind::QuestionAnswering;
    return HeadKind::Base;
}

double ModelConfig::estimatedParameters() const
{
    const double h = double(hiddenSize),
                 embeddings = double(vocabSize + maxPositions + typeVocabSize) * h;
    const double layer = 4 * h * h + 2 * h * double(intermediateSize) + 9 * h;
    return embeddings + double(numLayers) * layer;
}

bool ModelConfig::architectureKnown() const
{
    if (architectures.empty())
        return true;
    for (const char* suffix :
         {"Model", "ForSequenceClassification", "ForTokenClassification", "ForMaskedLM",
          "ForPreTraining", "ForCausalLM", "ForQuestionAnswering", kSentenceClassificationSuffix})
        if (endsWith(architectures.front(), suffix))
            return true;
    return false;
}

std::string ModelConfig::architectureFor(HeadKind head) const
{
    const std::string prefix = classPrefix(modelType);
    switch (head) {
    case HeadKind::Base:
        return prefix + "Model";
    case HeadKind::SequenceClassification:
        return prefix + "ForSequenceClassification";
    case HeadKind::TokenClassification:
        return prefix + "ForTokenClassification";
    case HeadKind::MaskedLm:
        return prefix + "ForMaskedLM";
    case HeadKind::CausalLm:
        return family == ModelFamily::Gpt2 ? prefix + "LMHeadModel" : prefix + "ForCausalLM";
    case HeadKind::QuestionAnswering:
        return prefix + "ForQuestionAnswering";
    case HeadKind::SentenceClassification:
        return prefix + kSentenceClassificationSuffix;
    }
    return prefix + "Model";
}

nlohmann::json ModelConfig::toJson(HeadKind head) const
{
    nlohmann::json json = raw.is_object() ? raw : nlohmann::json::object();
    json["model_type"] = modelType;
    json["architectures"] = nlohmann::json::array({architectureFor(head)});
    json.erase("id2label");
    json.erase("label2id");
    json.erase("num_labels");
    if (!labels.empty()) {
        nlohmann::json id2label = nlohmann::json::object();
        nlohmann::json label2id = nlohmann::json::object();
        for (std::size_t i = 0; i < labels.size(); ++i) {
            id2label[std::to_string(i)] = labels[i];
            label2id[labels[i]] = i;
        }
        json["id2label"] = id2label;
        json["label2id"] = label2id;
    }
    if (!problemType.empty())
        json["problem_type"] = problemType;
    if (head == HeadKind::SentenceClassification)
        json[kSentencePoolingKey] = sentencePooling.toJson();
    else
        json.erase(kSentencePoolingKey);
    return json;
}

} // namespace domaintune
