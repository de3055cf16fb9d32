#pragma once

#include "core/data/example.h"
#include "core/data/importreport.h"
#include "core/data/sourceinfo.h"
#include "core/data/textnormalizer.h"

#include <map>
#include <string>
#include <vector>

namespace domaintune {

/**
 * An imported corpus: the examples, what each source file turned out to be (format,
 * encoding, columns, mapping), the normalisation applied and the import report. A value type:
 * not thread-safe to mutate; const access from many threads is fine.
 */
class Corpus
{
public:
    Corpus() = default;

    std::vector<Example>& examples() { return m_examples; }
    const std::vector<Example>& examples() const { return m_examples; }
    std::size_t size() const { return m_examples.size(); }

    std::vector<SourceInfo>& sources() { return m_sources; }
    const std::vector<SourceInfo>& sources() const { return m_sources; }
    ImportReport& report() { return m_report; }
    const ImportReport& report() const { return m_report; }
    const NormalizationOptions& normalization() const { return m_normalization; }
    void setNormalization(NormalizationOptions options) { m_normalization = options; }

    /** Returns how many examples carry each label (multi-label examples count once per label). */
    std::map<std::string, std::size_t> labelCounts() const;
    /** Returns how many examples each split holds ("" for unsplit examples). */
    std::map<std::string, std::size_t> splitCounts() const;
    /** Returns the examples of split @p name, in corpus order. */
    std::vector<const Example*> split(const std::string& name) const;

private:
    std::vector<Example> m_examples;
    std::vector<SourceInfo> m_sources;
    ImportReport m_report;
    NormalizationOptions m_normalization;
};

} // namespace domaintune
