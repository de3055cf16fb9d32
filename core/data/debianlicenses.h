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

/**
 * The licence family of a unified licence name: the name up to its version ("GPL-2+" and
 * "GPL-3+" are "GPL", "LGPL-2.1+" is "LGPL", "BSD-3-Clause" is "BSD", "Apache-2.0" is
 * "Apache", "CC0-1.0" is "CC0"); a name without a version ("MIT", "public-domain") is its own
 * family. Pure.
 */
std::string licenseFamily(const std::string& name);

/**
 * The licence texts of readDebianLicenses(docRoot, 1) whose licence *family* has at least
 * @p minPerFamily texts, still labelled by licence (licenseFamily() gives the family). The
 * sample task's labels: families differ in what they permit, so a first fine-tuning run can
 * learn them from a few hundred texts, while GPL-2 against GPL-2+ turns on one clause.
 */
std::vector<Example> readDebianLicenseFamilies(const std::string& docRoot = "/usr/share/doc",
                                               std::size_t minPerFamily = 15);

} // namespace domaintune
