#include "ui/liveplot.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QTimer>

#include <cmath>

namespace domaintune::ui {

LivePlot::LivePlot(const QString& title, const QString& xLabel, const QString& yLabel,
                   QWidget* parent)
    : QCustomPlot(parent)
{
    setMinimumSize(220, 160);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plotLayout()->insertRow(0);
    auto* heading = new QCPTextElement(this, title, QFont(font().family(), -1, QFont::Bold));
    plotLayout()->addElement(0, 0, heading);
    xAxis->setLabel(xLabel);
    yAxis->setLabel(yLabel);
    legend->setVisible(false);
    legend->setFont(QFont(font().family(), qMax(7, font().pointSize() - 1)));
    // The legend sits under the plot, in a row of its own: inside it covered the curves.
    axisRect()->insetLayout()->take(legend);
    auto* legendRow = new QCPLayoutGrid;
    plotLayout()->addElement(2, 0, legendRow);
    legendRow->setMargins(QMargins(5, 0, 5, 4));
    legendRow->addElement(0, 0, legend);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    plotLayout()->setRowStretchFactor(2, 0.001);

    // The user takes over the axes by dragging or zooming; "Fit" gives them back.
    connect(this, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton)
            stopFollowing();
    });
    connect(this, &QCustomPlot::mouseWheel, this, [this] { stopFollowing(); });

    m_timer = new QTimer(this);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &LivePlot::refresh);
    m_timer->start();
}

int LivePlot::addCurve(const QString& name, const QColor& color, Qt::PenStyle style, bool markers)
{
    QCPGraph* graph = addGraph();
    graph->setName(name);
    QPen pen(color, 1.6, style);
    graph->setPen(pen);
    if (markers)
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 6));
    legend->setVisible(graphCount() > 1);
    m_dirty = true;
    return graphCount() - 1;
}

void LivePlot::append(int curve, double x, double y)
{
    if (curve < 0 || curve >= graphCount() || !std::isfinite(y))
        return;
    graph(curve)->addData(x, y);
    m_dirty = true;
}

void LivePlot::clearData(bool removeCurves)
{
    if (removeCurves)
        clearGraphs();
    for (int i = 0; i < graphCount(); ++i)
        graph(i)->data()->clear();
    legend->setVisible(graphCount() > 1);
    m_follow = true;
    m_dirty = true;
}

void LivePlot::setCurve(int curve, const QVector<double>& xs, const QVector<double>& ys)
{
    if (curve < 0 || curve >= graphCount())
        return;
    graph(curve)->setData(xs, ys, /*alreadySorted=*/true);
    m_dirty = true;
}

int LivePlot::pointCount(int curve) const
{
    if (curve < 0 || curve >= graphCount())
        return 0;
    return graph(curve)->dataCount();
}

void LivePlot::fitToData()
{
    m_follow = true;
    m_dirty = true;
    refresh();
}

bool LivePlot::refresh()
{
    if (!m_dirty || !isVisible())
        return false;
    m_dirty = false;
    if (m_follow) {
        rescaleAxes();
        // Room around the data: a flat curve would give an empty range, and a marker on the
        // plot's edge is cut in half (a few-shot run's one evaluation sat in Compare's corner).
        xAxis->scaleRange(1.04, xAxis->range().center());
        yAxis->scaleRange(1.1, yAxis->range().center());
    }
    replot(QCustomPlot::rpQueuedReplot);
    return true;
}

bool LivePlot::exportTo(const QString& file)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("pdf"))
        return savePdf(file);
    return savePng(file, 0, 0, 2.0);
}

void LivePlot::stopFollowing()
{
    m_follow = false;
}

void LivePlot::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("&Fit to data"), this, &LivePlot::fitToData);
    menu.addAction(tr("&Export as PNG or PDF…"), this, &LivePlot::exportWithDialog);
    menu.exec(event->globalPos());
}

void LivePlot::exportWithDialog()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QString(), tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (file.isEmpty())
        return;
    if (!exportTo(file))
        QMessageBox::warning(this, tr("Export chart"),
                             tr("Could not write %1. Check that the folder exists and is "
                                "writable.")
                                 .arg(QDir::toNativeSeparators(file)));
}

} // namespace domaintune::ui
