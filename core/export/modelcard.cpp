#include "core/export/modelcard.h"

#include <cstdio>
#include <sstream>

namespace domaintune {
namespace {

const char* pipelineTag(HeadKind head)
{
    switch (head) {
    case HeadKind::SequenceClassification:
    case HeadKind::SentenceClassification:
        return "text-classification";
    case HeadKind::TokenClassification:
        return "token-classification";
    case HeadKind::MaskedLm:
        return "fill-mask";
    case HeadKind::CausalLm:
        return "text-generation";
    case HeadKind::QuestionAnswering:
        return "question-answering";
    case HeadKind::Base:
        break;
    }
    return "feature-extraction";
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", value);
    return text;
}

void writeHyperParameters(std::ostringstream& out, const nlohmann::json& spec)
{
    if (!spec.is_object())
        return;
    out << "\n## Training\n\n| setting | value |\n| --- | --- |\n";
    for (const char* key : {"epochs", "max_steps", "batch_size", "gradient_accumulation",
                            "learning_rate", "weight_decay", "warmup_ratio", "schedule",
                            "max_length", "seed", "class_weights", "group_by_length"})
        if (spec.contains(key))
            out << "| " << key << " | " << spec.at(key).dump() << " |\n";
    if (spec.contains("freeze"))
        out << "| freeze plan | `" << spec.at("freeze").dump() << "` |\n";
}

void writeConfusion(std::ostringstream& out, const ModelCardFacts& facts)
{
    if (facts.confusion.empty())
        return;
    out << "\nConfusion matrix (rows: true label, columns: predicted):\n\n| |";
    for (const auto& label : facts.confusionLabels)
        out << ' ' << label << " |";
    // Markdown needs one separator cell per column, or the table does not render.
    out << "\n| --- |";
    for (std::size_t c = 0; c < facts.confusionLabels.size(); ++c)
        out << " --- |";
    out << '\n';
    for (std::size_t r = 0; r < facts.confusion.size(); ++r) {
        out << "| **" << facts.confusionLabels[r] << "** |";
        for (auto count : facts.confusion[r])
            out << ' ' << count << " |";
        out << '\n';
    }
}

} // namespace

std::string modelCard(const ModelCardFacts& facts)
{
    std::ostringstream out;
    out << "---\npipeline_tag: " << pipelineTag(facts.head) << "\ntags:\n- domaintune\n";
    if (!facts.domain.empty())
        out << "- " << facts.domain << '\n';
    out << "---\n\n# " << (facts.name.empty() ? "DomainTune model" : facts.name) << "\n\n";
    out << "Fine-tuned with DomainTune. Architecture `" << facts.config.architectureFor(facts.head)
        << "` (" << facts.config.modelType << ", " << facts.config.numLayers
        << " layers, hidden size " << facts.config.hiddenSize << "), weights in "
        << facts.weightsDtype << ".\n\n";
    out << "| | |\n| --- | --- |\n";
    out << "| task | " << (facts.task.empty() ? headKindName(facts.head) : facts.task) << " |\n";
    out << "| domain | " << (facts.domain.empty() ? "not stated" : facts.domain) << " |\n";
    out << "| base model | " << (facts.baseModel.empty() ? "not recorded" : facts.baseModel)
        << " |\n";
    out << "| data fingerprint | "
        << (facts.datasetFingerprint.empty() ? "not recorded"
                                             : "`" + facts.datasetFingerprint + "`")
        << " |\n";
    // Language-model heads carry transformers' placeholder labels (LABEL_0, LABEL_1): not shown.
    const bool labelled =
        classifiesTexts(facts.head) || facts.head == HeadKind::TokenClassification;
    if (labelled && !facts.config.labels.empty()) {
        out << "| labels |";
        for (const auto& label : facts.config.labels)
            out << ' ' << label;
        out << " |\n";
    }
    if (facts.chain.size() > 1) {
        // Chained adaptation: each step trained on the model of the one before.
        out << "\n## How this model was built\n\n";
        for (std::size_t i = 0; i < facts.chain.size(); ++i) {
            const auto& step = facts.chain[i];
            out << i + 1 << ". " << (step.name.empty() ? "unnamed run" : step.name) << " ("
                << step.task << ", " << step.domain << ")";
            if (i == 0)
                out << ", from " << step.baseModel;
            else
                out << ", on the model of step " << i;
            out << '\n';
        }
    }
    writeHyperParameters(out, facts.spec);
    if (!facts.metrics.empty()) {
        out << "\n## Evaluation (validation data)\n\n| metric | value |\n| --- | --- |\n";
        for (const auto& [name, value] : facts.metrics)
            out << "| " << name << " | " << number(value) << " |\n";
    }
    writeConfusion(out, facts);
    out << "\n## Intended use and limitations\n\n"
           "Meant for the domain and label set above, on text like the training data. It has "
           "not been checked for fairness or robustness beyond the reported validation metrics; "
           "check its outputs on your own data before relying on them, and keep a person in the "
           "loop for decisions with legal, medical or financial consequences.\n\n";
    if (facts.head == HeadKind::SentenceClassification) {
        // transformers has no class for it: the encoder is a sentence-transformers model.
        const std::string pooling =
            facts.config.sentencePooling.mode == "cls" ? "first-token" : "mean";
        out << "Trained few-shot, as SetFit does. Load the encoder with `sentence-transformers` "
               "(`SentenceTransformer(folder)`: "
            << pooling << " pooling"
            << (facts.config.sentencePooling.normalize ? ", normalised" : "")
            << "); the labels' scores are `embedding @ classifier.weight.T + classifier.bias` "
               "(both in `model.safetensors`, labels in `config.json`'s `id2label`), or use "
               "the TorchScript export, which computes them in one call. DomainTune loads it "
               "as it is.\n";
    } else {
        out << "Load it with `transformers` (`AutoModelFor...from_pretrained(folder)`) or with "
               "DomainTune.\n";
    }
    return out.str();
}

} // namespace domaintune
