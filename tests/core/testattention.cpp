// attend() (core/model/modules.h): ATen's fused scaled_dot_product_attention, used on LibTorch
// >= 2.1 when no dropout applies to the attention probabilities, must give the spelled-out
// products' values and gradients (padding masks, packed block-diagonal masks, bf16), must never
// swallow attention dropout in training, and a whole model must not change its outputs with the
// switch. On LibTorch 1.13 the comparisons skip and the dropout check still runs.
#include "core/model/modules.h"
#include "core/model/taskmodel.h"

#include <ATen/autocast_mode.h>

#include <QtTest>

using namespace domaintune;

namespace {

struct FusedSwitch // restores the process-wide default whatever a test does
{
    ~FusedSwitch() { setFusedAttention(true); }
};

torch::Tensor paddingMask(std::int64_t rows, std::int64_t length)
{
    auto keep = torch::ones({rows, length}, torch::kLong);
    keep[1].narrow(0, length - 3, 3).zero_(); // the second row ends in three padding tokens
    return additiveMask(keep, torch::kFloat);
}

struct Heads
{
    torch::Tensor q, k, v;
};

/** Random split heads of @p shape (drawn q, k, v in that order after seeding with @p seed), the
 *  queries scaled by @p queryScale as the query projection scales them, in @p dtype. */
Heads randomHeads(std::uint64_t seed, at::IntArrayRef shape, double queryScale,
                  torch::ScalarType dtype = torch::kFloat)
{
    torch::manual_seed(seed);
    Heads heads;
    heads.q = (torch::randn(shape) * queryScale).to(dtype);
    heads.k = torch::randn(shape).to(dtype);
    heads.v = torch::randn(shape).to(dtype);
    return heads;
}

/** attend() on q, k, v (fused or not) and the gradients of a fixed weighted sum. */
std::vector<torch::Tensor> run(bool fused, const torch::Tensor& q, const torch::Tensor& k,
                               const torch::Tensor& v, const torch::Tensor& mask,
                               const torch::nn::Dropout& dropout,
                               const torch::Tensor& realQueries = {})
{
    setFusedAttention(fused);
    auto qq = q.detach().clone().requires_grad_(true);
    auto kk = k.detach().clone().requires_grad_(true);
    auto vv = v.detach().clone().requires_grad_(true);
    const auto out = attend(qq, kk, vv, mask, dropout);
    auto weights = torch::linspace(-1, 1, out.numel()).view(out.sizes()).to(out.dtype());
    // A padding position of a packed row attends to nothing: its output is never read, and the
    // two paths differ there (uniform weights against ATen's own choice).
    if (realQueries.defined())
        weights = weights * realQueries.view({out.size(0), 1, out.size(2), 1}).to(out.dtype());
    (out * weights).sum().backward();
    auto output = out.detach();
    if (realQueries.defined())
        output = output * realQueries.view({out.size(0), 1, out.size(2), 1}).to(out.dtype());
    return {output, qq.grad(), kk.grad(), vv.grad()};
}

void compare(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b,
             double tolerance)
{
    const char* names[] = {"output", "dq", "dk", "dv"};
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double difference =
            (a[i].to(torch::kFloat) - b[i].to(torch::kFloat)).abs().max().item<double>();
        const double scale = b[i].to(torch::kFloat).abs().max().item<double>();
        QVERIFY2(difference <= tolerance * std::max(1.0, scale),
                 qPrintable(QStringLiteral("%1 differs by %2 (scale %3)")
                                .arg(names[i])
                                .arg(difference)
                                .arg(scale)));
    }
}

} // namespace

class TestAttention : public QObject
{
    Q_OBJECT

private slots:
    void fusedMatchesSpelledOutWithPadding()
    {
        if (!fusedAttentionAvailable())
            QSKIP("this LibTorch has no fused attention (needs >= 2.1)");
        FusedSwitch restore;
        const auto [q, k, v] = randomHeads(1, {2, 3, 9, 8}, 0.35);
        torch::nn::Dropout dropout(0.1);
        dropout->eval();
        compare(run(true, q, k, v, paddingMask(2, 9), dropout),
                run(false, q, k, v, paddingMask(2, 9), dropout), 1e-5);
        compare(run(true, q, k, v, {}, dropout), run(false, q, k, v, {}, dropout), 1e-5);
    }

