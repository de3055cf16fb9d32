#include "core/data/importcontext.h"

namespace domaintune {

ImportContext::ImportContext(const ImportOptions& options, ImportReport& report,
                             std::int64_t totalBytes)
    : m_options(options), m_report(report), m_total(totalBytes)
{
    if (!options.labelMapFile.empty())
        m_labels = LabelMap::load(options.labelMapFile);
}

bool ImportContext::advance(std::int64_t bytes)
{
    m_done += bytes;
    if (m_options.progress)
        m_options.progress(m_done, m_total);
    if (m_options.cancel != nullptr && m_options.cancel->load())
        m_report.setCancelled(true);
    return !m_report.cancelled();
}

void ImportContext::rememberMapping(const std::vector<std::string>& columns,
                                    const ColumnMapping& mapping)
{
    m_mappedColumns = columns;
    m_mapping = mapping;
    m_hasMapping = true;
}

ColumnMapping ImportContext::mappingFor(const std::vector<std::string>& columns) const
{
    return m_hasMapping && columns == m_mappedColumns ? m_mapping : m_options.mapping;
}

} // namespace domaintune
