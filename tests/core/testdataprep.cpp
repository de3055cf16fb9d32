#include "core/common/error.h"
#include "core/data/corpusstatistics.h"
#include "core/data/datasetfingerprint.h"
#include "core/data/heldexamples.h"
#include "core/data/leakagechecker.h"
#include "core/data/splitter.h"
#include "core/data/textnormalizer.h"
#include "core/text/tokenizerfactory.h"
#include "datatestutil.h"

#include <QtTest>

using namespace domaintune;

namespace {

std::vector<Example> labelled(std::size_t perLabel)
{
    std::vector<Example> examples;
    for (const char* label : {"a", "b", "c"})
        for (std::size_t i = 0; i < perLabel; ++i) {
            Example example;
            example.text = std::string(label) + " text number " + std::to_string(i);
            example.labels = {label};
            examples.push_back(example);
        }
    return examples;
}

} // namespace

class TestDataPrep : public QObject
{
    Q_OBJECT

private slots:
    void normalizer()
    {
        NormalizationOptions options;
        options.fullWidthToHalfWidth = true;
        options.collapseWhitespace = true;
        const TextNormalizer normalizer(options);
        // Full-width "ＡＢＣ１２３！" and an ideographic space.
        QCOMPARE(normalizer.normalize("  \xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xE3\x80\x80"
                                      "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x81 \n\t x "),
                 std::string("ABC 123! x"));
        NormalizationOptions nfkc;
        nfkc.nfkc = true;
        QCOMPARE(TextNormalizer(nfkc).normalize("\xEF\xAC\x81"
                                                "ne \xE2\x91\xA0"),
                 std::string("fine 1")); // ligature fi, circled one
        QCOMPARE(nfkc.describe(), std::string("nfkc"));
        QCOMPARE(NormalizationOptions().describe(), std::string("none"));
    }

    void stratifiedDeterministicSplits()
    {
        std::vector<Example> first = labelled(100);
        std::vector<Example> second = labelled(100);
        SplitOptions options;
        options.seed = 7;
        assignSplits(first, options);
        assignSplits(second, options);
        std::map<std::string, std::map<std::string, int>> counts;
        for (std::size_t i = 0; i < first.size(); ++i) {
            QCOMPARE(first[i].split, second[i].split);
            ++counts[first[i].labels[0]][first[i].split];
        }
        for (const char* label : {"a", "b", "c"}) {
            QCOMPARE(counts[label]["test"], 10);
            QCOMPARE(counts[label]["validation"], 10);
            QCOMPARE(counts[label]["train"], 80);
        }
        std::vector<Example> other = labelled(100);
        options.seed = 8;
        assignSplits(other, options);
        int differ = 0;
        for (std::size_t i = 0; i < other.size(); ++i)
            differ += other[i].split != first[i].split ? 1 : 0;
        QVERIFY(differ > 20);
    }

    void existingSplitsAreKept()
    {
        std::vector<Example> examples = labelled(10);
        examples[0].split = "test";
        assignSplits(examples);
        QCOMPARE(examples[0].split, std::string("test"));
        QVERIFY_THROWS_EXCEPTION(Error, assignSplits(examples, SplitOptions{0.7, 0.5}));
    }

    void leakage()
    {
        std::vector<Example> examples(6);
        const char* texts[] = {
            "The quarterly revenue rose by ten percent in Europe.",
            "The quarterly revenue rose by ten percent in Europe.",       // exact
            "the Quarterly revenue   rose by TEN percent in Europe!",     // normalised
            "The quarterly revenue rose by ten percent in Europe today.", // near
            "Completely different sentence about the weather.",
            "Another unrelated line on sports results."};
        for (std::size_t i = 0; i < examples.size(); ++i) {
            examples[i].text = texts[i];
            examples[i].split = i == 0 ? "train" : i == 3 ? "test" : "train";
        }
        examples[1].split = "test";
        const LeakageReport report = checkLeakage(examples);
        QCOMPARE(report.exactAcross, std::size_t(1));
        QCOMPARE(report.normalizedWithin, std::size_t(1));
        QCOMPARE(report.nearAcross, std::size_t(1));
        QCOMPARE(report.droppable, (std::vector<std::size_t>{1, 2, 3}));
        QCOMPARE(dropDuplicates(examples, report), std::size_t(3));
        QCOMPARE(examples.size(), std::size_t(3));
        QCOMPARE(examples[0].text, std::string(texts[0])); // kept examples stay intact
        QCOMPARE(checkLeakage(examples).droppable.size(), std::size_t(0));
    }

