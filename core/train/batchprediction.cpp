#include "core/train/batchprediction.h"

#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/data/importreport.h"
#include "core/train/predictor.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
std::string csvField(const std::string& value)
{
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + '"';
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void writeCsv(std::ostream& out, const Predictor& predictor,
              const std::vector<Prediction>& predictions)
{
    const bool tokens = predictor.head() == HeadKind::TokenClassification;
    out << "text," << (tokens ? "tags" : "label");
    if (!tokens)
        for (const auto& label : predictor.labels())
            out << ',' << csvField("p_" + label);
    out << "\r\n";
    for (const auto& prediction : predictions) {
        out << csvField(prediction.text) << ',';
        if (tokens) {
            std::string tags;
            for (std::size_t i = 0; i < prediction.words.size(); ++i)
                tags += (i ? " " : "") + prediction.words[i] + "/" + prediction.tags[i];
            out << csvField(tags);
        } else {
            out << csvField(prediction.labels.empty() || prediction.labels.size() == 1
                                ? prediction.label
                                : nlohmann::json(prediction.labels).dump());
            for (float probability : prediction.probabilities)
                out << ',' << probability;
        }
        out << "\r\n";
    }
}

void writeJsonl(std::ostream& out, const Predictor& predictor,
                const std::vector<Prediction>& predictions)
{
    for (const auto& prediction : predictions) {
        nlohmann::json row = {{"text", prediction.text}};
        if (predictor.head() == HeadKind::TokenClassification) {
            row["words"] = prediction.words;
            row["tags"] = prediction.tags;
        } else {
            row["label"] = prediction.label;
            nlohmann::json probabilities = nlohmann::json::object();
            for (std::size_t i = 0; i < prediction.probabilities.size(); ++i)
                probabilities[predictor.labels()[i]] = prediction.probabilities[i];
            row["probabilities"] = probabilities;
            if (!prediction.labels.empty())
                row["labels"] = prediction.labels;
        }
        out << row.dump() << '\n';
    }
}

std::vector<Prediction> predictAll(const Predictor& predictor,
                                   const std::vector<std::string>& texts,
                                   const BatchPredictionRequest& request, bool& cancelled)
{
    std::vector<Prediction> predictions;
    predictions.reserve(texts.size());
    const std::size_t step = std::max<std::size_t>(request.batchSize, 1) * 4;
    for (std::size_t begin = 0; begin < texts.size(); begin += step) {
        if (request.cancel && request.cancel->load()) {
            cancelled = true;
            return predictions;
        }
        const std::size_t end = std::min(texts.size(), begin + step);
        auto part = predictor.predict(
            {texts.begin() + static_cast<long>(begin), texts.begin() + static_cast<long>(end)},
            request.batchSize);
        std::move(part.begin(), part.end(), std::back_inserter(predictions));
        if (request.progress)
            request.progress(end, texts.size());
    }
    return predictions;
}

/**
 * Every input row gets an output row, or nothing is written: predictions that silently leave
 * out the rows the reader could not parse (20 in, 19 out) are worse than none.
 */
void refuseSkippedRows(const ImportReport& report, const std::string& input)
{
    if (report.skippedRecords() == 0)
        return;
    std::string where;
    int shown = 0;
    for (const auto& issue : report.issues())
        if (issue.line > 0 && shown < 3) {
            where += (shown++ ? "; " : "") + issue.message();
        }
    throw Error(input, 0,
                std::to_string(report.skippedRecords()) +
                    " row(s) could not be read, so no predictions were written (each input row "
                    "gets exactly one output row): " +
                    where,
                "Repair or remove those rows and predict again.");
}

} // namespace

BatchPredictionResult predictFile(const BatchPredictionRequest& request)
{
    const Predictor predictor(request.modelDir, request.maxLength);
    ImportOptions options;
    options.encoding = request.encoding;
    options.mapping.text = request.textColumn;
    options.cancel = request.cancel;
    const Corpus corpus = importCorpus(request.input, options);
    refuseSkippedRows(corpus.report(), request.input);
    std::vector<std::string> texts;
    for (const auto& example : corpus.examples())
        texts.push_back(example.text);

    BatchPredictionResult result;
    result.output = request.output;
    result.labels = predictor.labels();
    const auto predictions = predictAll(predictor, texts, request, result.cancelled);
    if (result.cancelled || corpus.report().cancelled()) {
        result.cancelled = true;
        return result;
    }
    const std::string& path = request.output;
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary);
        if (!out)
            throw Error(path, 0, "cannot create the predictions file",
                        "Choose a folder you can write to.");
        if (endsWith(path, ".jsonl") || endsWith(path, ".json"))
            writeJsonl(out, predictor, predictions);
        else
            writeCsv(out, predictor, predictions);
        if (!out.flush())
            throw Error(path, 0, "cannot write the predictions", "Check the free disk space.");
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0)
        throw Error(path, 0, "cannot replace the predictions file");
    result.rows = predictions.size();
    return result;
}

} // namespace domaintune
