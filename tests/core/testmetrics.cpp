// Metrics must agree with scikit-learn (Debian python3-sklearn) on the same predictions, and
// entity F1 with seqeval's documented behaviour.
#include "core/train/metrics.h"

#include <QtTest>

#include <nlohmann/json.hpp>
#include <random>

using namespace domaintune;

namespace {

const char* kSklearn = R"PY(
import json, sys
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
data = json.load(open(sys.argv[1]))
labels = list(range(data["classes"]))
out = {}
if data["multilabel"]:
    import numpy as np
    t, p = np.array(data["truth"]), np.array(data["predicted"])
else:
    t, p = data["truth"], data["predicted"]
    out["confusion"] = confusion_matrix(t, p, labels=labels).tolist()
out["accuracy"] = accuracy_score(t, p)
for average in ["macro", "micro", "weighted"]:
    r = precision_recall_fscore_support(t, p, labels=labels, average=average, zero_division=0)
    out[average] = [float(r[0]), float(r[1]), float(r[2])]
r = precision_recall_fscore_support(t, p, labels=labels, average=None, zero_division=0)
out["per_class"] = [[float(a), float(b), float(c), int(d)] for a, b, c, d in zip(*r)]
print(json.dumps(out))
)PY";

nlohmann::json runSklearn(const nlohmann::json& input)
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data.json"));
    const QString script = dir.filePath(QStringLiteral("metrics.py"));
    {
        QFile file(data);
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray::fromStdString(input.dump()));
        QFile code(script);
        code.open(QIODevice::WriteOnly);
        code.write(kSklearn);
    }
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {script, data});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return nlohmann::json::object({{"error", python.readAllStandardError().toStdString()}});
    return nlohmann::json::parse(python.readAllStandardOutput().toStdString());
}

bool sklearnAvailable()
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QStringLiteral("import sklearn")});
    return python.waitForFinished(60000) && python.exitCode() == 0;
}

void compareAverages(const AveragedMetrics& ours, const nlohmann::json& theirs, const char* what)
{
    const double values[3] = {ours.precision, ours.recall, ours.f1};
    for (int i = 0; i < 3; ++i)
        QVERIFY2(std::abs(values[i] - theirs[i].get<double>()) < 1e-12,
                 qPrintable(QStringLiteral("%1[%2]: %3 vs scikit-learn %4")
                                .arg(QLatin1String(what))
                                .arg(i)
                                .arg(values[i])
                                .arg(theirs[i].get<double>())));
}

