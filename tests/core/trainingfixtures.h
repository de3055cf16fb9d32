#pragma once

// Small models built from scratch with real vocabularies, for the training tests.

#include "core/model/pretrainedmodel.h"

#include <QFile>
#include <QString>
#include <QStringList>

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

} // namespace domaintune::test
