#pragma once

#include "core/data/importcontext.h"
#include "core/data/sourceinfo.h"

#include <string>

namespace domaintune {

/**
 * Reads a folder-per-label corpus: FOLDER/LABEL/... text files (any depth below the label
 * folder), one Example per file (or per block, see ImportOptions::textUnit) labelled with its
 * top-level folder's name; the id is the path relative to FOLDER. Files directly in FOLDER are
 * reported and skipped (no label). Not thread-safe: one reader per import.
 */
class FolderReader
{
public:
    explicit FolderReader(ImportContext& context);

    /** Reads @p folder, handing each file to @p visit. */
    SourceInfo read(const std::string& folder, const ExampleVisitor& visit);

private:
    ImportContext& m_context;
};

} // namespace domaintune
