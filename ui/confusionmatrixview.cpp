#include "ui/confusionmatrixview.h"

#include <QAction>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace domaintune::ui {
namespace {

constexpr int kShortenAbove = 6; // classes before labels are shortened and turned
constexpr int kNumbersUpTo = 12; // classes up to which every cell shows its number

QString shortened(const std::string& label, int maxCharacters)
{
    const QString text = QString::fromStdString(label);
    return text.size() <= maxCharacters ? text : text.left(maxCharacters - 1) + QChar(0x2026);
}

} // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(220, 160);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(
        0, 0,
        new QCPTextElement(this, tr("Confusion matrix"), QFont(font().family(), -1, QFont::Bold)));
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(false);
    QCPColorGradient gradient(QCPColorGradient::gpGrayscale);
    gradient.setColorStopAt(0.0, QColor(247, 251, 255));
    gradient.setColorStopAt(1.0, QColor(8, 81, 156));
    m_map->setGradient(gradient);
    xAxis->setLabel(tr("Predicted"));
    yAxis->setLabel(tr("True"));
    yAxis->setRangeReversed(true);
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);
    auto* normalise = new QAction(tr("Show shares of each true class"), this);
    normalise->setObjectName(QStringLiteral("normalizeConfusion"));
    normalise->setCheckable(true);
    connect(normalise, &QAction::toggled, this, &ConfusionMatrixView::setNormalized);
    addAction(normalise);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    setMatrix({}, {});
}

void ConfusionMatrixView::setMatrix(const std::vector<std::string>& labels,
                                    const std::vector<std::vector<std::int64_t>>& confusion)
{
    m_classes = static_cast<int>(std::min(labels.size(), confusion.size()));
    m_labels = labels;
    m_confusion = confusion;
    redraw();
}

void ConfusionMatrixView::setNormalized(bool normalized)
{
    if (normalized == m_normalized)
        return;
    m_normalized = normalized;
    if (auto* action = findChild<QAction*>(QStringLiteral("normalizeConfusion"))) {
        const QSignalBlocker blocker(action);
        action->setChecked(normalized);
    }
    redraw();
}

double ConfusionMatrixView::shownValue(int trueClass, int predictedClass) const
{
    const auto& row = m_confusion[static_cast<std::size_t>(trueClass)];
    if (predictedClass >= static_cast<int>(row.size()))
        return 0;
    const double count = static_cast<double>(row[static_cast<std::size_t>(predictedClass)]);
    if (!m_normalized)
        return count;
    const auto total = std::accumulate(row.begin(), row.end(), std::int64_t(0));
    return total > 0 ? count / static_cast<double>(total) : 0.0;
}

void ConfusionMatrixView::redraw()
{
    clearItems();
    const int n = std::max(m_classes, 1);
    m_map->data()->setSize(n, n);
    m_map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
    m_map->data()->fill(0);
    double peak = 1.0; // shares top out at 1; counts at the largest count
    for (int t = 0; t < m_classes; ++t)
        for (int p = 0; p < m_classes; ++p) {
            const double value = shownValue(t, p);
            m_map->data()->setCell(p, t, value);
            if (!m_normalized)
                peak = std::max(peak, value);
        }
    m_map->setDataRange(QCPRange(0, peak));
    const bool many = m_classes > kShortenAbove;
    setTicks(xAxis, many ? 8 : 40);
    setTicks(yAxis, many ? 14 : 40);
    xAxis->setTickLabelRotation(many ? 45 : 0);
    // A turned label runs right from its tick, past the plot's edge for the last classes, and
    // QCustomPlot leaves out a label that would be cut: the right margin makes room for them.
    if (many) {
        const QFontMetrics metrics(xAxis->tickLabelFont());
        int widest = 0;
        for (int i = 0; i < m_classes; ++i)
            widest = std::max(widest, metrics.horizontalAdvance(predictedTickText(i)));
        axisRect()->setAutoMargins(QCP::msLeft | QCP::msTop | QCP::msBottom);
        axisRect()->setMargins(QMargins(0, 0, int(std::ceil(widest * M_SQRT1_2)) + 6, 0));
    } else {
        axisRect()->setAutoMargins(QCP::msAll);
    }
    xAxis->setRange(-0.5, n - 0.5);
    yAxis->setRange(-0.5, n - 0.5);
    if (m_classes <= kNumbersUpTo)
        annotate(peak);
    replot(QCustomPlot::rpQueuedReplot);
}

double ConfusionMatrixView::cellValue(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= m_classes ||
        predictedClass >= m_classes)
        return 0;
    return m_map->data()->cell(predictedClass, trueClass);
}

QString ConfusionMatrixView::cellToolTip(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= m_classes ||
        predictedClass >= m_classes)
        return {};
    const auto& row = m_confusion[static_cast<std::size_t>(trueClass)];
    const auto total = std::accumulate(row.begin(), row.end(), std::int64_t(0));
    const std::int64_t count = predictedClass < static_cast<int>(row.size())
                                   ? row[static_cast<std::size_t>(predictedClass)]
                                   : 0;
    return tr("true %1, predicted %2: %3 (%4 % of %1)")
        .arg(QString::fromStdString(m_labels[static_cast<std::size_t>(trueClass)]),
             QString::fromStdString(m_labels[static_cast<std::size_t>(predictedClass)]))
        .arg(count)
        .arg(total > 0 ? 100.0 * double(count) / double(total) : 0.0, 0, 'f', 1);
}

QString ConfusionMatrixView::predictedTickText(int index) const
{
    const auto ticker = xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? ticker->ticks().value(index) : QString();
}

bool ConfusionMatrixView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int predicted = static_cast<int>(std::lround(xAxis->pixelToCoord(help->pos().x())));
        const int truth = static_cast<int>(std::lround(yAxis->pixelToCoord(help->pos().y())));
        const QString text = cellToolTip(truth, predicted);
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QCustomPlot::event(event);
}

void ConfusionMatrixView::setTicks(QCPAxis* axis, int maxCharacters)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < m_classes; ++i)
        ticker->addTick(i, shortened(m_labels[static_cast<std::size_t>(i)], maxCharacters));
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    // Tick marks point outwards: drawn into the plot they stood beside the first row's and
    // column's counts and read as minus signs ("-6").
    axis->setTickLength(0, 4);
}

void ConfusionMatrixView::annotate(double peak)
{
    for (int t = 0; t < m_classes; ++t)
        for (int p = 0; p < m_classes; ++p) {
            const double value = shownValue(t, p);
            auto* text = new QCPItemText(this);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->position->setCoords(p, t);
            text->setText(m_normalized ? QString::number(value * 100.0, 'f', 0) + QLatin1Char('%')
                                       : QString::number(static_cast<qint64>(value)));
            // Dark cells get light text so that every count stays readable.
            text->setColor(value * 2 > peak ? Qt::white : QColor(33, 37, 41));
        }
}

} // namespace domaintune::ui
