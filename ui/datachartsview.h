#pragma once

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QCustomPlot;

namespace domaintune {
struct LengthBucket;
}

namespace domaintune::ui {

/**
 * Two small charts for the wizard's data page: examples per label (bars) and the token-length
 * histogram with a vertical line where sequences are truncated. GUI thread only.
 */
class DataChartsView : public QWidget
{
    Q_OBJECT

public:
    explicit DataChartsView(QWidget* parent = nullptr);

    /** Shows one bar per label (at most 30, the most frequent; the rest summed as "other"). */
    void setLabels(const std::map<std::string, std::size_t>& counts);
    /** Shows the histogram and the truncation line at @p maxLength tokens. */
    void setLengths(const std::vector<LengthBucket>& histogram, std::size_t maxLength);
    /** Moves only the truncation line. */
    void setMaxLength(std::size_t maxLength);

    /** Returns how many bars the label chart shows. */
    int labelBars() const;
    /** Returns the x position of the truncation line (in histogram bucket units). */
    double truncationPosition() const;
    const QCustomPlot* labelPlot() const { return m_labels; }
    const QCustomPlot* lengthPlot() const { return m_lengths; }

private:
    QCustomPlot* m_labels = nullptr;
    QCustomPlot* m_lengths = nullptr;
    std::vector<std::size_t> m_bucketEdges;
    double m_truncation = 0;
};

} // namespace domaintune::ui
