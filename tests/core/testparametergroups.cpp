// Parameter groups and weight-decay exemptions come from the backbone's own layout, for every
// family and head of the committed reference models (tests/reference/models/): embeddings
// first, the layers in order, the backbone's top (pooler, final norm), then the head; biases
// and LayerNorm weights are exempt from decay, exactly the parameters the name rule of
// transformers' Trainer (bias, LayerNorm / layer_norm / ln_ weights) names.
#include "core/model/modules.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/taskmodel.h"
#include "testpaths.h"

#include <QtTest>

#include <filesystem>

using namespace domaintune;
namespace fs = std::filesystem;

class TestParameterGroups : public QObject
{
    Q_OBJECT

private slots:
    void groupsFollowTheNetwork()
    {
        int models = 0;
        for (const auto& entry :
             fs::directory_iterator(domaintune::test::sourceFile("/tests/reference/models"))) {
            const std::string name = entry.path().filename().string();
            const auto model = PretrainedModel::load(entry.path().string());
            const auto groups = model->parameterGroups();
            QVERIFY2(!groups.empty() && groups.front().name == "embeddings", name.c_str());
            const auto layers = model->config().numLayers;
            for (std::int64_t i = 0; i < layers; ++i)
                QVERIFY2(groups.at(static_cast<std::size_t>(i + 1)).name ==
                             "layer " + std::to_string(i),
                         name.c_str());
            std::int64_t counted = 0;
            for (const auto& group : groups)
                counted += group.count;
            QCOMPARE(counted, model->parameterCount());
            // A tied causal-LM head has no parameters of its own; every other head comes last.
            const bool noHead =
                model->head() == HeadKind::Base || model->head() == HeadKind::CausalLm;
            QVERIFY2(noHead || groups.back().name == "head", name.c_str());
            for (const auto& group : groups) {
                const bool known = group.name == "embeddings" || group.name == "head" ||
                                   group.name == "pooler" || group.name == "final norm" ||
                                   group.name.rfind("layer ", 0) == 0;
                QVERIFY2(known, (name + ": " + group.name).c_str());
            }
            ++models;
        }
        QVERIFY(models >= 30);
    }

    void noDecayIsBiasesAndNorms()
    {
        const auto byName = [](const std::string& name) {
            return name.size() >= 4 && (name.compare(name.size() - 4, 4, "bias") == 0 ||
                                        name.find("LayerNorm") != std::string::npos ||
                                        name.find("layer_norm") != std::string::npos ||
                                        name.find(".ln_") != std::string::npos);
        };
        for (const auto& entry :
             fs::directory_iterator(domaintune::test::sourceFile("/tests/reference/models"))) {
            const auto model = PretrainedModel::load(entry.path().string());
            const auto exempt = noDecayParameters(model->module());
            for (const auto& item : model->module().named_parameters())
                QVERIFY2(exempt.count(item.key()) == (byName(item.key()) ? 1u : 0u),
                         (entry.path().filename().string() + ": " + item.key()).c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestParameterGroups)
#include "testparametergroups.moc"
