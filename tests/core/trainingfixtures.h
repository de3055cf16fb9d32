#pragma once

// Small models built from scratch with real vocabularies, for the training tests.

#include "core/data/example.h"
#include "core/model/pretrainedmodel.h"
#include "core/train/trainspec.h"
#include "testpaths.h"

#include <QFile>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace domaintune::test {

/** A 2-layer, 64-wide BERT shaped for the bert-base-uncased vocabulary. */
inline nlohmann::json smallBertConfig()
{
    return {{"model_type", "bert"},     {"architectures", {"BertModel"}},
            {"vocab_size", 30522},      {"hidden_size", 64},
            {"num_hidden_layers", 2},   {"num_attention_heads", 2},
            {"intermediate_size", 128}, {"max_position_embeddings", 128},
            {"type_vocab_size", 2},     {"pad_token_id", 0}};
}

/**
 * Writes a model folder with fresh weights for @p config, plus @p tokenizerFiles copied from
 * @p tokenizerDir (and @p tokenizerConfig as tokenizer_config.json when not empty).
 */
inline QString makeModelFolder(const QString& folder, const nlohmann::json& config,
                               const QStringList& tokenizerFiles, const QString& tokenizerDir,
                               const std::string& tokenizerConfig = {}, std::uint64_t seed = 7)
{
    PretrainedModel::create(parseModelConfig(config, "config.json"), HeadKind::Base, seed)
        ->save(folder.toStdString());
    for (const QString& file : tokenizerFiles)
        QFile::copy(tokenizerDir + QLatin1Char('/') + file, folder + QLatin1Char('/') + file);
    if (!tokenizerConfig.empty())
        std::ofstream(folder.toStdString() + "/tokenizer_config.json") << tokenizerConfig;
    return folder;
}

/**
 * A copy of the committed tiny BERT classifier (tests/reference/models/bert-seq-cls: 2 layers,
 * 16 wide, 48 tokens, labels negative/neutral/positive) in @p folder, with a WordPiece
 * vocabulary of its 48 tokens so that it trains on tinySentimentExamples(). Needs nothing
 * outside the repository.
 */
inline std::string makeTinyClassifier(const std::string& folder,
                                      const std::string& reference = "bert-seq-cls")
{
    namespace fs = std::filesystem;
    fs::remove_all(folder);
    fs::copy(domaintune::test::sourceFile("/tests/reference/models/") + reference, folder);
    std::ofstream vocab(fs::path(folder) / "vocab.txt");
    const std::vector<std::string> words = {"[PAD]",  "[UNK]", "[CLS]", "[SEP]", "[MASK]", "profit",
                                            "loss",   "rose",  "fell",  "good",  "bad",    "the",
                                            "shares", "bank",  "rates", "cut",   "up",     "down"};
    for (const auto& word : words)
        vocab << word << '\n';
    for (int i = static_cast<int>(words.size()); i < 48; ++i)
        vocab << "w" << i << '\n';
    return folder;
}

/** A seq-cls run of makeTinyClassifier() @p model into @p output: 2 epochs of batches of 8,
 * 16 tokens, one thread (bit-identical repeats). */
inline TrainSpec tinyTrainSpec(const std::string& model, const std::string& output)
{
    TrainSpec spec;
    spec.modelDir = model;
    spec.task = "seq-cls";
    spec.trainFile = "memory";
    spec.outputDir = output;
    spec.epochs = 2;
    spec.batchSize = 8;
    spec.maxLength = 16;
    spec.threads = 1;
    return spec;
}

/** @p repeats copies of six short labelled sentences in makeTinyClassifier()'s vocabulary. */
inline std::vector<Example> tinySentimentExamples(int repeats = 8)
{
    const char* texts[][2] = {{"profit rose up", "positive"},    {"shares fell down", "negative"},
                              {"the bank cut rates", "neutral"}, {"good profit", "positive"},
                              {"bad loss", "negative"},          {"the rates", "neutral"}};
    std::vector<Example> examples;
    for (int repeat = 0; repeat < repeats; ++repeat)
        for (const auto& [text, label] : texts) {
            Example example;
            example.text = text;
            example.labels = {label};
            examples.push_back(example);
        }
    return examples;
}

} // namespace domaintune::test
