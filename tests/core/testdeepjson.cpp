// JSON nested 100,000 levels deep, in every untrusted file that is JSON: config.json,
// tokenizer.json, tokenizer_config.json, vocab.json, JSON and JSONL corpora, SQuAD, a sharded
// index and a run bundle's run.json. Each is refused with the file's name and a plain reason;
// before the bound, nlohmann's recursive copy and dump overflowed the stack (exit 139).
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/model/checkpointreader.h"
#include "core/model/modelconfig.h"
#include "core/text/tokenizerfactory.h"
#include "core/text/vocabulary.h"
#include "errortestutil.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace domaintune;

namespace {

std::string deep(int levels = 100000)
{
    return std::string(levels, '[') + std::string(levels, ']');
}

void write(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

bool refusedWithBound(const std::function<void()>& action, const std::string& file)
{
    const std::string message = test::errorOf(action).toStdString();
    const bool named = message.find("nest more than 256 levels") != std::string::npos &&
                       message.find(file) != std::string::npos;
    if (!named)
        qWarning("%s", message.c_str());
    return named;
}

} // namespace

class TestDeepJson : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void configJson()
    {
        write(path("config.json"), R"({"model_type": "bert", "x": )" + deep() + "}");
        QVERIFY(refusedWithBound([&] { readModelConfig(path("config.json")); }, "config.json"));
    }

    void tokenizerFiles()
    {
        QDir(m_dir.path()).mkpath("tok");
        write(path("tok/tokenizer.json"), deep());
        QVERIFY(
            refusedWithBound([&] { loadTokenizer(path("tok/tokenizer.json")); }, "tokenizer.json"));
        write(path("vocab.json"), R"({"a": )" + deep() + "}");
        QVERIFY(
            refusedWithBound([&] { Vocabulary::fromJsonFile(path("vocab.json")); }, "vocab.json"));
        QDir(m_dir.path()).mkpath("wp");
        write(path("wp/vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\na\n");
        write(path("wp/tokenizer_config.json"), R"({"x": )" + deep() + "}");
        QVERIFY(refusedWithBound([&] { loadTokenizer(path("wp")); }, "tokenizer_config.json"));
    }

    void jsonlCorpusSkipsTheLineAndGoesOn()
    {
        write(path("data.jsonl"), R"({"text": "fine", "label": "a"})"
                                  "\n" +
                                      deep() + "\n" +
                                      R"({"text": "also fine", "label": "b"})"
                                      "\n");
        const Corpus corpus = importCorpus(path("data.jsonl"));
        QCOMPARE(corpus.examples().size(), std::size_t(2));
        QCOMPARE(corpus.report().skippedRecords(), std::size_t(1));
        const auto& issue = corpus.report().issues().front();
        QCOMPARE(issue.line, std::int64_t(2));
        QVERIFY2(issue.what.find("nest more than 256 levels") != std::string::npos,
                 issue.what.c_str());
    }

    void jsonlLinesThatAreNotObjectsSayWhatTheyAre()
    {
        write(path("mixed.jsonl"), "[1, 2]\n42\n"
                                   R"({"text": "fine", "label": "a"})"
                                   "\n"
                                   R"({"text": "too", "label": "b"})"
                                   "\n");
        const Corpus corpus = importCorpus(path("mixed.jsonl"));
        QCOMPARE(corpus.examples().size(), std::size_t(2));
        QCOMPARE(corpus.report().skippedRecords(), std::size_t(2));
        QCOMPARE(corpus.report().issues()[0].line, std::int64_t(1));
        QVERIFY2(corpus.report().issues()[0].what.find("is a JSON array, not an object") !=
                     std::string::npos,
                 corpus.report().issues()[0].what.c_str());
        QVERIFY2(corpus.report().issues()[1].what.find("is a JSON number") != std::string::npos,
                 corpus.report().issues()[1].what.c_str());
    }

    void jsonCorpusIsReported()
    {
        write(path("data.json"), R"({"data": )" + deep() + "}");
        const Corpus corpus = importCorpus(path("data.json"));
        QVERIFY(corpus.examples().empty());
        QVERIFY(!corpus.report().issues().empty());
        QVERIFY2(corpus.report().issues().front().what.find("nest more than 256") !=
                     std::string::npos,
                 corpus.report().issues().front().what.c_str());
    }

    void shardedIndexIsRefused()
    {
        QDir(m_dir.path()).mkpath("sharded");
        write(path("sharded/model.safetensors.index.json"), R"({"weight_map": )" + deep() + "}");
        QVERIFY_THROWS_EXCEPTION(Error, readCheckpoint(path("sharded")));
    }

    void hugeNumbersAreParseErrors()
    {
        // Found by fuzz_bundle: nlohmann reports "14E888" as out_of_range, not parse_error,
        // and the callers that handle parse_error let it end the process.
        write(path("config.json"), R"({"model_type": "bert", "vocab_size": 14E888})");
        const std::string message =
            test::errorOf([&] { readModelConfig(path("config.json")); }).toStdString();
        QVERIFY2(message.find("number overflow") != std::string::npos, message.c_str());
    }

    void ordinaryNestingStillReads()
    {
        write(path("nested.jsonl"), R"({"text": "t", "label": "a", "meta": )" + deep(50) + "}\n");
        QCOMPARE(importCorpus(path("nested.jsonl")).examples().size(), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestDeepJson)
#include "testdeepjson.moc"
