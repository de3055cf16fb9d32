#pragma once

#include "core/data/importissue.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/**
 * What an import met: the problems (file:line:reason, with advice), how many records were read
 * and skipped, and how many invalid byte sequences were replaced. Keeps the first
 * maxKeptIssues() issues in full and counts the rest, so a huge bad file stays bounded.
 *
 * Not thread-safe: one import fills one report; copy it to share.
 */
class ImportReport
{
public:
    explicit ImportReport(BadInputPolicy policy = BadInputPolicy::SkipAndReport);

    /**
     * Records @p issue. Under BadInputPolicy::StopAtFirst throws domaintune::Error carrying
     * the issue's file, line, what and hint instead.
     */
    void add(ImportIssue issue);
    /** Like add(), for a skipped record (also counts it in skippedRecords()). */
    void skipRecord(ImportIssue issue);

    BadInputPolicy policy() const { return m_policy; }
    const std::vector<ImportIssue>& issues() const { return m_issues; }
    /** Returns how many issues were met, including those not kept. */
    std::size_t issueCount() const { return m_issueCount; }
    std::size_t skippedRecords() const { return m_skipped; }
    std::size_t invalidSequences() const { return m_invalidSequences; }
    void addInvalidSequences(std::size_t count) { m_invalidSequences += count; }
    std::size_t recordsRead() const { return m_records; }
    void countRecord() { ++m_records; }
    bool cancelled() const { return m_cancelled; }
    void setCancelled(bool cancelled) { m_cancelled = cancelled; }

    static constexpr std::size_t maxKeptIssues() { return 1000; }

private:
    BadInputPolicy m_policy;
    std::vector<ImportIssue> m_issues;
    std::size_t m_issueCount = 0;
    std::size_t m_skipped = 0;
    std::size_t m_invalidSequences = 0;
    std::size_t m_records = 0;
    bool m_cancelled = false;
};

} // namespace domaintune
