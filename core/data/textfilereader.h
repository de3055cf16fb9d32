#pragma once

#include "core/data/importcontext.h"
#include "core/data/sourceinfo.h"

#include <string>
#include <vector>

namespace domaintune {

/**
 * Reads plain text and Markdown for language modelling: a file, or every .txt/.md/.markdown
 * file under a folder (recursively, in sorted order). One Example per file, or per
 * blank-line separated block (ImportOptions::textUnit); the id is the path relative to the
 * folder ("#N" added for blocks). Streaming per block; a whole-file document holds one file.
 *
 * Not thread-safe: one reader per import.
 */
class TextFileReader
{
public:
    explicit TextFileReader(ImportContext& context);

    /** Reads @p path (file or folder), handing each document or block to @p visit. */
    SourceInfo read(const std::string& path, const ExampleVisitor& visit);

    /**
     * Reads one file as documents labelled @p labels with ids based on @p id; adds to
     * @p info.examples. Returns false when @p visit asked to stop or the import was cancelled.
     */
    bool readFile(const std::string& file, const std::string& id,
                  const std::vector<std::string>& labels, SourceInfo& info,
                  const ExampleVisitor& visit);

    /** Returns the text files under @p folder (recursively), sorted. */
    static std::vector<std::string> textFiles(const std::string& folder);

private:
    ImportContext& m_context;
};

} // namespace domaintune
