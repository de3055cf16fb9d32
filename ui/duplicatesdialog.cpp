#include "ui/duplicatesdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

QString kindText(const DuplicatePair& pair)
{
    if (pair.kind == "exact")
        return DuplicatesDialog::tr("exact");
    if (pair.kind == "normalized")
        return DuplicatesDialog::tr("same but for case and punctuation");
    return DuplicatesDialog::tr("near (%1 % alike)").arg(pair.similarity * 100, 0, 'f', 0);
}

QString where(const Example& example)
{
    return example.line > 0 ? DuplicatesDialog::tr("line %1").arg(example.line) : QString();
}

} // namespace

DuplicatesDialog::DuplicatesDialog(const DataPreview& preview, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("DuplicatesDialog"));
    setWindowTitle(tr("Duplicates"));
    auto* layout = new QVBoxLayout(this);
    const LeakageReport& report = preview.leakage;
    const auto total = report.exactWithin + report.exactAcross + report.normalizedWithin +
                       report.normalizedAcross + report.nearWithin + report.nearAcross;
    auto* summary = new QLabel(
        tr("%n example(s) repeat another one. Examples of each kind are listed; dropping them "
           "keeps the first of each group (a training example rather than a validation one).",
           nullptr, int(total)),
        this);
    summary->setWordWrap(true);
    layout->addWidget(summary);
    m_table = new QTableWidget(int(preview.duplicates.size()), 5, this);
    m_table->setObjectName(QStringLiteral("duplicates"));
    m_table->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Splits"), tr("Text"), tr("Repeats"), tr("Where")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const DuplicateExample& duplicate = preview.duplicates[std::size_t(row)];
        const auto cell = [&](int column, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(text);
            m_table->setItem(row, column, item);
        };
        cell(0, kindText(duplicate.pair));
        cell(1, duplicate.pair.acrossSplits
                    ? tr("%1 and %2 (leakage)")
                          .arg(QString::fromStdString(duplicate.first.split),
                               QString::fromStdString(duplicate.second.split))
                    : tr("same split"));
        cell(2, QString::fromStdString(duplicate.second.text));
        cell(3, QString::fromStdString(duplicate.first.text));
        const QString first = where(duplicate.first), second = where(duplicate.second);
        cell(4, first.isEmpty() ? QString() : tr("%1, repeating %2").arg(second, first));
    }
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_table->resizeRowsToContents();
    layout->addWidget(m_table, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(900, 480);
}

} // namespace domaintune::ui