    void statisticsWithTokenizer()
    {
        QTemporaryDir dir;
        const std::string vocab = test::writeFile(
            dir, "vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nbank\nrose\n.\n##s\n");
        const std::unique_ptr<Tokenizer> tokenizer = loadTokenizer(vocab);
        std::vector<Example> examples(3);
        examples[0].text = "the bank rose."; // 4 tokens + 2 specials
        examples[1].text = "the banks zzz";  // the bank ##s [UNK] + 2
        examples[2].text = "";               // empty
        examples[0].labels = {"up"};
        StatisticsOptions options;
        options.tokenizer = tokenizer.get();
        options.maxLength = 5;
        const CorpusStatistics stats = computeStatistics(examples, options);
        QCOMPARE(stats.empty, std::size_t(1));
        QCOMPARE(stats.tokens, std::size_t(8));
        QCOMPARE(stats.unknownTokens, std::size_t(1));
        QCOMPARE(stats.unknownToken, std::string("[UNK]"));
        QCOMPARE(stats.words, std::size_t(6));
        QCOMPARE(stats.truncated, std::size_t(2));
        QCOMPARE(stats.maxTokens, std::size_t(6));
        QCOMPARE(stats.histogram.size(), std::size_t(1));
        QCOMPARE(stats.histogram[0].count, std::size_t(3));
        QCOMPARE(stats.labels.at("up"), std::size_t(1));
        QCOMPARE(countWords("\xE4\xB8\xAD\xE6\x96\x87 ok"), std::size_t(3)); // 中文 ok
    }

    void fingerprint()
    {
        std::vector<Example> examples = labelled(3);
        const std::string base = datasetFingerprint(examples, {});
        QCOMPARE(base.size(), std::size_t(64));
        QCOMPARE(datasetFingerprint(examples, {}), base);
        examples[0].id = "ignored";
        QCOMPARE(datasetFingerprint(examples, {}), base);
        examples[0].split = "train";
        QVERIFY(datasetFingerprint(examples, {}) != base);
        NormalizationOptions nfkc;
        nfkc.nfkc = true;
        QVERIFY(datasetFingerprint(examples, nfkc) != datasetFingerprint(examples, {}));
    }

    // A bounded import keeps a prefix within its byte budget and still counts every row,
    // label and split; a preview stops at the first example it cannot keep.
    void heldExamplesStayWithinTheirBudget()
    {
        QTemporaryDir dir;
        std::string csv = "text,label,split\n";
        const std::string filler(1000, 'x');
        for (int i = 0; i < 3000; ++i)
            csv += "row " + std::to_string(i) + " " + filler + "," + (i % 3 ? "b" : "a") + "," +
                   (i < 2000 ? "train" : "test") + "\n";
        const std::string path = test::writeFile(dir, "big.csv", csv);
        HeldExampleLimits limits;
        limits.maxBytes = 1 << 20; // about 900 of the 3,000 rows (1,000 bytes of text each)
        const HeldExamples held = importHeldExamples({{path, {}}}, {}, limits);
        QVERIFY(held.partial);
        QCOMPARE(held.rows, std::size_t(3000));
        QCOMPARE(held.labels.at("a"), std::size_t(1000));
        QCOMPARE(held.labels.at("b"), std::size_t(2000));
        QCOMPARE(held.splits.at("test"), std::size_t(1000));
        QCOMPARE(held.summary.sources.front().examples, std::size_t(3000));
        QVERIFY(held.heldBytes <= limits.maxBytes);
        QVERIFY(held.examples.size() > 500 && held.examples.size() < 1000);
        std::uint64_t bytes = 0;
        for (const Example& example : held.examples)
            bytes += heldBytes(example);
        QCOMPARE(bytes, held.heldBytes);
        QCOMPARE(held.examples.back().text.substr(0, 8),
                 "row " + std::to_string(held.examples.size() - 1) + " ");

        limits.stopWhenFull = true; // a preview: reads no further than it keeps
        const HeldExamples preview = importHeldExamples({{path, {}}}, {}, limits);
        QVERIFY(preview.partial);
        QCOMPARE(preview.examples.size(), held.examples.size());
        QCOMPARE(preview.rows, held.examples.size() + 1);

        limits.maxBytes = 64ull << 20; // all of it fits
        limits.stopWhenFull = false;
        const HeldExamples all = importHeldExamples({{path, {}}}, {}, limits);
        QVERIFY(!all.partial);
        QCOMPARE(all.examples.size(), std::size_t(3000));
        limits.maxExamples = 10; // the count limit alone
        const HeldExamples ten = importHeldExamples({{path, {}}}, {}, limits);
        QVERIFY(ten.partial);
        QCOMPARE(ten.examples.size(), std::size_t(10));
        QCOMPARE(ten.rows, std::size_t(3000));
    }
};

QTEST_APPLESS_MAIN(TestDataPrep)
#include "testdataprep.moc"
