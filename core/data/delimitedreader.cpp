#include "core/data/delimitedreader.h"

#include "core/data/csvreader.h"
#include "core/data/decodedfile.h"
#include "core/data/recordstream.h"

namespace domaintune {

DelimitedReader::DelimitedReader(ImportContext& context) : m_context(context) {}

SourceInfo DelimitedReader::read(const std::string& path, const ExampleVisitor& visit)
{
    DecodedFile file(path, m_context);
    SourceInfo info = SourceInfo::make(path, CorpusFormat::Csv, file.encoding());
    const ImportOptions& options = m_context.options();
    CsvReader reader(file, options.delimiter, options.hasHeader);
    info.delimiter = reader.delimiter();
    info.hasHeader = reader.hasHeader();
    std::deque<Record> sample;
    Record record;
    while (sample.size() < kMappingSampleSize && reader.next(record))
        sample.push_back(std::move(record));
    const RecordSource next = [&](Record& out) { return reader.next(out); };
    mapRecords(reader.columns(), sample, next, m_context, info, visit);
    return info;
}

} // namespace domaintune
