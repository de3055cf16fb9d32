#include "ui/lineagedialog.h"

#include "core/store/runstore.h"
#include "ui/runtablemodel.h"
#include "ui/tasktext.h"

#include <QDialogButtonBox>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace domaintune::ui {
namespace {

constexpr double BoxWidth = 210;
constexpr double BoxHeight = 64;
constexpr double ColumnGap = 120;
constexpr double RowGap = 24;
constexpr int RunIdKey = 0;

QString runLabel(const RunRecord& run)
{
    return LineageDialog::tr("#%1 %2\n%3 · %4\n%5")
        .arg(run.id)
        .arg(QString::fromStdString(run.name))
        .arg(taskTitle(QString::fromStdString(run.task)))
        .arg(domainTitle(QString::fromStdString(run.domain)))
        .arg(RunTableModel::statusText(run.status));
}

} // namespace

QString lineageLinkTitle(LineageLink link)
{
    switch (link) {
    case LineageLink::BaseModel:
        return LineageDialog::tr("its model");
    case LineageLink::Resume:
        return LineageDialog::tr("resumed");
    case LineageLink::Trial:
        return LineageDialog::tr("trial");
    }
    return {};
}

LineageDialog::LineageDialog(RunStore& store, qint64 runId, QWidget* parent)
    : QDialog(parent), m_runId(runId), m_lineage(runLineage(store, runId))
{
    setWindowTitle(tr("Lineage of run %1").arg(runId));
    m_scene = new QGraphicsScene(this);
    m_view = new QGraphicsView(m_scene);
    m_view->setObjectName(QStringLiteral("graph"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->viewport()->installEventFilter(this);
    m_chain = new QLabel;
    m_chain->setObjectName(QStringLiteral("chain"));
    m_chain->setWordWrap(true);
    m_chain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compare = new QPushButton(tr("Compare with &parent"));
    m_compare->setObjectName(QStringLiteral("compareParent"));
    m_compare->setToolTip(tr("Put this run beside the run whose model it trained on"));
    m_compare->setEnabled(baseModelParent() > 0);
    connect(m_compare, &QPushButton::clicked, this, [this] {
        emit compareRequested({baseModelParent(), m_runId});
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_compare, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* hint = new QLabel(tr("Each box is a run; an arrow leads from a run to the runs that "
                               "trained on its model, continued it or were trials of its "
                               "search. Click a box to select that run in the History."));
    hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_chain);
    layout->addWidget(buttons);
    draw();
    resize(860, 520);
}

qint64 LineageDialog::baseModelParent() const
{
    for (const auto& edge : m_lineage.edges)
        if (edge.to == m_runId && edge.link == LineageLink::BaseModel)
            return edge.from;
    return 0;
}

void LineageDialog::draw()
{
    // Generations: a run sits one column right of the latest run that led to it.
    std::map<std::int64_t, int> column;
    for (const auto& run : m_lineage.runs)
        column[run.id] = 0;
    for (std::size_t pass = 0; pass < m_lineage.runs.size(); ++pass)
        for (const auto& edge : m_lineage.edges)
            column[edge.to] = std::max(column[edge.to], column[edge.from] + 1);
    std::map<int, int> rowsUsed;
    std::map<std::int64_t, QPointF> position;
    for (const auto& run : m_lineage.runs) { // oldest first
        const int c = column[run.id];
        const int row = rowsUsed[c]++;
        position[run.id] = QPointF(c * (BoxWidth + ColumnGap), row * (BoxHeight + RowGap));
    }
    const QPalette palette = this->palette();
    for (const auto& edge : m_lineage.edges) {
        const QPointF from = position[edge.from] + QPointF(BoxWidth, BoxHeight / 2);
        const QPointF to = position[edge.to] + QPointF(0, BoxHeight / 2);
        QPen pen(palette.color(QPalette::WindowText), 1.5);
        if (edge.link != LineageLink::BaseModel)
            pen.setStyle(Qt::DashLine);
        m_scene->addLine(QLineF(from, to), pen);
        const QLineF line(to, from);
        const double angle = std::atan2(line.dy(), line.dx());
        QPolygonF head;
        head << to << to + QPointF(std::cos(angle + 0.4) * 10, std::sin(angle + 0.4) * 10)
             << to + QPointF(std::cos(angle - 0.4) * 10, std::sin(angle - 0.4) * 10);
        m_scene->addPolygon(head, QPen(palette.color(QPalette::WindowText)),
                            palette.brush(QPalette::WindowText));
        auto* label = m_scene->addSimpleText(lineageLinkTitle(edge.link));
        QFont small = font();
        small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
        label->setFont(small);
        label->setPos((from + to) / 2 - QPointF(label->boundingRect().width() / 2, 16));
        ++m_arrows;
    }
    for (const auto& run : m_lineage.runs) {
        const QPointF at = position[run.id];
        const bool self = run.id == m_runId;
        auto* box = m_scene->addRect(
            QRectF(at, QSizeF(BoxWidth, BoxHeight)),
            QPen(self ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid),
                 self ? 3 : 1),
            palette.brush(QPalette::Base));
        box->setData(RunIdKey, QVariant::fromValue<qint64>(run.id));
        box->setToolTip(QString::fromStdString(run.modelPath));
        box->setCursor(Qt::PointingHandCursor);
        auto* text = new QGraphicsTextItem(runLabel(run), box);
        text->setTextWidth(BoxWidth - 8);
        text->setPos(at + QPointF(4, 2));
        text->setData(RunIdKey, QVariant::fromValue<qint64>(run.id));
        ++m_boxes;
    }
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-10, -10, 10, 10));

    QStringList chain;
    std::map<std::int64_t, const RunRecord*> byId;
    for (const auto& run : m_lineage.runs)
        byId[run.id] = &run;
    for (std::size_t i = 0; i < m_lineage.chain.size(); ++i) {
        const RunRecord* run = byId[m_lineage.chain[i]];
        if (i == 0)
            chain << tr("%1 (from %2)")
                         .arg(QString::fromStdString(run->name),
                              QString::fromStdString(run->modelPath));
        else
            chain << QString::fromStdString(run->name);
    }
    m_chain->setText(m_lineage.chain.size() > 1
                         ? tr("Built in steps: %1").arg(chain.join(QStringLiteral(" → ")))
                         : tr("This run trained on a model from outside the History (%1).")
                               .arg(QString::fromStdString(byId[m_runId]->modelPath)));
}

bool LineageDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        for (QGraphicsItem* item : m_view->items(mouse->pos()))
            if (item->data(RunIdKey).isValid()) {
                emit runActivated(item->data(RunIdKey).toLongLong());
                return true;
            }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace domaintune::ui
