#pragma once

#include "core/data/importoptions.h"
#include "core/data/importreport.h"
#include "core/data/labelmap.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/**
 * The state one import shares among its readers: the options, the report, and the byte
 * counter that drives progress and cancellation. Not thread-safe: one per import.
 */
class ImportContext
{
public:
    /** Loads the options' label map file, if any (throws domaintune::Error if unreadable). */
    ImportContext(const ImportOptions& options, ImportReport& report, std::int64_t totalBytes);

    const ImportOptions& options() const { return m_options; }
    ImportReport& report() { return m_report; }
    const LabelMap& labels() const { return m_labels; }

    /**
     * Counts @p bytes as read, calls the progress callback and polls the cancel flag. Returns
     * false (and marks the report cancelled) when the import should stop.
     */
    bool advance(std::int64_t bytes);
    /**
     * Remembers the mapping used for a file with @p columns, so later files with the same
     * columns (dev.txt, test.txt) are mapped alike instead of guessed again.
     */
    void rememberMapping(const std::vector<std::string>& columns, const ColumnMapping& mapping);
    /** Returns the options' mapping, or the remembered one when @p columns match it. */
    ColumnMapping mappingFor(const std::vector<std::string>& columns) const;

    /** Returns true once cancellation was seen. */
    bool cancelled() const { return m_report.cancelled(); }

private:
    const ImportOptions& m_options;
    ImportReport& m_report;
    LabelMap m_labels;
    std::vector<std::string> m_mappedColumns;
    ColumnMapping m_mapping;
    bool m_hasMapping = false;
    std::int64_t m_done = 0;
    std::int64_t m_total = 0;
};

} // namespace domaintune
