#pragma once

#include "core/data/columnmapping.h"
#include "core/data/example.h"
#include "core/data/importreport.h"
#include "core/data/labelmap.h"
#include "core/data/record.h"

#include <string>
#include <vector>

namespace domaintune {

/**
 * Turns Records into Examples through a ColumnMapping: picks the text, pair, label(s), id and
 * split fields, splits multi-label values, maps label ids through a LabelMap, finds
 * question-answering answers in their context, and reports records with a blank or unknown
 * label or an answer not in its context (skipped, or the import stops, as the report's policy
 * says). Const methods are thread-safe.
 */
class RecordMapper
{
public:
    /**
     * Resolves the mapping's column names against @p columns. Throws domaintune::Error naming
     * @p file and the available columns when a mapped column does not exist or no text
     * column is set.
     */
    RecordMapper(const std::vector<std::string>& columns, const ColumnMapping& mapping,
                 const LabelMap& labels, const std::string& file);

    /** Fills @p example from @p record; returns false when the record was skipped. */
    bool map(const Record& record, Example& example, ImportReport& report) const;

private:
    int resolve(const std::vector<std::string>& columns, const std::string& name) const;
    bool mapLabels(const Record& record, Example& example, ImportReport& report) const;
    bool mapAnswers(const Record& record, Example& example, ImportReport& report) const;

    ColumnMapping m_mapping;
    const LabelMap& m_labels;
    std::string m_file;
    int m_text = -1, m_pair = -1, m_label = -1, m_id = -1, m_split = -1;
    int m_answer = -1, m_answerStart = -1;
};

} // namespace domaintune
