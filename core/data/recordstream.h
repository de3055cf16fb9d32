#pragma once

#include "core/data/importcontext.h"
#include "core/data/record.h"
#include "core/data/sourceinfo.h"

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace domaintune {

/** Produces the next record; returns false at the end. */
using RecordSource = std::function<bool(Record& record)>;

/**
 * The common tail of the record readers (CSV, JSON, JSONL): completes the options' column
 * mapping from @p columns and the already-read @p sample (guessColumnMapping()), stores it in
 * @p info, then maps the sample and every further record of @p next to Examples for @p visit,
 * reporting blank or unknown labels. Sets info.examples. Runs on the importing thread.
 */
void mapRecords(const std::vector<std::string>& columns, std::deque<Record>& sample,
                const RecordSource& next, ImportContext& context, SourceInfo& info,
                const ExampleVisitor& visit);

/** How many records mapRecords() callers read ahead to guess the mapping. */
constexpr std::size_t kMappingSampleSize = 1000;

} // namespace domaintune
