#pragma once

#include <QString>
#include <qcustomplot.h>

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune::ui {

/**
 * A confusion-matrix heatmap (true labels down, predicted labels across) drawn with a
 * QCPColorMap, each cell annotated with its count, or with its share of the true class when
 * normalised (context menu). Beyond six classes the labels are shortened and the predicted ones
 * turned 45°; beyond twelve the cells carry no numbers. Every cell's tooltip names both labels
 * in full with the count and share. setMatrix() replaces the whole matrix and replots once (it
 * is called once per evaluation). GUI thread only.
 */
class ConfusionMatrixView : public QCustomPlot
{
    Q_OBJECT

public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    /** Shows @p confusion[true][predicted] for @p labels; an empty matrix clears the view. */
    void setMatrix(const std::vector<std::string>& labels,
                   const std::vector<std::vector<std::int64_t>>& confusion);
    /** Returns the number of classes shown (0 when empty). */
    int classCount() const { return m_classes; }
    /** Returns the count shown in cell (@p trueClass, @p predictedClass). */
    double cellValue(int trueClass, int predictedClass) const;
    /** Shows each row as shares of its true class (recall per cell) instead of counts. */
    void setNormalized(bool normalized);
    bool isNormalized() const { return m_normalized; }
    /** The tooltip text of cell (@p trueClass, @p predictedClass); empty outside the matrix. */
    QString cellToolTip(int trueClass, int predictedClass) const;
    /** The text of the tick of class @p index on the predicted axis. */
    QString predictedTickText(int index) const;

protected:
    bool event(QEvent* event) override;

private:
    void redraw();
    void setTicks(QCPAxis* axis, int maxCharacters);
    void annotate(double peak);
    double shownValue(int trueClass, int predictedClass) const;

    QCPColorMap* m_map = nullptr;
    int m_classes = 0;
    bool m_normalized = false;
    std::vector<std::string> m_labels;
    std::vector<std::vector<std::int64_t>> m_confusion;
};

} // namespace domaintune::ui
