#pragma once

#include "core/data/datapreview.h"

#include <QDialog>

class QTableWidget;

namespace domaintune::ui {

/**
 * Lists the duplicate pairs the data preview found (up to 20 of each kind): the kind (exact,
 * the same after normalising case and punctuation, or near with its similarity), whether the
 * two are in different splits (leakage), and both texts with their lines. GUI thread only.
 */
class DuplicatesDialog : public QDialog
{
    Q_OBJECT

public:
    DuplicatesDialog(const DataPreview& preview, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};

} // namespace domaintune::ui
