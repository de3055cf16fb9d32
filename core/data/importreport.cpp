#include "core/data/importreport.h"

#include "core/common/error.h"

#include <utility>

namespace domaintune {

std::string ImportIssue::message() const
{
    return Error(file, line, what, hint).what();
}

ImportReport::ImportReport(BadInputPolicy policy) : m_policy(policy) {}

void ImportReport::add(ImportIssue issue)
{
    if (m_policy == BadInputPolicy::StopAtFirst)
        throw Error(issue.file, issue.line, issue.what, issue.hint);
    ++m_issueCount;
    if (m_issues.size() < maxKeptIssues())
        m_issues.push_back(std::move(issue));
}

void ImportReport::skipRecord(ImportIssue issue)
{
    add(std::move(issue));
    ++m_skipped;
}

} // namespace domaintune
