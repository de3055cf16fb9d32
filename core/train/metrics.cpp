#include "core/train/metrics.h"

#include "core/common/error.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace domaintune {
namespace {

double ratio(double numerator, double denominator)
{
    return denominator > 0 ? numerator / denominator : 0.0; // scikit-learn's zero_division=0
}

double f1Of(double precision, double recall)
{
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

/** Per-class counts: true positives, predicted positives, actual positives. */
struct Counts
{
    std::vector<double> truePositive, predictedPositive, actualPositive;
    explicit Counts(std::size_t n) : truePositive(n), predictedPositive(n), actualPositive(n) {}
};

/** Fills perClass and the three averages from per-class counts. */
void summarise(const Counts& counts, const std::vector<std::string>& labels,
               std::vector<ClassMetrics>& perClass, AveragedMetrics& macro, AveragedMetrics& micro,
               AveragedMetrics& weighted)
{
    const std::size_t n = labels.size();
    double tp = 0, predicted = 0, actual = 0, support = 0;
    perClass.clear();
    macro = weighted = {};
    for (std::size_t c = 0; c < n; ++c) {
        ClassMetrics m;
        m.label = labels[c];
        m.precision = ratio(counts.truePositive[c], counts.predictedPositive[c]);
        m.recall = ratio(counts.truePositive[c], counts.actualPositive[c]);
        m.f1 = f1Of(m.precision, m.recall);
        m.support = static_cast<std::int64_t>(counts.actualPositive[c]);
        perClass.push_back(m);
        tp += counts.truePositive[c];
        predicted += counts.predictedPositive[c];
        actual += counts.actualPositive[c];
        support += double(m.support);
        macro.precision += m.precision / double(n);
        macro.recall += m.recall / double(n);
        macro.f1 += m.f1 / double(n);
    }
    for (const auto& m : perClass) {
        weighted.precision += ratio(m.precision * double(m.support), support);
        weighted.recall += ratio(m.recall * double(m.support), support);
        weighted.f1 += ratio(m.f1 * double(m.support), support);
    }
    micro.precision = ratio(tp, predicted);
    micro.recall = ratio(tp, actual);
    micro.f1 = f1Of(micro.precision, micro.recall);
}

void checkSameLength(std::size_t a, std::size_t b)
{
    if (a != b)
        throw Error("Metrics need one prediction per example: got " + std::to_string(b) +
                    " predictions for " + std::to_string(a) + " examples.");
}

/** seqeval's split of "B-PER" into ('B', "PER"); "O" gives ('O', "_"). */
std::pair<char, std::string> splitTag(const std::string& tag)
{
    if (tag.empty())
        return {'O', "_"};
    const char prefix = tag[0];
    std::string rest = tag.substr(1);
    const auto dash = rest.find('-');
    std::string type = dash == std::string::npos ? rest : rest.substr(dash + 1);
    return {prefix, type.empty() ? "_" : type};
}

bool endOfChunk(char prev, char tag, const std::string& prevType, const std::string& type)
{
    if (prev == 'E' || prev == 'S')
        return true;
    if ((prev == 'B' || prev == 'I') && (tag == 'B' || tag == 'S' || tag == 'O'))
        return true;
    return prev != 'O' && prev != '.' && prevType != type;
}

bool startOfChunk(char prev, char tag, const std::string& prevType, const std::string& type)
{
    if (tag == 'B' || tag == 'S')
        return true;
    if ((prev == 'E' || prev == 'S' || prev == 'O') && (tag == 'E' || tag == 'I'))
        return true;
    return tag != 'O' && tag != '.' && prevType != type;
}

} // namespace

bool Entity::operator<(const Entity& other) const
{
    return std::tie(type, begin, end) < std::tie(other.type, other.begin, other.end);
}

bool Entity::operator==(const Entity& other) const
{
    return type == other.type && begin == other.begin && end == other.end;
}

ClassificationReport classificationReport(const std::vector<std::int64_t>& truth,
                                          const std::vector<std::int64_t>& predicted,
                                          const std::vector<std::string>& labels)
{
    checkSameLength(truth.size(), predicted.size());
    const auto n = static_cast<std::int64_t>(labels.size());
    ClassificationReport report;
    report.confusion.assign(labels.size(), std::vector<std::int64_t>(labels.size(), 0));
    Counts counts(labels.size());
    std::int64_t correct = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const auto t = truth[i], p = predicted[i];
        if (t < 0 || t >= n || p < 0 || p >= n)
            throw Error("Example " + std::to_string(i) + " has class index " +
                        std::to_string(t < 0 || t >= n ? t : p) + " but there are only " +
                        std::to_string(n) + " labels.");
        ++report.confusion[t][p];
        counts.actualPositive[t] += 1;
        counts.predictedPositive[p] += 1;
        if (t == p) {
            counts.truePositive[t] += 1;
            ++correct;
        }
    }
    report.accuracy = ratio(double(correct), double(truth.size()));
    summarise(counts, labels, report.perClass, report.macro, report.micro, report.weighted);
    return report;
}

