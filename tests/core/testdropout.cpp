// applyDropout (core/model/modules.h): the rate, the scaling, the gradient, and reproducibility
// from the seed alone, whatever the thread count.
#include "core/model/modules.h"

#include <ATen/Parallel.h>

#include <QtTest>

using namespace domaintune;

class TestDropout : public QObject
{
    Q_OBJECT

private slots:
    void dropsAtTheRateAndScalesTheRest()
    {
        torch::nn::Dropout dropout(0.1);
        dropout->train();
        torch::manual_seed(1);
        const auto x = torch::ones({1000, 1000});
        const auto y = applyDropout(dropout, x);
        const double dropped = y.eq(0).sum().item<double>() / double(y.numel());
        QVERIFY2(std::abs(dropped - 0.1) < 0.002, qPrintable(QString::number(dropped)));
        const auto kept = y.masked_select(y.ne(0));
        QVERIFY(torch::allclose(kept, torch::full_like(kept, 1.0f / 0.9f)));
        QVERIFY(std::abs(y.mean().item<double>() - 1.0) < 0.003); // expectation unchanged
        // Not a fixed pattern: rows differ, and so does the next call.
        QVERIFY(!y[0].equal(y[1]));
        QVERIFY(!applyDropout(dropout, x).equal(y));

        const auto half = applyDropout(torch::nn::Dropout(0.5), x);
        const double halfDropped = half.eq(0).sum().item<double>() / double(half.numel());
        QVERIFY(std::abs(halfDropped - 0.5) < 0.002);
    }

    void isTheIdentityWhenNotTraining()
    {
        torch::nn::Dropout dropout(0.3);
        const auto x = torch::randn({64, 64});
        dropout->eval();
        QVERIFY(applyDropout(dropout, x).equal(x));
        dropout->train();
        QVERIFY(applyDropout(torch::nn::Dropout(0.0), x).equal(x));
        QVERIFY(applyDropout(dropout, x).eq(0).any().item<bool>());
    }

    void gradientFollowsTheMask()
    {
        torch::nn::Dropout dropout(0.2);
        auto x = torch::randn({300, 200}, torch::requires_grad());
        const auto y = applyDropout(dropout, x);
        y.sum().backward();
        const auto expected = (y.detach() / x.detach()); // the scaled mask
        QVERIFY(torch::allclose(x.grad(), expected, 1e-5, 1e-6));
    }

    void reproducibleFromTheSeedWithAnyThreadCount()
    {
        torch::nn::Dropout dropout(0.1);
        const auto x = torch::randn({257, 513}); // not a multiple of any chunk size
        const int threads = at::get_num_threads();
        at::set_num_threads(1);
        torch::manual_seed(42);
        const auto one = applyDropout(dropout, x);
        at::set_num_threads(2);
        torch::manual_seed(42);
        const auto two = applyDropout(dropout, x);
        at::set_num_threads(threads);
        QVERIFY(one.equal(two));
        torch::manual_seed(43);
        QVERIFY(!applyDropout(dropout, x).equal(one));
    }

    void followsTheInputType()
    {
        torch::nn::Dropout dropout(0.1);
        const auto x = torch::ones({100, 100}, torch::kBFloat16);
        const auto y = applyDropout(dropout, x);
        QCOMPARE(y.scalar_type(), torch::kBFloat16);
        QVERIFY(y.eq(0).any().item<bool>());
    }
};

QTEST_GUILESS_MAIN(TestDropout)
#include "testdropout.moc"