    void fusedMatchesSpelledOutWithPackedMask()
    {
        if (!fusedAttentionAvailable())
            QSKIP("this LibTorch has no fused attention (needs >= 2.1)");
        FusedSwitch restore;
        const auto [q, k, v] = randomHeads(2, {2, 2, 10, 16}, 0.25);
        // Row 0 holds examples of 4, 5 and 1 tokens; row 1 one of 6 and padding (segment 0).
        const auto segments =
            torch::tensor({1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
                          torch::kLong)
                .view({2, 10});
        const auto mask = packedMask(segments, torch::kFloat);
        torch::nn::Dropout dropout(0.0); // training, but no attention dropout: fused applies
        dropout->train();
        const auto real = segments.gt(0);
        compare(run(true, q, k, v, mask, dropout, real), run(false, q, k, v, mask, dropout, real),
                1e-5);
    }

    void fusedMatchesSpelledOutInBf16()
    {
        if (!fusedAttentionAvailable())
            QSKIP("this LibTorch has no fused attention (needs >= 2.1)");
        FusedSwitch restore;
        const auto [q, k, v] = randomHeads(3, {2, 4, 12, 32}, 0.2, torch::kBFloat16);
        torch::nn::Dropout dropout(0.1);
        dropout->eval();
        const auto mask = paddingMask(2, 12).to(torch::kBFloat16); // bf16 keeps 8 bits
        compare(run(true, q, k, v, mask, dropout), run(false, q, k, v, mask, dropout), 3e-2);
    }

    void attentionDropoutIsNeverSkipped()
    {
        FusedSwitch restore;
        setFusedAttention(true);
        const auto [q, k, v] = randomHeads(4, {1, 2, 16, 8}, 1.0);
        torch::nn::Dropout dropout(0.5);
        dropout->eval();
        const auto plain = attend(q, k, v, {}, dropout);
        dropout->train();
        const auto dropped = attend(q, k, v, {}, dropout);
        QVERIFY2(!torch::allclose(plain, dropped),
                 "attention dropout in training mode changed nothing");
        dropout->eval();
        QVERIFY(torch::allclose(attend(q, k, v, {}, dropout), plain, 1e-6, 1e-6));
    }

    void wholeModelKeepsItsOutputs()
    {
        if (!fusedAttentionAvailable())
            QSKIP("this LibTorch has no fused attention (needs >= 2.1)");
        FusedSwitch restore;
        const auto config = parseModelConfig({{"model_type", "bert"},
                                              {"vocab_size", 120},
                                              {"hidden_size", 48},
                                              {"num_hidden_layers", 2},
                                              {"num_attention_heads", 4},
                                              {"intermediate_size", 96},
                                              {"max_position_embeddings", 32},
                                              {"id2label", {{"0", "a"}, {"1", "b"}}}},
                                             "test");
        torch::manual_seed(5);
        TaskModel model(config, HeadKind::SequenceClassification);
        model->eval();
        ModelBatch batch;
        batch.inputIds = torch::randint(5, 120, {3, 11}, torch::kLong);
        batch.attentionMask = torch::ones({3, 11}, torch::kLong);
        batch.attentionMask[2].narrow(0, 6, 5).zero_();
        torch::NoGradGuard noGrad;
        setFusedAttention(true);
        const auto fused = model->forward(batch).logits;
        setFusedAttention(false);
        const auto spelled = model->forward(batch).logits;
        QVERIFY2(torch::allclose(fused, spelled, 1e-5, 1e-5),
                 qPrintable(QStringLiteral("logits differ by %1")
                                .arg((fused - spelled).abs().max().item<double>())));

        // bf16 autocast as the trainer sets it: the mask is fp32 (the backbone's dtype), the
        // projections bf16.
        at::autocast::set_cpu_enabled(true);
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        setFusedAttention(true);
        const auto fused16 = model->forward(batch).logits.to(torch::kFloat);
        setFusedAttention(false);
        const auto spelled16 = model->forward(batch).logits.to(torch::kFloat);
        at::autocast::set_cpu_enabled(false);
        at::autocast::clear_cache();
        QVERIFY2(torch::allclose(fused16, spelled16, 5e-2, 5e-2),
                 qPrintable(QStringLiteral("bf16 logits differ by %1")
                                .arg((fused16 - spelled16).abs().max().item<double>())));
        QVERIFY2(torch::allclose(fused16, fused, 1e-1, 1e-1), "bf16 far from fp32");
    }
};

QTEST_APPLESS_MAIN(TestAttention)
#include "testattention.moc"
