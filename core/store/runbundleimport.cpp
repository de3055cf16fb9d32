#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/store/bundleformat.h"
#include "core/store/bundlereader.h"
#include "core/store/runbundle.h"
#include "core/store/runjson.h"
#include "core/store/runstore.h"
#include "core/store/statement.h"
#include "core/store/transaction.h"

#include <filesystem>
#include <map>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

struct ParsedRun
{
    RunRecord run;
    std::string parentUuid;
    std::vector<MetricPoint> metrics;
    std::vector<EvaluationRecord> evaluations;
    std::vector<ArtifactRecord> artifacts;
    std::vector<std::string> artifactMembers; ///< Per artefact: its files' member, or empty.
};

[[noreturn]] void refuse(const std::string& bundle, const std::string& what)
{
    throw Error(bundle, 0, "not a valid DomainTune run bundle: " + what,
                "Nothing was imported; ask for a fresh export of the runs.");
}

bool isUuid(const std::string& text)
{
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const char c = text[i];
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

ParsedRun parseRun(const BundleReader& reader, const bundleformat::Entry& entry,
                   const std::string& uuid)
{
    const std::string source = reader.path() + ":" + entry.name;
    nlohmann::json document;
    try {
        document = parseBoundedJson(reader.readText(entry));
    } catch (const nlohmann::json::parse_error& e) {
        refuse(reader.path(), "\"" + entry.name + "\" is not valid JSON (" + e.what() + ")");
    }
    if (!document.is_object() || !document.contains("run"))
        refuse(reader.path(), "\"" + entry.name + "\" has no \"run\" object");
    ParsedRun parsed;
    parsed.run = runjson::toRun(document["run"], source);
    if (parsed.run.uuid != uuid)
        refuse(reader.path(), "\"" + entry.name + "\" holds run " + parsed.run.uuid);
    parsed.parentUuid = document.value("parent_uuid", "");
    parsed.metrics =
        runjson::toMetrics(document.value("metrics", nlohmann::json::object()), source);
    for (const auto& evaluation : document.value("evaluations", nlohmann::json::array()))
        parsed.evaluations.push_back(runjson::toEvaluation(evaluation, source));
    for (const auto& artifact : document.value("artifacts", nlohmann::json::array())) {
        parsed.artifacts.push_back(runjson::toArtifact(artifact, source));
        const std::string member = artifact.value("member", "");
        if (!member.empty()) {
            // The member names files inside this run's part of the bundle, and nothing else:
            // no "..", no absolute path (checkMemberName), and under runs/UUID/files/.
            bundleformat::checkMemberName(member, reader.path());
            if (member.rfind("runs/" + uuid + "/files/", 0) != 0)
                refuse(reader.path(), "\"" + entry.name + "\" points at another run's files");
        } else {
            // The files were not exported with the run: the sender's path means nothing here,
            // and trusting it would let a later export with files pack whatever it names.
            parsed.artifacts.back().path.clear();
        }
        parsed.artifactMembers.push_back(member);
    }
    return parsed;
}

std::vector<ParsedRun> parseRuns(const BundleReader& reader)
{
    std::vector<ParsedRun> runs;
    for (const auto& entry : reader.entries()) {
        const bool longEnough = entry.name.size() > 42 && entry.name[41] == '/';
        const std::string uuid = longEnough ? entry.name.substr(5, 36) : std::string();
        const bool underRun = longEnough && entry.name.rfind("runs/", 0) == 0 && isUuid(uuid);
        const std::string rest = underRun ? entry.name.substr(42) : std::string();
        if (rest == "run.json")
            runs.push_back(parseRun(reader, entry, uuid));
        else if (rest.rfind("files/", 0) != 0)
            refuse(reader.path(), "unexpected member \"" + entry.name + "\"");
    }
    if (runs.empty())
        refuse(reader.path(), "it holds no runs");
    return runs;
}

std::string duplicateReason(RunStore& store, const RunRecord& run, std::int64_t& existingId)
{
    if (const auto same = store.runByUuid(run.uuid)) {
        existingId = same->id;
        return "already in this history (same uuid)";
    }
    Statement select(store.database(),
                     "SELECT id FROM runs WHERE spec = ? AND model_fingerprint = ? AND "
                     "dataset_fingerprint = ? AND created_at = ? AND name = ? LIMIT 1");
    select.bind(1, run.specJson).bind(2, run.modelFingerprint);
    select.bind(3, run.datasetFingerprint).bind(4, run.createdAt).bind(5, run.name);
    if (!select.step())
        return {};
    existingId = select.integer(0);
    return "already in this history (same name, spec, model, dataset and creation time)";
}

// Extracts the members under @p member (a file, or a folder of files) below @p target.
std::int64_t extractFiles(const BundleReader& reader, const std::string& member,
                          const fs::path& target)
{
    std::int64_t files = 0;
    for (const auto& entry : reader.entries()) {
        if (entry.name != member && entry.name.rfind(member + "/", 0) != 0)
            continue;
        reader.extract(entry, (target / entry.name.substr(member.rfind('/') + 1)).string());
        ++files;
    }
    return files;
}

class Importer
{
public:
    Importer(RunStore& store, const BundleReader& reader, fs::path filesDirectory)
        : m_store(store), m_reader(reader), m_filesDirectory(std::move(filesDirectory))
    {}
    ~Importer()
    {
        if (!m_done)
            for (const fs::path& folder : m_createdFolders) {
                std::error_code ignored;
                fs::remove_all(folder, ignored);
            }
    }

    BundleImportReport run(std::vector<ParsedRun>& runs)
    {
        Transaction transaction(m_store.database());
        for (ParsedRun& parsed : runs)
            importOne(parsed);
        linkParents(runs);
        transaction.commit();
        m_done = true;
        return m_report;
    }

private:
    void importOne(ParsedRun& parsed)
    {
        RunRecord& run = parsed.run;
        std::int64_t existingId = 0;
        if (const auto reason = duplicateReason(m_store, run, existingId); !reason.empty()) {
            m_report.skipped.push_back({run.uuid, run.name, existingId, reason});
            return;
        }
        if (run.status == RunStatus::Running || run.status == RunStatus::Paused)
            run.status = RunStatus::Interrupted; // its process lives on another machine
        run.pid = 0;
        run.heartbeatAt.reset();
        const std::int64_t id = m_store.createRun(run);
        m_store.appendMetrics(id, parsed.metrics);
        for (EvaluationRecord& evaluation : parsed.evaluations) {
            evaluation.runId = id;
            m_store.addEvaluation(evaluation);
        }
        for (std::size_t i = 0; i < parsed.artifacts.size(); ++i)
            importArtifact(id, run.uuid, parsed.artifacts[i], parsed.artifactMembers[i]);
        m_report.imported.push_back({run.uuid, run.name, id, {}});
    }

    void importArtifact(std::int64_t runId, const std::string& uuid, ArtifactRecord artifact,
                        const std::string& member)
    {
        artifact.runId = runId;
        if (!member.empty()) {
            const fs::path folder = m_filesDirectory / uuid;
            if (!fs::exists(folder))
                m_createdFolders.push_back(folder);
            const std::string rest = member.substr(member.find("/files/") + 7); // INDEX/NAME
            const fs::path target = folder / fs::path(rest).parent_path();
            m_report.files += extractFiles(m_reader, member, target);
            artifact.path = (folder / rest).string();
        }
        m_store.addArtifact(artifact);
    }

    void linkParents(const std::vector<ParsedRun>& runs)
    {
        for (const auto& outcome : m_report.imported)
            for (const ParsedRun& parsed : runs)
                if (parsed.run.uuid == outcome.uuid && !parsed.parentUuid.empty())
                    if (const auto parent = m_store.runByUuid(parsed.parentUuid))
                        m_store.database()
                            .prepare("UPDATE runs SET parent_id = ? WHERE id = ?")
                            .bind(1, parent->id)
                            .bind(2, outcome.id)
                            .run();
    }

    RunStore& m_store;
    const BundleReader& m_reader;
    fs::path m_filesDirectory;
    std::vector<fs::path> m_createdFolders;
    BundleImportReport m_report;
    bool m_done = false;
};

} // namespace

BundleImportReport importBundle(RunStore& store, const std::string& path,
                                const BundleImportOptions& options)
{
    const BundleReader reader(path); // validates names, sizes and checksums first
    std::vector<ParsedRun> runs = parseRuns(reader);
    fs::path filesDirectory = options.filesDirectory;
    if (filesDirectory.empty())
        filesDirectory = fs::path(store.path()).parent_path() / "bundle-files";
    Importer importer(store, reader, filesDirectory);
    return importer.run(runs);
}

} // namespace domaintune
