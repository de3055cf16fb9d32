#include "ui/confusionmatrixview.h"

#include <algorithm>

namespace domaintune::ui {

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
    setMatrix({}, {});
}

void ConfusionMatrixView::setMatrix(const std::vector<std::string>& labels,
                                    const std::vector<std::vector<std::int64_t>>& confusion)
{
    m_classes = static_cast<int>(std::min(labels.size(), confusion.size()));
    clearItems();
    const int n = std::max(m_classes, 1);
    m_map->data()->setSize(n, n);
    m_map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
    m_map->data()->fill(0);
    std::int64_t peak = 1;
    for (int t = 0; t < m_classes; ++t)
        for (int p = 0; p < m_classes && p < static_cast<int>(confusion[t].size()); ++p) {
            m_map->data()->setCell(p, t, static_cast<double>(confusion[t][p]));
            peak = std::max(peak, confusion[t][p]);
        }
    m_map->setDataRange(QCPRange(0, static_cast<double>(peak)));
    setTicks(xAxis, labels);
    setTicks(yAxis, labels);
    xAxis->setRange(-0.5, n - 0.5);
    yAxis->setRange(-0.5, n - 0.5);
    annotate(confusion, peak);
    replot(QCustomPlot::rpQueuedReplot);
}

double ConfusionMatrixView::cellValue(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= m_classes ||
        predictedClass >= m_classes)
        return 0;
    return m_map->data()->cell(predictedClass, trueClass);
}

void ConfusionMatrixView::setTicks(QCPAxis* axis, const std::vector<std::string>& labels)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < m_classes; ++i)
        ticker->addTick(i, QString::fromStdString(labels[static_cast<std::size_t>(i)]));
    axis->setTicker(ticker);
    axis->setSubTicks(false);
}

void ConfusionMatrixView::annotate(const std::vector<std::vector<std::int64_t>>& confusion,
                                   std::int64_t peak)
{
    for (int t = 0; t < m_classes; ++t)
        for (int p = 0; p < m_classes && p < static_cast<int>(confusion[t].size()); ++p) {
            auto* text = new QCPItemText(this);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->position->setCoords(p, t);
            text->setText(QString::number(confusion[t][p]));
            // Dark cells get light text so that every count stays readable.
            const bool dark = confusion[t][p] * 2 > peak;
            text->setColor(dark ? Qt::white : QColor(33, 37, 41));
        }
}

} // namespace domaintune::ui
