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

void writeAnswersCsv(std::ostream& out, const std::vector<Question>& questions,
                     const std::vector<QuestionAnswer>& answers)
{
    out << "id,question,prediction_text,score,start,end\r\n";
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const SpanAnswer& answer = answers[i].answer;
        out << csvField(answers[i].id) << ',' << csvField(questions[i].question) << ','
            << csvField(answer.text) << ',' << answer.probability << ',' << answer.characterBegin
            << ',' << answer.characterEnd << "\r\n";
    }
}

std::vector<QuestionAnswer> answerAll(const Predictor& predictor,
                                      const std::vector<Question>& questions,
                                      const BatchPredictionRequest& request, bool& cancelled)
{
    SpanAnswerOptions options;
    options.allowNoAnswer = request.allowNoAnswer;
    options.nullThreshold = request.nullThreshold;
    std::vector<QuestionAnswer> answers;
    answers.reserve(questions.size());
    const std::size_t step = std::max<std::size_t>(request.batchSize, 1);
    for (std::size_t begin = 0; begin < questions.size(); begin += step) {
        if (request.cancel && request.cancel->load()) {
            cancelled = true;
            return answers;
        }
        const std::size_t end = std::min(questions.size(), begin + step);
        auto part = predictor.answer({questions.begin() + static_cast<long>(begin),
                                      questions.begin() + static_cast<long>(end)},
                                     options, request.batchSize);
        std::move(part.begin(), part.end(), std::back_inserter(answers));
        if (request.progress)
            request.progress(end, questions.size());
    }
    return answers;
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

void writeAnswersJsonl(std::ostream& out, const std::vector<QuestionAnswer>& answers)
{
    for (const QuestionAnswer& row : answers)
        out << nlohmann::json{{"id", row.id},
                              {"prediction_text", row.answer.text},
                              {"score", row.answer.probability},
                              {"start", row.answer.characterBegin},
                              {"end", row.answer.characterEnd}}
                   .dump()
            << '\n';
}

BatchPredictionResult predictFile(const BatchPredictionRequest& request)
{
    const Predictor predictor(request.modelDir, request.maxLength);
    ImportOptions options;
    options.encoding = request.encoding;
    options.mapping.text = request.textColumn;
    options.cancel = request.cancel;
    const Corpus corpus = importCorpus(request.input, options);
    refuseSkippedRows(corpus.report(), request.input);
    const bool questionAnswering = predictor.head() == HeadKind::QuestionAnswering;
    std::vector<std::string> texts;
    std::vector<Question> questions;
    for (const auto& example : corpus.examples()) {
        if (!questionAnswering) {
            texts.push_back(example.text);
            continue;
        }
        if (example.textPair.empty())
            throw Error(example.source, example.line,
                        "a question without a context (the model answers from a context)",
                        "Give the file question and context columns, or use SQuAD JSON.");
        questions.push_back({example.id.empty() ? std::to_string(questions.size() + 1) : example.id,
                             example.text, example.textPair, example.source, example.line});
    }

    BatchPredictionResult result;
    result.output = request.output;
    result.labels = predictor.labels();
    std::vector<Prediction> predictions;
    std::vector<QuestionAnswer> answers;
    if (questionAnswering)
        answers = answerAll(predictor, questions, request, result.cancelled);
    else
        predictions = predictAll(predictor, texts, request, result.cancelled);
    if (result.cancelled || corpus.report().cancelled()) {
        result.cancelled = true;
        return result;
    }
    const std::string& path = request.output;
    const std::string partial = path + ".partial";
    const bool json = endsWith(path, ".jsonl") || endsWith(path, ".json");
    {
        std::ofstream out(partial, std::ios::binary);
        if (!out)
            throw Error(path, 0, "cannot create the predictions file",
                        "Choose a folder you can write to.");
        if (questionAnswering && json)
            writeAnswersJsonl(out, answers);
        else if (questionAnswering)
            writeAnswersCsv(out, questions, answers);
        else if (json)
            writeJsonl(out, predictor, predictions);
        else
            writeCsv(out, predictor, predictions);
        if (!out.flush())
            throw Error(path, 0, "cannot write the predictions", "Check the free disk space.");
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0)
        throw Error(path, 0, "cannot replace the predictions file");
    result.rows = questionAnswering ? answers.size() : predictions.size();
    return result;
}

} // namespace domaintune
