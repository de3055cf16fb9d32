#include "core/export/torchscriptexport.h"

#include "core/common/error.h"
#include "core/common/filewriter.h"
#include "core/export/torchscriptsource.h"
#include "core/model/taskmodel.h"
#include "core/store/sha256.h"
#include "core/text/tokenizerfactory.h"

#include <torch/script.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

torch::ScalarType scalarType(DType weights)
{
    return weights == DType::F16    ? torch::kHalf
           : weights == DType::BF16 ? torch::kBFloat16
                                    : torch::kFloat;
}

const char* dtypeLabel(DType weights)
{
    return weights == DType::F16 ? "float16" : weights == DType::BF16 ? "bfloat16" : "float32";
}

/** Builds the module tree: one scripted module per dotted prefix of a parameter name. */
class ModuleBuilder
{
public:
    explicit ModuleBuilder(const std::string& rootName)
        : m_unit(std::make_shared<torch::jit::CompilationUnit>())
    {
        m_modules.emplace("", create(rootName));
    }

    /** Registers @p tensor at dotted @p path, creating the modules above it. */
    void addParameter(const std::string& path, const torch::Tensor& tensor)
    {
        const auto dot = path.rfind('.');
        auto& owner = module(dot == std::string::npos ? "" : path.substr(0, dot));
        owner.register_parameter(path.substr(dot == std::string::npos ? 0 : dot + 1), tensor,
                                 /*is_buffer=*/false);
    }

    torch::jit::Module& module(const std::string& path)
    {
        const auto found = m_modules.find(path);
        if (found != m_modules.end())
            return found->second;
        const auto dot = path.rfind('.');
        const std::string parent = dot == std::string::npos ? "" : path.substr(0, dot);
        auto& parentModule = module(parent);
        // Class names must be identifiers for Python's loader: "bert_encoder_layer_0".
        std::string name = path;
        std::replace(name.begin(), name.end(), '.', '_');
        auto child = create(name);
        parentModule.register_module(dot == std::string::npos ? path : path.substr(dot + 1), child);
        return m_modules.emplace(path, child).first->second;
    }

private:
    torch::jit::Module create(const std::string& name)
    {
        torch::jit::Module module(c10::QualifiedName("__torch__.domaintune." + name), m_unit,
                                  /*shouldMangle=*/true);
        // Every scripted module has this flag; Module::train() and Python rely on it.
        module.register_attribute("training", c10::BoolType::get(), false);
        return module;
    }

    std::shared_ptr<torch::jit::CompilationUnit> m_unit;
    std::map<std::string, torch::jit::Module> m_modules;
};

nlohmann::json outputShape(const ModelConfig& config, HeadKind head)
{
    switch (head) {
    case HeadKind::SequenceClassification:
    case HeadKind::SentenceClassification:
        return {"batch", "labels"};
    case HeadKind::TokenClassification:
        return {"batch", "length", "labels"};
    case HeadKind::MaskedLm:
    case HeadKind::CausalLm:
        return {"batch", "length", "vocab"};
    case HeadKind::QuestionAnswering:
        return {"batch", "length"};
    case HeadKind::Base:
        break;
    }
    return {"batch", "length", "hidden"};
}

/** torchscript.json: what a user of model.pt needs to call it. */
nlohmann::json metadata(const PretrainedModel& model, DType weights,
                        const TorchScriptProgram& program)
{
    const ModelConfig& config = model.config();
    nlohmann::json outputs = nlohmann::json::array();
    for (const auto& name : program.outputs)
        outputs.push_back(
            {{"name", name}, {"dtype", "float32"}, {"shape", outputShape(config, model.head())}});
    nlohmann::json id2label = nlohmann::json::object();
    for (std::size_t i = 0; i < config.labels.size(); ++i)
        id2label[std::to_string(i)] = config.labels[i];
    nlohmann::json json = {
        {"format", "torchscript"},
        {"file", "model.pt"},
        {"architecture", config.architectureFor(model.head())},
        {"model_type", config.modelType},
        {"head", headKindName(model.head())},
        {"weights_dtype", dtypeLabel(weights)},
        {"compute_dtype", "float32"},
        {"inputs",
         {{{"name", "input_ids"}, {"dtype", "int64"}, {"shape", {"batch", "length"}}},
          {{"name", "attention_mask"},
           {"dtype", "int64"},
           {"shape", {"batch", "length"}},
           {"optional", true},
           {"description", "1 for tokens, 0 for padding; all ones when omitted"}},
          {{"name", "token_type_ids"},
           {"dtype", "int64"},
           {"shape", {"batch", "length"}},
           {"optional", true},
           {"description", "segment of each token (0 first text, 1 second); all zeros when "
                           "omitted; DistilBERT has none and ignores it"}}}},
        {"outputs", outputs},
        {"max_length", config.maxPositions - config.positionOffset},
        {"id2label", id2label},
        {"usage",
         {{"python", "model = torch.jit.load('model.pt'); logits = model(input_ids, "
                     "attention_mask)"},
          {"cpp", "auto model = torch::jit::load(\"model.pt\"); auto logits = "
                  "model.forward({input_ids, attention_mask})" +
                      std::string(program.outputs.size() > 1 ? ".toTuple();" : ".toTensor();")}}},
        {"notes", "Weights stored as float16/bfloat16 are widened to float32 where they are "
                  "used; call .float() on the loaded module once to widen them for repeated "
                  "calls."}};
    if (config.padTokenId)
        json["pad_token_id"] = *config.padTokenId;
    if (!config.problemType.empty())
        json["problem_type"] = config.problemType;
    return json;
}

