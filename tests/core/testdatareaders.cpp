#include "core/data/corpusimporter.h"
#include "datatestutil.h"

#include <QtTest>

using namespace domaintune;
using domaintune::test::writeFile;

class TestDataReaders : public QObject
{
    Q_OBJECT

private slots:
    void csvQuotingAndBom()
    {
        QTemporaryDir dir;
        const std::string path =
            writeFile(dir, "q.csv",
                      "\xEF\xBB\xBFlabel,text\r\npos,\"He said \"\"hi\"\", then left\"\r\n"
                      "neg,\"two\r\nlines, with comma\"\r\nneu,plain\r\n");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.size(), std::size_t(3));
        QCOMPARE(corpus.sources()[0].encoding, std::string("UTF-8"));
        QCOMPARE(corpus.examples()[0].text, std::string("He said \"hi\", then left"));
        QCOMPARE(corpus.examples()[1].text, std::string("two\nlines, with comma"));
        QCOMPARE(corpus.examples()[1].labels, std::vector<std::string>{"neg"});
        QCOMPARE(corpus.examples()[2].line, std::int64_t(5));
        QCOMPARE(corpus.report().issueCount(), std::size_t(0));
    }

    void delimiterSniffing_data()
    {
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("semicolon") << ";";
        QTest::newRow("tab") << "\t";
        QTest::newRow("pipe") << "|";
    }
    void delimiterSniffing()
    {
        QFETCH(QString, delimiter);
        const std::string d = delimiter.toStdString();
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "d.txt",
                                           "text" + d + "label\nhello, world" + d + "a\n" +
                                               "good, bad" + d + "b\nthird" + d + "a\n");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(std::string(1, corpus.sources()[0].delimiter), d);
        QCOMPARE(corpus.size(), std::size_t(3));
        QCOMPARE(corpus.examples()[0].text, std::string("hello, world"));
    }

    void mappingOverridesAndMultiLabel()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "m.csv",
                                           "uid,body,tags,part\n1,first text,a|b,train\n"
                                           "2,second text,b,dev\n3,third,c| a,test\n");
        ImportOptions options;
        options.mapping.label = "tags";
        options.mapping.labelSeparator = "|";
        const Corpus corpus = importCorpus(path, options);
        const SourceInfo& info = corpus.sources()[0];
        QCOMPARE(info.mapping.text, std::string("body"));
        QCOMPARE(info.mapping.id, std::string("uid"));
        QCOMPARE(info.mapping.split, std::string("part"));
        QCOMPARE(corpus.examples()[0].labels, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(corpus.examples()[2].labels, (std::vector<std::string>{"c", "a"}));
        QCOMPARE(corpus.examples()[1].split, std::string("validation"));
        QCOMPARE(corpus.examples()[1].id, std::string("2"));
        QCOMPARE(corpus.labelCounts().at("a"), std::size_t(2));
    }

    void headerlessTsvWithLabelNames()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "train.txt", "t one\t1\nt two\t0\nt three\t1\n");
        ImportOptions options;
        options.labelMapFile = writeFile(dir, "class.txt", "finance\nrealty\n");
        const Corpus corpus = importCorpus(path, options);
        QVERIFY(!corpus.sources()[0].hasHeader);
        QCOMPARE(corpus.size(), std::size_t(3));
        QCOMPARE(corpus.examples()[0].labels, std::vector<std::string>{"realty"});
        QCOMPARE(corpus.examples()[1].labels, std::vector<std::string>{"finance"});
        QCOMPARE(corpus.examples()[0].split, std::string("train")); // from the file name
    }

    void jsonlNestedPaths()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(
            dir, "r.jsonl",
            "{\"meta\": {\"text\": \"alpha\", \"lang\": \"en\"}, \"labels\": [\"x\", \"y\"]}\n\n"
            "{\"meta\": {\"text\": \"beta\", \"lang\": \"en\"}, \"labels\": [\"y\"]}\n");
        ImportOptions options;
        options.mapping.text = "meta.text";
        const Corpus corpus = importCorpus(path, options);
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::Jsonl);
        QCOMPARE(corpus.size(), std::size_t(2));
        QCOMPARE(corpus.examples()[0].text, std::string("alpha"));
        QCOMPARE(corpus.examples()[0].labels, (std::vector<std::string>{"x", "y"}));
        QCOMPARE(corpus.examples()[1].line, std::int64_t(3));
    }

    void jsonArray()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "a.json",
                                           "{\"data\": [{\"sentence\": \"s1\", \"label\": 0}, "
                                           "{\"sentence\": \"s2\", \"label\": 1}]}");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::Json);
        QCOMPARE(corpus.size(), std::size_t(2));
        QCOMPARE(corpus.examples()[1].labels, std::vector<std::string>{"1"});
    }

    void squad()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(
            dir, "qa.json",
            "{\"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": \"Café au lait is "
            "sweet.\", \"qas\": [{\"id\": \"q1\", \"question\": \"What is sweet?\", "
            "\"answers\": [{\"text\": \"au lait\", \"answer_start\": 5}]}]}]}]}");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::Squad);
        QCOMPARE(corpus.size(), std::size_t(1));
        const Example& example = corpus.examples()[0];
        QCOMPARE(example.id, std::string("q1"));
        QCOMPARE(example.answers.size(), std::size_t(1));
        QCOMPARE(example.answers[0].start, std::int64_t(6)); // "é" is two bytes
        QCOMPARE(example.textPair.substr(6, 7), std::string("au lait"));
    }

    // Fields of the wrong type are reported with the question, never thrown out of the reader:
    // fuzz_corpus found a list where the question belongs ending the process (uncaught
    // nlohmann type_error).
    void squadWithWrongTypes()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(
            dir, "qa.json",
            "{\"data\": [{\"paragraphs\": [{\"context\": \"ab cd\", \"qas\": [{\"id\": \"1\", "
            "\"question\": [{\"id\": \"1\"}], \"answers\": []}, {\"id\": \"2\", \"question\": "
            "\"q\", \"answers\": {\"text\": \"cd\"}}, {\"id\": \"3\", \"question\": \"q\", "
            "\"answers\": [{\"text\": 4, \"answer_start\": \"3\"}]}, 9, {\"id\": \"5\", "
            "\"question\": \"q\", \"answers\": [{\"text\": \"cd\", \"answer_start\": 3}]}]}, 3, "
            "{\"context\": [1], \"qas\": 5}]}, 7]}");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::Squad);
        QCOMPARE(corpus.size(), std::size_t(1));
        QCOMPARE(corpus.examples()[0].id, std::string("5"));
        QCOMPARE(corpus.report().skippedRecords(), std::size_t(4));
        QVERIFY(corpus.report().issues().at(0).what.find("question 1") != std::string::npos);
    }

    // cpgQA writes each article's "paragraphs" as one object, not a list; it was read as plain
    // JSON with the titles as texts.
    void squadWithOneParagraphObject()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(
            dir, "cpgqa.json",
            "{\"version\": \"1.0\", \"data\": [{\"title\": \"Dosing\", \"paragraphs\": "
            "{\"context\": \"Taper opioids slowly.\", \"qas\": [{\"id\": 0, \"question\": "
            "\"How?\", \"answers\": [{\"text\": \"slowly\", \"answer_start\": 14}]}]}}, "
            "{\"title\": \"Dosing\", \"paragraphs\": {\"context\": \"Check doses.\", "
            "\"qas\": [{\"id\": 1, \"question\": \"What?\", \"answers\": [{\"text\": "
            "\"doses\", \"answer_start\": 6}]}]}}]}");
        const Corpus corpus = importCorpus(path);
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::Squad);
        QCOMPARE(corpus.size(), std::size_t(2));
        QCOMPARE(corpus.examples()[0].text, std::string("How?"));
        QCOMPARE(corpus.examples()[0].textPair, std::string("Taper opioids slowly."));
        QCOMPARE(corpus.examples()[1].answers.at(0).text, std::string("doses"));
        QCOMPARE(corpus.examples()[1].id, std::string("1"));
    }

    // Question answering from columns: CSV question,context,answer (found in the context),
    // Hugging Face's SQuAD JSON lines (answers.text / answers.answer_start lists), a list of
    // SQuAD answer objects in one field; a blank answer is an unanswerable question, an answer
    // not in its context is reported with its line; no label is guessed.
    void questionAnsweringColumns()
    {
        QTemporaryDir dir;
        const std::string csv = writeFile(dir, "qa.csv",
                                          "id,title,question,context,answer\n"
                                          "a,T,What is sweet?,Café au lait is sweet.,au lait\n"
                                          "b,T,What is sour?,Café au lait is sweet.,\n"
                                          "c,T,Who?,Nobody here.,somebody\n");
        const Corpus fromCsv = importCorpus(csv);
        QCOMPARE(fromCsv.size(), std::size_t(2));
        QCOMPARE(fromCsv.sources()[0].mapping.text, std::string("question"));
        QCOMPARE(fromCsv.sources()[0].mapping.textPair, std::string("context"));
        QCOMPARE(fromCsv.sources()[0].mapping.answer, std::string("answer"));
        QVERIFY(fromCsv.sources()[0].mapping.label.empty());
        QCOMPARE(fromCsv.examples()[0].answers.at(0).start, std::int64_t(6));
        QVERIFY(fromCsv.examples()[1].answers.empty());
        QCOMPARE(fromCsv.report().skippedRecords(), std::size_t(1));
        QCOMPARE(fromCsv.report().issues().at(0).line, std::int64_t(4));

        const std::string jsonl = writeFile(
            dir, "qa.jsonl",
            "{\"id\": \"1\", \"title\": \"t\", \"context\": \"Taper opioids slowly, slowly.\", "
            "\"question\": \"How?\", \"answers\": {\"text\": [\"slowly\", \"slowly\"], "
            "\"answer_start\": [14, 22]}}\n"
            "{\"id\": \"2\", \"title\": \"t\", \"context\": \"Check doses.\", \"question\": "
            "\"What?\", \"answers\": {\"text\": [], \"answer_start\": []}}\n");
        const Corpus fromJsonl = importCorpus(jsonl);
        QCOMPARE(fromJsonl.size(), std::size_t(2));
        QCOMPARE(fromJsonl.examples()[0].text, std::string("How?"));
        QCOMPARE(fromJsonl.examples()[0].answers.size(), std::size_t(2));
        QCOMPARE(fromJsonl.examples()[0].answers[1].start, std::int64_t(22));
        QVERIFY(fromJsonl.examples()[1].answers.empty()); // SQuAD v2: no answer
        const std::string objects =
            writeFile(dir, "objects.jsonl",
                      "{\"id\": \"2\", \"context\": \"Check doses.\", \"question\": \"What?\", "
                      "\"answers\": [{\"text\": \"doses\", \"answer_start\": 6}]}\n");
        const Corpus fromObjects = importCorpus(objects);
        QCOMPARE(fromObjects.size(), std::size_t(1));
        QCOMPARE(fromObjects.examples()[0].answers.at(0).start, std::int64_t(6));

        // answer_start as pandas writes a whole-number column with gaps ("6.0") counts; "6.5"
        // is reported.
        const std::string floats = writeFile(dir, "floats.csv",
                                             "question,context,answer,answer_start\n"
                                             "What?,Check doses.,doses,6.0\n"
                                             "What?,Check doses.,doses,6.5\n");
        const Corpus fromFloats = importCorpus(floats);
        QCOMPARE(fromFloats.size(), std::size_t(1));
        QCOMPARE(fromFloats.examples()[0].answers.at(0).start, std::int64_t(6));
        QCOMPARE(fromFloats.report().skippedRecords(), std::size_t(1));
        QVERIFY(fromFloats.report().issues().at(0).message().find("6.5") != std::string::npos);
    }

    // Normalising a context moves its answers with it; one that normalisation changes out of
    // the context is reported, not kept at a wrong offset.
    void normalisationMovesAnswers()
    {
        QTemporaryDir dir;
        const std::string path = writeFile(
            dir, "qa.json",
            "{\"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": \"\u3000\u3000Dose  "
            "is  ５ mg  daily.\", \"qas\": [{\"id\": \"q1\", \"question\": \"How much?\", "
            "\"answers\": [{\"text\": \"５ mg\", \"answer_start\": 12}]}, {\"id\": \"q2\", "
            "\"question\": \"When?\", \"answers\": [{\"text\": \"daily\", \"answer_start\": "
            "18}]}]}]}]}");
        ImportOptions options;
        options.normalization.fullWidthToHalfWidth = true;
        options.normalization.collapseWhitespace = true;
        const Corpus corpus = importCorpus(path, options);
        QCOMPARE(corpus.size(), std::size_t(2));
        const Example& first = corpus.examples()[0];
        QCOMPARE(first.textPair, std::string("Dose is 5 mg daily."));
        QCOMPARE(first.answers.at(0).text, std::string("5 mg"));
        QCOMPARE(first.textPair.substr(std::size_t(first.answers[0].start), 4),
                 std::string("5 mg"));
        const Example& second = corpus.examples()[1];
        QCOMPARE(second.textPair.substr(std::size_t(second.answers.at(0).start), 5),
                 std::string("daily"));
    }

    // PhraseBank's own "sentence@label" .txt: a chosen delimiter reads it as delimited text,
    // and its first line is data (its label repeats below), not a header.
    void chosenDelimiterAndAFirstRowThatIsData()
    {
        QTemporaryDir dir;
        std::string lines;
        for (int i = 0; i < 3; ++i)
            lines += "Profit rose .@positive\nSales fell .@negative\nRates held .@neutral\n";
        const std::string path = writeFile(dir, "Sentences_AllAgree.txt", lines);
        ImportOptions options;
        options.delimiter = '@';
        const Corpus corpus = importCorpus(path, options);
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::Csv);
        QVERIFY(!corpus.sources()[0].hasHeader);
        QCOMPARE(corpus.size(), std::size_t(9));
        QCOMPARE(corpus.labelCounts().size(), std::size_t(3));
        QCOMPARE(corpus.examples()[0].text, std::string("Profit rose ."));
        // Without the delimiter a .txt is plain text, one example per line, as before.
        QCOMPARE(importCorpus(path).sources()[0].format, CorpusFormat::PlainText);
    }

    void conllBioesAndTagColumn()
    {
        QTemporaryDir dir;
        const std::string path =
            writeFile(dir, "n.conll",
                      "-DOCSTART- -X- O O\n\nJohn NNP B-PER x\n"
                      "Smith NNP E-PER x\nleft VBD O x\n\nParis NNP S-LOC x\n");
        ImportOptions options;
        options.conllTagColumn = 2;
        const Corpus corpus = importCorpus(path, options);
        const SourceInfo& info = corpus.sources()[0];
        QCOMPARE(info.format, CorpusFormat::Conll);
        QCOMPARE(info.tagScheme, std::string("BIOES"));
        QCOMPARE(info.documents, std::size_t(1));
        QCOMPARE(corpus.size(), std::size_t(2));
        QCOMPARE(corpus.examples()[0].text, std::string("John Smith left"));
        QCOMPARE(corpus.examples()[0].tags, (std::vector<std::string>{"B-PER", "E-PER", "O"}));
        QCOMPARE(info.entityTypes.at("PER"), std::size_t(1));
        QCOMPARE(info.entityTypes.at("LOC"), std::size_t(1));
    }

    void folderPerLabelAndPlainText()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath("corpus/pos");
        QDir(dir.path()).mkpath("corpus/neg/deeper");
        writeFile(dir, "corpus/pos/a.txt", "good\n");
        writeFile(dir, "corpus/neg/b.txt", "bad\n");
        writeFile(dir, "corpus/neg/deeper/c.txt", "worse\n");
        const Corpus corpus = importCorpus(dir.path().toStdString() + "/corpus");
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::FolderPerLabel);
        QCOMPARE(corpus.size(), std::size_t(3));
        QCOMPARE(corpus.labelCounts().at("neg"), std::size_t(2));

        const std::string md = writeFile(dir, "doc.md", "# Title\nline two\n\n  \npara 2\n\n");
        ImportOptions blocks;
        blocks.textUnit = TextUnit::Block;
        const Corpus byBlock = importCorpus(md, blocks);
        QCOMPARE(byBlock.size(), std::size_t(2));
        QCOMPARE(byBlock.examples()[0].text, std::string("# Title\nline two"));
        QCOMPARE(byBlock.examples()[1].line, std::int64_t(5));
        QCOMPARE(importCorpus(md).size(), std::size_t(1));
    }

    void streamingProgressAndCancel()
    {
        QTemporaryDir dir;
        std::string big = "text,label\n";
        while (big.size() < (3u << 20))
            big += "some words in a row," + std::to_string(big.size() % 3) + "\n";
        const std::string path = writeFile(dir, "big.csv", big);
        std::atomic_bool cancel{false};
        std::int64_t lastDone = 0, lastTotal = 0;
        ImportOptions options;
        options.cancel = &cancel;
        options.progress = [&](std::int64_t done, std::int64_t total) {
            lastDone = done;
            lastTotal = total;
            cancel = done >= (1 << 20);
        };
        std::size_t seen = 0;
        const ImportSummary summary =
            streamCorpus({{path, {}}}, options, [&](Example&) { return ++seen > 0; });
        QVERIFY(summary.report.cancelled());
        QCOMPARE(lastTotal, static_cast<std::int64_t>(big.size()));
        QVERIFY(lastDone < lastTotal);
        QVERIFY(seen > 0);
        QVERIFY(seen < 3u * 1024 * 1024 / 22);
    }
};

QTEST_APPLESS_MAIN(TestDataReaders)
#include "testdatareaders.moc"
