#include "ui/datachartsview.h"

#include "core/data/corpusstatistics.h"

#include <QHBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace domaintune::ui {
namespace {

QCustomPlot* makePlot(QWidget* parent, const QString& title, const QString& name)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumHeight(170);
    plot->plotLayout()->insertRow(0);
    auto* heading = new QCPTextElement(plot, title);
    heading->setFont(QFont(plot->font().family(), plot->font().pointSize(), QFont::Bold));
    plot->plotLayout()->addElement(0, 0, heading);
    plot->setAccessibleName(title);
    return plot;
}

void setCategoryTicks(QCustomPlot* plot, const QVector<QString>& names)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < names.size(); ++i)
        ticker->addTick(i, names[i]);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setTickLabelRotation(names.size() > 6 ? 45 : 0);
    plot->xAxis->setRange(-0.6, std::max<double>(names.size(), 1) - 0.4);
}

} // namespace

DataChartsView::DataChartsView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_labels = makePlot(this, tr("Examples per label"), QStringLiteral("labelChart"));
    m_lengths = makePlot(this, tr("Length in tokens (red: truncated beyond)"),
                         QStringLiteral("lengthChart"));
    new QCPBars(m_labels->xAxis, m_labels->yAxis);
    new QCPBars(m_lengths->xAxis, m_lengths->yAxis);
    auto* line = new QCPItemStraightLine(m_lengths);
    line->setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 2, Qt::DashLine));
    line->setObjectName(QStringLiteral("truncation"));
    layout->addWidget(m_labels, 1);
    layout->addWidget(m_lengths, 1);
}

void DataChartsView::setLabels(const std::map<std::string, std::size_t>& counts)
{
    std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    constexpr std::size_t shown = 30;
    if (sorted.size() > shown) {
        std::size_t rest = 0;
        for (std::size_t i = shown - 1; i < sorted.size(); ++i)
            rest += sorted[i].second;
        sorted.resize(shown - 1);
        sorted.emplace_back(tr("(other)").toStdString(), rest);
    }
    QVector<double> x, y;
    QVector<QString> names;
    double highest = 1;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        x << static_cast<double>(i);
        y << static_cast<double>(sorted[i].second);
        names << QString::fromStdString(sorted[i].first);
        highest = std::max(highest, y.back());
    }
    auto* bars = static_cast<QCPBars*>(m_labels->plottable(0));
    bars->setData(x, y, true);
    setCategoryTicks(m_labels, names);
    m_labels->yAxis->setRange(0, highest * 1.1);
    m_labels->replot();
}

void DataChartsView::setLengths(const std::vector<LengthBucket>& histogram, std::size_t maxLength)
{
    QVector<double> x, y;
    QVector<QString> names;
    m_bucketEdges.clear();
    double highest = 1;
    for (std::size_t i = 0; i < histogram.size(); ++i) {
        x << static_cast<double>(i);
        y << static_cast<double>(histogram[i].count);
        names << QStringLiteral("≤%1").arg(histogram[i].upTo);
        m_bucketEdges.push_back(histogram[i].upTo);
        highest = std::max(highest, y.back());
    }
    auto* bars = static_cast<QCPBars*>(m_lengths->plottable(0));
    bars->setData(x, y, true);
    setCategoryTicks(m_lengths, names);
    m_lengths->yAxis->setRange(0, highest * 1.1);
    setMaxLength(maxLength);
}

void DataChartsView::setMaxLength(std::size_t maxLength)
{
    // Buckets are (previous, upTo]: place the line proportionally inside the bucket it cuts.
    double position = m_bucketEdges.empty() ? 0 : static_cast<double>(m_bucketEdges.size()) - 0.5;
    std::size_t lower = 0;
    for (std::size_t i = 0; i < m_bucketEdges.size(); ++i) {
        if (maxLength <= m_bucketEdges[i]) {
            const double span = static_cast<double>(m_bucketEdges[i] - lower);
            const double into = span > 0 ? static_cast<double>(maxLength - lower) / span : 1.0;
            position = static_cast<double>(i) - 0.5 + into;
            break;
        }
        lower = m_bucketEdges[i];
    }
    m_truncation = position;
    auto* line = static_cast<QCPItemStraightLine*>(m_lengths->item(0));
    line->point1->setCoords(position, 0);
    line->point2->setCoords(position, 1);
    m_lengths->replot();
}

int DataChartsView::labelBars() const
{
    return static_cast<QCPBars*>(m_labels->plottable(0))->data()->size();
}

double DataChartsView::truncationPosition() const
{
    return m_truncation;
}

} // namespace domaintune::ui
