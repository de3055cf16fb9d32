#pragma once

#include <qcustomplot.h>

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune::ui {

/**
 * A confusion-matrix heatmap (true labels down, predicted labels across) drawn with a
 * QCPColorMap, each cell annotated with its count. setMatrix() replaces the whole matrix and
 * replots once (it is called once per evaluation). GUI thread only.
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

private:
    void setTicks(QCPAxis* axis, const std::vector<std::string>& labels);
    void annotate(const std::vector<std::vector<std::int64_t>>& confusion, std::int64_t peak);

    QCPColorMap* m_map = nullptr;
    int m_classes = 0;
};

} // namespace domaintune::ui
