#include "ui/systempage.h"

#include "core/common/systeminfo.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

QLabel* valueLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

} // namespace

SystemPage::SystemPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("SystemPage"));
    auto* layout = new QVBoxLayout(this);

    auto* heading = new QLabel(tr("<h2>Welcome to DomainTune</h2>"
                                  "<p>Adapt a pretrained language model to your finance, "
                                  "medical or legal texts, offline.</p>"),
                               this);
    heading->setWordWrap(true);
    layout->addWidget(heading);

    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("blasWarning"));
    m_warning->setWordWrap(true);
    m_warning->setFrameShape(QFrame::StyledPanel);
    m_warning->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 8px; }"));
    m_warning->hide();
    layout->addWidget(m_warning);

    auto* form = new QFormLayout;
    m_version = valueLabel(this);
    m_torch = valueLabel(this);
    m_device = valueLabel(this);
    m_threads = valueLabel(this);
    m_blas = valueLabel(this);
    form->addRow(tr("DomainTune version:"), m_version);
    form->addRow(tr("LibTorch version:"), m_torch);
    form->addRow(tr("Compute device:"), m_device);
    form->addRow(tr("Threads:"), m_threads);
    form->addRow(tr("Matrix library (BLAS):"), m_blas);
    m_parallel = valueLabel(this);
    m_parallel->setObjectName(QStringLiteral("dataParallel"));
    form->addRow(tr("Several processes:"), m_parallel);
    m_cpu = valueLabel(this);
    m_cpu->setObjectName(QStringLiteral("cpuFeatures"));
    form->addRow(tr("Processor:"), m_cpu);
    layout->addLayout(form);
    layout->addStretch(1);

    setSystemInfo(collectSystemInfo());
}

void SystemPage::setSystemInfo(const SystemInfo& info)
{
    m_version->setText(QString::fromStdString(info.version));
    m_torch->setText(QString::fromStdString(info.torchVersion));
    m_device->setText(info.cudaAvailable ? tr("GPU (CUDA, %n device(s))", nullptr, info.cudaDevices)
                                         : tr("CPU"));
    m_threads->setText(
        tr("%1 LibTorch thread(s) on %2 CPU core(s)").arg(info.torchThreads).arg(info.cpuCores));
    QStringList features;
    for (const auto& name : info.cpu.names())
        features << QString::fromStdString(name);
    const QString model =
        info.cpu.model.empty() ? tr("unknown model") : QString::fromStdString(info.cpu.model);
    m_cpu->setText(
        (features.isEmpty() ? model
                            : tr("%1 with %2").arg(model, features.join(QStringLiteral(", ")))) +
        QStringLiteral("\n") +
        (info.cpu.nativeBf16()
             ? tr("bf16 is native here (AVX-512 BF16 or AMX): worth trying for training")
             : tr("no native bf16 (neither AVX-512 BF16 nor AMX): bf16 would be emulated, "
                  "train in full precision")));
    m_parallel->setText(
        !info.gloo  ? tr("One process only: this LibTorch has no Gloo")
        : info.nccl ? tr("Gloo on CPUs, NCCL on GPUs")
                    : tr("Gloo on CPUs (this machine or several); GPUs train on one process: "
                         "this LibTorch has no NCCL"));

    QString blas;
    switch (info.blas.kind) {
    case BlasKind::OpenBlas:
        blas = tr("OpenBLAS (fast)");
        break;
    case BlasKind::Reference:
        blas = tr("reference BLAS (slow)");
        break;
    case BlasKind::Other:
        blas = tr("optimised BLAS");
        break;
    case BlasKind::Unknown:
        blas = tr("not detected");
        break;
    }
    if (!info.blas.library.empty())
        blas += QStringLiteral(" — ") + QString::fromStdString(info.blas.library);
    m_blas->setText(blas);

    m_warning->setVisible(info.blas.isSlow());
    if (info.blas.isSlow())
        m_warning->setText(
            tr("<b>Training will be about 50 times slower than it should.</b> Matrix products "
               "use the reference BLAS (%1). Install OpenBLAS with "
               "<code>sudo apt-get install libopenblas0-pthread</code> and restart DomainTune.")
                .arg(QString::fromStdString(info.blas.library).toHtmlEscaped()));
}

bool SystemPage::isBlasWarningShown() const
{
    return !m_warning->isHidden();
}

} // namespace domaintune::ui
