#include "core/data/folderreader.h"

#include "core/data/textfilereader.h"

#include <filesystem>

namespace domaintune {

FolderReader::FolderReader(ImportContext& context) : m_context(context) {}

SourceInfo FolderReader::read(const std::string& folder, const ExampleVisitor& visit)
{
    SourceInfo info = SourceInfo::make(folder, CorpusFormat::FolderPerLabel);
    info.columns = {"text", "label"};
    info.mapping.text = "text";
    info.mapping.label = "label";
    TextFileReader reader(m_context);
    for (const std::string& file : TextFileReader::textFiles(folder)) {
        const std::filesystem::path relative = std::filesystem::relative(file, folder);
        if (relative.parent_path().empty()) {
            m_context.report().skipRecord(
                {file, 0, "the file is not inside a label folder", "Move it into FOLDER/LABEL/."});
            continue;
        }
        const std::string label = relative.begin()->string();
        if (!reader.readFile(file, relative.string(), {label}, info, visit))
            break;
    }
    return info;
}

} // namespace domaintune
