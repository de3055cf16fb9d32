#pragma once

#include "core/data/example.h"

#include <cstddef>
#include <string>
#include <vector>

namespace domaintune {

/**
 * A real legal classification task every Debian machine carries: the licence texts in the
 * machine-readable copyright files (DEP-5, /usr/share/doc/PACKAGE/copyright), labelled by
 * licence. Each stand-alone or inline "License:" paragraph with a text becomes an example
 * (text: the licence text as written, label: the licence name with common spellings unified,
 * e.g. Expat and MIT as "MIT", bsd-3-clause as "BSD-3-Clause"). Identical texts are kept once;
 * a text seen under two labels is dropped; labels with fewer than @p minPerLabel distinct
 * texts are left out. Files are read in name order, so the result depends only on what is
 * installed. Thread-safe (reads files only).
 */
std::vector<Example> readDebianLicenses(const std::string& docRoot = "/usr/share/doc",
                                        std::size_t minPerLabel = 15);

/** Returns the unified licence name for @p name as written in a copyright file. Pure. */
std::string canonicalLicenseName(const std::string& name);

} // namespace domaintune