void compareReport(const ClassificationReport& ours, const nlohmann::json& theirs)
{
    QVERIFY2(!theirs.contains("error"), theirs.value("error", "").c_str());
    QCOMPARE(ours.accuracy, theirs["accuracy"].get<double>());
    compareAverages(ours.macro, theirs["macro"], "macro");
    compareAverages(ours.micro, theirs["micro"], "micro");
    compareAverages(ours.weighted, theirs["weighted"], "weighted");
    QCOMPARE(ours.perClass.size(), theirs["per_class"].size());
    for (std::size_t c = 0; c < ours.perClass.size(); ++c) {
        const auto& row = theirs["per_class"][c];
        compareAverages({ours.perClass[c].precision, ours.perClass[c].recall, ours.perClass[c].f1},
                        row, "per class");
        QCOMPARE(ours.perClass[c].support, row[3].get<std::int64_t>());
    }
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!sklearnAvailable())
            QSKIP("/usr/bin/python3 with scikit-learn is missing: run scripts/install-deps");
    }

    void singleLabelAgreesWithScikitLearn_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("classes");
        QTest::newRow("3 classes") << 1 << 3;
        QTest::newRow("6 classes, one never predicted, one never true") << 2 << 6;
        QTest::newRow("2 classes") << 3 << 2;
    }

    void singleLabelAgreesWithScikitLearn()
    {
        QFETCH(int, seed);
        QFETCH(int, classes);
        std::mt19937 random(seed);
        std::vector<std::int64_t> truth, predicted;
        std::vector<std::string> labels;
        for (int c = 0; c < classes; ++c)
            labels.push_back("class" + std::to_string(c));
        for (int i = 0; i < 400; ++i) {
            // Skewed classes; the last class never occurs in truth when classes > 3.
            auto t = std::int64_t(random() % (classes > 3 ? classes - 1 : classes));
            if (random() % 3 == 0)
                t = 0;
            auto p = random() % 4 == 0 ? std::int64_t(random() % classes) : t;
            if (classes > 3 && p == 1)
                p = 2; // class 1 is never predicted
            truth.push_back(t);
            predicted.push_back(p);
        }
        const auto ours = classificationReport(truth, predicted, labels);
        const auto theirs = runSklearn({{"classes", classes},
                                        {"multilabel", false},
                                        {"truth", truth},
                                        {"predicted", predicted}});
        compareReport(ours, theirs);
        QCOMPARE(nlohmann::json(ours.confusion), theirs["confusion"]);
    }

    void multiLabelAgreesWithScikitLearn()
    {
        std::mt19937 random(7);
        const int classes = 5;
        std::vector<std::vector<std::uint8_t>> truth, predicted;
        for (int i = 0; i < 300; ++i) {
            std::vector<std::uint8_t> t(classes), p(classes);
            for (int c = 0; c < classes; ++c) {
                t[c] = random() % (c + 2) == 0;
                p[c] = random() % 5 == 0 ? !t[c] : t[c];
            }
            truth.push_back(t);
            predicted.push_back(p);
        }
        const auto ours = multiLabelReport(truth, predicted, {"a", "b", "c", "d", "e"});
        compareReport(ours, runSklearn({{"classes", classes},
                                        {"multilabel", true},
                                        {"truth", truth},
                                        {"predicted", predicted}}));
        QVERIFY(ours.confusion.empty());
    }

    void rejectsMismatchedInputs()
    {
        QVERIFY_THROWS_EXCEPTION(std::exception, classificationReport({0, 1}, {0}, {"a", "b"}));
        QVERIFY_THROWS_EXCEPTION(std::exception, classificationReport({0, 2}, {0, 1}, {"a", "b"}));
        QVERIFY_THROWS_EXCEPTION(std::exception, entityReport({{"O", "B-X"}}, {{"O"}}));
    }

    void entityF1FollowsSeqeval()
    {
        // seqeval's documented example: MISC is predicted one token too early, PER is right.
        const std::vector<std::vector<std::string>> truth = {
            {"O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"}, {"B-PER", "I-PER", "O"}};
        const std::vector<std::vector<std::string>> predicted = {
            {"O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"}, {"B-PER", "I-PER", "O"}};
        const auto report = entityReport(truth, predicted);
        QCOMPARE(report.micro.precision, 0.5);
        QCOMPARE(report.micro.recall, 0.5);
        QCOMPARE(report.micro.f1, 0.5);
        QCOMPARE(report.perType.size(), std::size_t(2));
        QCOMPARE(report.perType[0].label, std::string("MISC"));
        QCOMPARE(report.perType[0].f1, 0.0);
        QCOMPARE(report.perType[1].f1, 1.0);
    }

    void entityChunkingRules()
    {
        // An I- after O starts an entity (IOB1 / lenient mode); a type change splits; BIOES
        // single and end tags close entities; sentence ends close entities.
        const auto entities = extractEntities(
            {{"I-ORG", "I-ORG", "O", "B-PER", "I-LOC", "S-DIS", "B-DIS", "E-DIS", "B-ORG"},
             {"I-ORG"}});
        const std::vector<Entity> expected = {{"ORG", 0, 1},  {"PER", 3, 3}, {"LOC", 4, 4},
                                              {"DIS", 5, 5},  {"DIS", 6, 7}, {"ORG", 8, 8},
                                              {"ORG", 10, 10}};
        QCOMPARE(entities.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(entities[i] == expected[i],
                     qPrintable(QStringLiteral("entity %1: %2 %3-%4")
                                    .arg(i)
                                    .arg(QString::fromStdString(entities[i].type))
                                    .arg(entities[i].begin)
                                    .arg(entities[i].end)));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "testmetrics.moc"
