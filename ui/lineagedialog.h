#pragma once

#include "core/store/runlineage.h"

#include <QDialog>

class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QPushButton;

namespace domaintune {
class RunStore;
}

namespace domaintune::ui {

/**
 * A run's lineage as a graph: each connected run a box (name, task, domain, status), arrows
 * from a run to those it led to (trained on its model, continued it, a trial of its search),
 * generations from left to right; the asked-for run is highlighted and its base-model chain
 * listed below. "Compare with parent" asks to compare the run beside the run whose model it
 * trained on; clicking a box asks to select that run. Object names for tests: "graph",
 * "chain", "compareParent". GUI thread.
 */
class LineageDialog : public QDialog
{
    Q_OBJECT

public:
    /** Reads the lineage of @p runId from @p store (throws domaintune::Error as runLineage). */
    LineageDialog(RunStore& store, qint64 runId, QWidget* parent = nullptr);

    /** The run whose model the run trained on, 0 when none. */
    qint64 baseModelParent() const;
    /** How many boxes and arrows the graph draws. */
    int boxCount() const { return m_boxes; }
    int arrowCount() const { return m_arrows; }

signals:
    /** Compare these runs (the run and its base-model parent). */
    void compareRequested(const QList<qint64>& runIds);
    /** Select run @p runId in the History. */
    void runActivated(qint64 runId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void draw();

    qint64 m_runId = 0;
    RunLineage m_lineage;
    QGraphicsScene* m_scene = nullptr;
    QGraphicsView* m_view = nullptr;
    QLabel* m_chain = nullptr;
    QPushButton* m_compare = nullptr;
    int m_boxes = 0;
    int m_arrows = 0;
};

/** The translated label of a lineage arrow ("its model", "trial", "resumed"). */
QString lineageLinkTitle(LineageLink link);

} // namespace domaintune::ui
