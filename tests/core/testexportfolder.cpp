// A Hugging Face export replaces its folder as a whole: a re-export leaves no stale file of the
// earlier one (an old vocab.txt would win over a new tokenizer), nothing half-written stays
// beside it, and a folder holding other files is refused rather than emptied.
#include "core/common/error.h"
#include "core/export/huggingfaceexport.h"
#include "core/model/pretrainedmodel.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace domaintune;
namespace fs = std::filesystem;

class TestExportFolder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<PretrainedModel> m_model;

private slots:
    void initTestCase()
    {
        const std::string source = m_dir.filePath("source").toStdString();
        PretrainedModel::create(parseModelConfig({{"model_type", "bert"},
                                                  {"vocab_size", 12},
                                                  {"hidden_size", 16},
                                                  {"num_hidden_layers", 1},
                                                  {"num_attention_heads", 2},
                                                  {"intermediate_size", 32},
                                                  {"max_position_embeddings", 32}},
                                                 "config.json"),
                                HeadKind::Base, 5)
            ->save(source);
        std::ofstream(source + "/vocab.txt")
            << "[PAD]\n[UNK]\n[CLS]\n[SEP]\na\nb\nc\nd\ne\nf\ng\nh\n";
        m_model = PretrainedModel::load(source);
    }

    void reExportLeavesNoStaleFiles()
    {
        const fs::path out = m_dir.filePath("export").toStdString();
        fs::create_directories(out);
        std::ofstream(out / "config.json") << "{}";     // an earlier export ...
        std::ofstream(out / "spiece.model") << "stale"; // ... with another tokenizer
        const auto verification = exportHuggingFace(*m_model, out.string());
        QVERIFY2(verification.passed, verification.message.c_str());
        QVERIFY(!fs::exists(out / "spiece.model"));
        QVERIFY(fs::exists(out / "vocab.txt"));
        QVERIFY(fs::exists(out / "model.safetensors"));
        for (const auto& entry : fs::directory_iterator(out.parent_path()))
            QVERIFY2(entry.path().filename().string().find(".partial") == std::string::npos &&
                         entry.path().filename().string().find(".old") == std::string::npos,
                     entry.path().c_str());
    }

    void folderWithOtherFilesIsRefused()
    {
        const fs::path out = m_dir.filePath("documents").toStdString();
        fs::create_directories(out);
        std::ofstream(out / "thesis.tex") << "mine";
        try {
            exportHuggingFace(*m_model, out.string());
            QFAIL("a folder of other files was replaced");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("holds files that are not a model export") !=
                         std::string::npos,
                     e.what());
        }
        QVERIFY(fs::exists(out / "thesis.tex"));
        QVERIFY(!fs::exists(out / "config.json"));
    }
};

QTEST_APPLESS_MAIN(TestExportFolder)
#include "testexportfolder.moc"