ClassificationReport multiLabelReport(const std::vector<std::vector<std::uint8_t>>& truth,
                                      const std::vector<std::vector<std::uint8_t>>& predicted,
                                      const std::vector<std::string>& labels)
{
    checkSameLength(truth.size(), predicted.size());
    ClassificationReport report;
    Counts counts(labels.size());
    std::int64_t exact = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        if (truth[i].size() != labels.size() || predicted[i].size() != labels.size())
            throw Error("Example " + std::to_string(i) +
                        " does not have one 0/1 value per "
                        "label (" +
                        std::to_string(labels.size()) + ").");
        bool same = true;
        for (std::size_t c = 0; c < labels.size(); ++c) {
            const bool t = truth[i][c] != 0, p = predicted[i][c] != 0;
            counts.actualPositive[c] += t;
            counts.predictedPositive[c] += p;
            counts.truePositive[c] += t && p;
            same = same && t == p;
        }
        exact += same;
    }
    report.accuracy = ratio(double(exact), double(truth.size()));
    summarise(counts, labels, report.perClass, report.macro, report.micro, report.weighted);
    return report;
}

std::vector<Entity> extractEntities(const std::vector<std::vector<std::string>>& sentences)
{
    // seqeval flattens the sentences with an "O" after each, then scans once.
    std::vector<std::string> tags;
    for (const auto& sentence : sentences) {
        tags.insert(tags.end(), sentence.begin(), sentence.end());
        tags.push_back("O");
    }
    tags.push_back("O");
    std::vector<Entity> entities;
    char prev = 'O';
    std::string prevType;
    std::int64_t begin = 0;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const auto [tag, type] = splitTag(tags[i]);
        if (endOfChunk(prev, tag, prevType, type))
            entities.push_back({prevType, begin, static_cast<std::int64_t>(i) - 1});
        if (startOfChunk(prev, tag, prevType, type))
            begin = static_cast<std::int64_t>(i);
        prev = tag;
        prevType = type;
    }
    return entities;
}

EntityReport entityReport(const std::vector<std::vector<std::string>>& truth,
                          const std::vector<std::vector<std::string>>& predicted)
{
    checkSameLength(truth.size(), predicted.size());
    for (std::size_t i = 0; i < truth.size(); ++i)
        if (truth[i].size() != predicted[i].size())
            throw Error("Sentence " + std::to_string(i) + " has " +
                        std::to_string(truth[i].size()) + " gold tags but " +
                        std::to_string(predicted[i].size()) + " predicted tags.");
    const auto gold = extractEntities(truth);
    const auto guessed = extractEntities(predicted);
    const std::set<Entity> goldSet(gold.begin(), gold.end());
    std::set<std::string> typeSet;
    for (const auto* list : {&gold, &guessed})
        for (const auto& entity : *list)
            typeSet.insert(entity.type);
    const std::vector<std::string> types(typeSet.begin(), typeSet.end());
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < types.size(); ++i)
        index[types[i]] = i;
    Counts counts(types.size());
    for (const auto& entity : goldSet) // seqeval counts distinct entities
        counts.actualPositive[index[entity.type]] += 1;
    for (const auto& entity : std::set<Entity>(guessed.begin(), guessed.end())) {
        counts.predictedPositive[index[entity.type]] += 1;
        counts.truePositive[index[entity.type]] += goldSet.count(entity);
    }
    EntityReport report;
    summarise(counts, types, report.perType, report.macro, report.micro, report.weighted);
    return report;
}

} // namespace domaintune
