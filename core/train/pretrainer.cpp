#include "core/train/pretrainer.h"

#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/model/pretrainedmodel.h"
#include "core/text/sentencepiecemodel.h"
#include "core/train/task.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

std::vector<Example> readCorpus(const PretrainSpec& spec)
{
    std::vector<CorpusSource> sources;
    for (const auto& path : spec.corpus)
        sources.push_back({path, "train"});
    if (sources.empty())
        throw Error("Pretraining needs text: give at least one corpus file or folder.");
    ImportOptions options;
    options.textUnit = TextUnit::Block;
    auto examples = importCorpus(sources, options).examples();
    for (auto& example : examples) { // documents only: labels mean nothing here
        example.labels.clear();
        example.split.clear();
    }
    if (examples.empty())
        throw Error(spec.corpus.front(), 0, "the corpus holds no text",
                    "Give plain-text, Markdown or CSV files with sentences in them.");
    return examples;
}

void trainVocabulary(const PretrainSpec& spec, const std::vector<Example>& examples,
                     const fs::path& folder)
{
    const fs::path text = folder / "vocabulary-corpus.txt";
    {
        std::ofstream out(text);
        for (const auto& example : examples) {
            std::string line = example.text;
            std::replace(line.begin(), line.end(), '\n', ' ');
            out << line << '\n';
        }
    }
    // Control symbols are never produced from text; [CLS]/[SEP]/[MASK] come from templates.
    // The size is a ceiling, not a demand (hard_vocab_limit=false): a small corpus gets the
    // largest vocabulary it supports instead of sentencepiece's "Vocabulary size too high".
    SentencePieceModel::train(
        "--input=" + text.string() + " --model_prefix=" + (folder / "spiece").string() +
        " --vocab_size=" + std::to_string(spec.vocabSize) +
        " --model_type=unigram --character_coverage=0.9995 --pad_id=0 --unk_id=1"
        " --bos_id=-1 --eos_id=-1 --control_symbols=[CLS],[SEP],[MASK]"
        " --input_sentence_size=2000000 --shuffle_input_sentence=true --num_threads=2"
        " --max_sentence_length=16384 --hard_vocab_limit=false --minloglevel=2");
    fs::remove(text);
}

void writeJson(const fs::path& path, const nlohmann::json& json)
{
    std::ofstream out(path);
    out << json.dump(2) << '\n';
    if (!out)
        throw Error(path.string(), 0, "cannot write the file");
}

/** The initial model folder: fresh weights, vocabulary, tokenizer settings. */
std::string writeInitialModel(const PretrainSpec& spec, const fs::path& output)
{
    const fs::path folder = output / "init";
    if (fs::exists(folder / "model.safetensors"))
        return folder.string();
    const SentencePieceModel vocabulary((output / "spiece.model").string());
    const nlohmann::json config = {
        {"model_type", "bert"},
        {"architectures", {"BertForMaskedLM"}},
        {"vocab_size", vocabulary.vocabSize()},
        {"hidden_size", spec.hidden},
        {"num_hidden_layers", spec.layers},
        {"num_attention_heads", spec.heads},
        {"intermediate_size", 4 * spec.hidden},
        {"max_position_embeddings", std::max<std::int64_t>(512, spec.maxLength)},
        {"type_vocab_size", 2},
        {"pad_token_id", vocabulary.padId()},
        {"hidden_act", "gelu"}};
    PretrainedModel::create(parseModelConfig(config, "config.json"), HeadKind::MaskedLm, spec.seed)
        ->save(folder.string());
    fs::copy_file(output / "spiece.model", folder / "spiece.model",
                  fs::copy_options::overwrite_existing);
    // transformers reads this folder's tokenizer as ALBERT's (SentencePiece with [CLS]/[SEP]).
    writeJson(folder / "tokenizer_config.json", {{"tokenizer_class", "AlbertTokenizer"},
                                                 {"do_lower_case", false},
                                                 {"keep_accents", true},
                                                 {"model_max_length", spec.maxLength}});
    writeJson(folder / "special_tokens_map.json", {{"cls_token", "[CLS]"},
                                                   {"sep_token", "[SEP]"},
                                                   {"mask_token", "[MASK]"},
                                                   {"pad_token", "<pad>"},
                                                   {"unk_token", "<unk>"}});
    return folder.string();
}

} // namespace

TrainResult pretrainFromScratch(const PretrainSpec& spec, EventSink& sink,
                                const TrainingControl& control, bool resume)
{
    try {
        const fs::path output(spec.outputDir);
        fs::create_directories(output);
        const auto examples = readCorpus(spec);
        TrainingEvent event;
        event.message = "Corpus: " + std::to_string(examples.size()) + " documents";
        sink.onEvent(event);
        if (!fs::exists(output / "spiece.model")) {
            event.message = "Training a " + std::to_string(spec.vocabSize) + "-piece vocabulary";
            sink.onEvent(event);
            trainVocabulary(spec, examples, output);
            const auto pieces = SentencePieceModel((output / "spiece.model").string()).vocabSize();
            if (pieces < spec.vocabSize) {
                event.message = "The corpus supports " + std::to_string(pieces) +
                                " vocabulary pieces, fewer than the " +
                                std::to_string(spec.vocabSize) + " asked for: the vocabulary has " +
                                std::to_string(pieces) + " (give more text for a larger one)";
                sink.onEvent(event);
            }
        }
        TrainSpec train;
        train.name = "pretrain " + output.filename().string();
        train.task = taskInfo(Task::MaskedLm).name;
        train.modelDir = writeInitialModel(spec, output);
        train.trainFile = spec.corpus.front();
        train.outputDir = output.string();
        train.maxLength = spec.maxLength;
        train.epochs = spec.epochs;
        train.maxSteps = spec.maxSteps;
        train.batchSize = spec.batchSize;
        train.learningRate = spec.learningRate;
        train.warmupRatio = 0.06;
        train.seed = spec.seed;
        train.threads = spec.threads;
        train.wholeWordMasking = spec.wholeWordMasking;
        train.dropout = spec.dropout;
        train.checkpointSteps = spec.checkpointSteps;
        train.validationFraction = 0.02;
        TrainOptions options;
        options.resume = resume && fs::exists(output / "checkpoint" / "state.json");
        return Trainer::run(train, {examples, {}}, sink, control, options);
    } catch (const std::exception& e) {
        TrainResult result;
        result.status = "failed";
        result.message = e.what();
        TrainingEvent failed;
        failed.kind = TrainingEventKind::Failed;
        failed.message = result.message;
        sink.onEvent(failed);
        return result;
    }
}

} // namespace domaintune
