#include "core/data/recordstream.h"

#include "core/data/recordmapper.h"

namespace domaintune {

namespace {

// With a label file, the label column is the one whose values the file names.
std::string labelColumnByIds(const std::vector<std::string>& columns,
                             const std::vector<Record>& sample, const LabelMap& labels)
{
    for (std::size_t i = 0; i < columns.size() && !labels.empty() && !sample.empty(); ++i) {
        bool all = true;
        for (const Record& record : sample)
            all = all && i < record.values.size() && labels.find(record.values[i]) != nullptr;
        if (all)
            return columns[i];
    }
    return {};
}

} // namespace

void mapRecords(const std::vector<std::string>& columns, std::deque<Record>& sample,
                const RecordSource& next, ImportContext& context, SourceInfo& info,
                const ExampleVisitor& visit)
{
    const std::vector<Record> guessFrom(sample.begin(), sample.end());
    info.columns = columns;
    ColumnMapping given = context.mappingFor(columns);
    if (given.label.empty())
        given.label = labelColumnByIds(columns, guessFrom, context.labels());
    info.mapping = guessColumnMapping(columns, guessFrom, given);
    context.rememberMapping(columns, info.mapping);
    if (columns.empty())
        return;
    const RecordMapper mapper(columns, info.mapping, context.labels(), info.path);
    Record record;
    Example example;
    for (;;) {
        if (!sample.empty()) {
            record = std::move(sample.front());
            sample.pop_front();
        } else if (!next(record)) {
            return;
        }
        context.report().countRecord();
        if (!mapper.map(record, example, context.report()))
            continue;
        ++info.examples;
        if (!visit(example))
            return;
    }
}

} // namespace domaintune
