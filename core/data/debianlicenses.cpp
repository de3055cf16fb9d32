#include "core/data/debianlicenses.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::string trimmed(const std::string& text)
{
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

/** One License field: its name, its text (continuation lines) and where it starts. */
struct LicenseField
{
    std::string name, text;
    std::int64_t line = 0;
};

/** Collects the License fields of one DEP-5 file; empty when the file is not DEP-5. */
std::vector<LicenseField> licenseFields(const fs::path& file)
{
    std::ifstream in(file);
    std::string line;
    std::vector<LicenseField> fields;
    if (!std::getline(in, line) || line.rfind("Format:", 0) != 0)
        return fields;
    bool inLicense = false;
    std::int64_t number = 1;
    while (std::getline(in, line)) {
        ++number;
        const bool continuation = !line.empty() && (line[0] == ' ' || line[0] == '\t');
        if (inLicense && continuation) {
            const std::string content = trimmed(line);
            fields.back().text +=
                content == "." ? "\n"
                               : (fields.back().text.empty() || fields.back().text.back() == '\n'
                                      ? content
                                      : " " + content);
            continue;
        }
        inLicense = line.rfind("License:", 0) == 0;
        if (inLicense)
            fields.push_back({trimmed(line.substr(8)), {}, number});
    }
    return fields;
}

} // namespace

std::string canonicalLicenseName(const std::string& name)
{
    static const std::map<std::string, std::string> unified = {{"expat", "MIT"},
                                                               {"mit", "MIT"},
                                                               {"bsd-3-clause", "BSD-3-Clause"},
                                                               {"bsd-2-clause", "BSD-2-Clause"},
                                                               {"apache-2.0", "Apache-2.0"},
                                                               {"apache-2", "Apache-2.0"},
                                                               {"public-domain", "public-domain"},
                                                               {"zlib", "Zlib"},
                                                               {"isc", "ISC"},
                                                               {"cc0-1.0", "CC0-1.0"}};
    const auto it = unified.find(lower(trimmed(name)));
    return it == unified.end() ? trimmed(name) : it->second;
}

std::string licenseFamily(const std::string& name)
{
    for (std::size_t dash = name.find('-'); dash != std::string::npos;
         dash = name.find('-', dash + 1))
        if (dash > 0 && dash + 1 < name.size() &&
            std::isdigit(static_cast<unsigned char>(name[dash + 1])))
            return name.substr(0, dash);
    return name;
}

std::vector<Example> readDebianLicenseFamilies(const std::string& docRoot, std::size_t minPerFamily)
{
    std::vector<Example> examples = readDebianLicenses(docRoot, 1);
    std::map<std::string, std::size_t> counts;
    for (const auto& example : examples)
        ++counts[licenseFamily(example.labels.front())];
    examples.erase(std::remove_if(examples.begin(), examples.end(),
                                  [&](const Example& example) {
                                      return counts[licenseFamily(example.labels.front())] <
                                             minPerFamily;
                                  }),
                   examples.end());
    return examples;
}

std::vector<Example> readDebianLicenses(const std::string& docRoot, std::size_t minPerLabel)
{
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(docRoot, error))
        if (fs::is_regular_file(entry.path() / "copyright", error))
            files.push_back(entry.path() / "copyright");
    std::sort(files.begin(), files.end());

    std::map<std::string, Example> byText; // the text decides identity
    std::set<std::string> ambiguous;
    for (const auto& file : files)
        for (const auto& field : licenseFields(file)) {
            const std::string text = trimmed(field.text);
            // A name with "or"/"and"/"with" is a combination, not one licence.
            if (text.size() < 80 || field.name.find(' ') != std::string::npos)
                continue;
            const std::string label = canonicalLicenseName(field.name);
            const auto [it, inserted] = byText.try_emplace(text);
            if (!inserted) {
                if (it->second.labels.front() != label)
                    ambiguous.insert(text);
                continue;
            }
            it->second.text = text;
            it->second.labels = {label};
            it->second.source = file.string();
            it->second.line = field.line;
            it->second.id = file.parent_path().filename().string();
        }
    std::map<std::string, std::size_t> counts;
    for (const auto& [text, example] : byText)
        if (!ambiguous.count(text))
            ++counts[example.labels.front()];
    std::vector<Example> examples;
    for (auto& [text, example] : byText)
        if (!ambiguous.count(text) && counts[example.labels.front()] >= minPerLabel)
            examples.push_back(std::move(example));
    // Keep file order (not text order) so that ids and sources read naturally.
    std::stable_sort(examples.begin(), examples.end(), [](const Example& a, const Example& b) {
        return std::tie(a.source, a.line) < std::tie(b.source, b.line);
    });
    return examples;
}

} // namespace domaintune
