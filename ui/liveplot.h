#pragma once

#include <QColor>
#include <QString>
#include <qcustomplot.h>

class QTimer;

namespace domaintune::ui {

/**
 * A QCustomPlot for live curves. append() only adds to a graph's data and marks the plot dirty;
 * a 150 ms timer replots when the plot is dirty and visible, so a burst of events costs one
 * replot. The axes follow the data until the user drags or zooms; fitToData() (also in the
 * context menu) returns to following. GUI thread only.
 */
class LivePlot : public QCustomPlot
{
    Q_OBJECT

public:
    /** Creates an empty plot titled @p title with the axis labels given. */
    LivePlot(const QString& title, const QString& xLabel, const QString& yLabel,
             QWidget* parent = nullptr);

    /**
     * Adds a curve named @p name; returns its index for append(). With @p markers every point
     * is drawn as a dot, so that a curve of one point (one evaluation) shows at all.
     */
    int addCurve(const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine,
                 bool markers = false);
    /** Appends one point to curve @p curve; the plot is redrawn by the timer. */
    void append(int curve, double x, double y);
    /** Removes every point of every curve (and every curve when @p removeCurves). */
    void clearData(bool removeCurves = false);
    /** Replaces curve @p curve's points (the plot is redrawn by the timer). */
    void setCurve(int curve, const QVector<double>& xs, const QVector<double>& ys);
    /** Returns how many points curve @p curve holds (0 for an unknown curve). */
    int pointCount(int curve) const;

    /** Returns true while the axes follow the data (the user has not zoomed or dragged). */
    bool isFollowingData() const { return m_follow; }
    /** Rescales the axes to the data and follows it again. */
    void fitToData();
    /** Saves the plot as PNG or PDF (by the suffix of @p file); returns false on failure. */
    bool exportTo(const QString& file);
    /** Redraws now when dirty (the timer calls this); returns whether it replotted. */
    bool refresh();

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void stopFollowing();
    void exportWithDialog();

    QTimer* m_timer = nullptr;
    bool m_dirty = false;
    bool m_follow = true;
};

} // namespace domaintune::ui