torch::jit::Module buildModule(const PretrainedModel& model, DType weights,
                               TorchScriptProgram& program)
{
    auto& network = model.module();
    std::set<std::string> names;
    for (const auto& item : network.named_parameters())
        names.insert(item.key());
    program = torchScriptProgram(model.config(), model.head(), network.backbonePrefix(), names);
    ModuleBuilder builder(model.config().architectureFor(model.head()));
    for (const auto& item : network.named_parameters())
        builder.addParameter(item.key(),
                             item.value().detach().to(torch::kCPU, scalarType(weights)));
    auto& root = builder.module("");
    root.register_attribute("labels", c10::ListType::ofStrings(),
                            c10::List<std::string>(model.config().labels));
    for (const auto& method : program.methods)
        builder.module(method.module).define(method.source);
    return root;
}

void writeText(const std::string& path, const std::string& text)
{
    const std::string partial = path + ".partial";
    std::ofstream out(partial, std::ios::binary);
    out << text;
    out.close();
    std::error_code error;
    if (out)
        fs::rename(partial, path, error);
    if (!out || error)
        throw Error(path, 0, "cannot write the file",
                    "Check the free disk space and the folder's permissions.");
}

void copyTokenizerFiles(const std::string& from, const std::string& to)
{
    std::error_code error;
    if (from.empty() || fs::equivalent(fs::path(from), fs::path(to), error))
        return;
    for (const char* name : tokenizerFileNames()) {
        const fs::path source = fs::path(from) / name, target = fs::path(to) / name;
        if (fs::exists(source) && !fs::exists(target))
            fs::copy_file(source, target, error);
        if (error)
            throw Error(target.string(), 0, "cannot copy the tokenizer file: " + error.message());
    }
}

} // namespace

TorchScriptExport exportTorchScript(const PretrainedModel& model, const std::string& output,
                                    DType weights)
{
    if (weights != DType::F32 && weights != DType::F16 && weights != DType::BF16)
        throw Error(std::string("TorchScript exports store F32, F16 or BF16 weights, not ") +
                    dtypeName(weights) + ".");
    std::error_code error;
    fs::create_directories(output, error);
    if (error)
        throw Error(output, 0, "cannot create the folder: " + error.message());
    TorchScriptExport result;
    result.file = (fs::path(output) / "model.pt").string();
    result.metadata = (fs::path(output) / "torchscript.json").string();
    TorchScriptProgram program;
    nlohmann::json json;
    try {
        torch::NoGradGuard noGrad;
        const auto module = buildModule(model, weights, program);
        json = metadata(model, weights, program);
        // In memory first: LibTorch's file writer ends the process on a full disk.
        std::ostringstream bytes;
        module.save(bytes, {{"torchscript.json", json.dump(2)}});
        writeWholeFile(result.file + ".partial", bytes.str());
    } catch (const Error&) {
        fs::remove(result.file + ".partial", error);
        throw;
    } catch (const c10::Error& e) {
        fs::remove(result.file + ".partial", error);
        throw Error(result.file, 0,
                    std::string("cannot write the TorchScript module: ") +
                        e.what_without_backtrace(),
                    "Check the free disk space; if it persists, export a Hugging Face folder.");
    } catch (const std::exception& e) { // TorchScript's compiler reports with ErrorReport
        fs::remove(result.file + ".partial", error);
        throw Error(result.file, 0, std::string("cannot build the TorchScript module: ") + e.what(),
                    "Export a Hugging Face folder instead, and report this model's config.json.");
    }
    fs::rename(result.file + ".partial", result.file, error);
    if (error)
        throw Error(result.file, 0, "cannot rename the written module: " + error.message());
    result.sha256 = Sha256::hexOfFile(result.file);
    result.bytes = static_cast<std::int64_t>(fs::file_size(result.file));
    json["sha256"] = result.sha256;
    json["bytes"] = result.bytes;
    writeText(result.metadata, json.dump(2) + "\n");
    copyTokenizerFiles(model.directory(), output);
    const ExportSamples samples = exportSamples(model.config(), model.directory());
    result.verification = verifyTorchScriptExport(model, result.file, weights, &samples);
    return result;
}

} // namespace domaintune
