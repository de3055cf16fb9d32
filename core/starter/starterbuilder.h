#pragma once

#include "core/starter/starterassets.h"
#include "core/train/trainingevents.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace domaintune {

/** How to build the starter assets. Plain value type. */
struct StarterBuildParams
{
    std::string root;       ///< Empty: defaultStarterRoot().
    bool force = false;     ///< Rebuild even when everything is present and matches.
    bool tiny = false;      ///< A tiny model on a 1 MB corpus, in seconds (tests, smoke checks).
    std::int64_t steps = 0; ///< Pretraining steps; 0: the preset's.
    /** Pretrain here even when DomainTune ships the starter model (shippedStarterRoot()). */
    bool fromScratch = false;
    int threads = 0;              ///< LibTorch threads; 0: one per core.
    std::string systemRoot = "/"; ///< Where /usr/share and /var/lib/dpkg are read (tests).
    std::string commandLine;      ///< Recorded in recipe.json.
};

/** What a build did. Plain value type. */
struct StarterBuildResult
{
    std::string status; ///< "up-to-date", "built" or "cancelled"
    StarterAssets assets;
    nlohmann::ordered_json recipe; ///< The recipe.json now in force (empty when cancelled).
    bool builtModel = false;
    bool builtSample = false;
    double seconds = 0;
};

/**
 * Builds the starter assets under the root, once. The model: when DomainTune ships it
 * (shippedStarterRoot(), built by the same recipe) and neither fromScratch, steps nor tiny
 * asks otherwise, the shipped model is copied (its SHA-256 checked against its recipe) and
 * its recipe's records are kept, marked "origin": "shipped". Otherwise: the general corpus from
 * Debian packages (generalcorpus.h), a SentencePiece vocabulary and a small bilingual BERT-style
 * encoder pretrained on it with masked-LM (pretrainer.h; held-out perplexity and token accuracy go
 * into the recipe), the sample task CSV (text,label) from the machine's copyright files, and
 * ROOT/recipe.json (packages and versions, settings, seed, command line, corpus and file
 * SHA-256s). A call finds what is present: when the model, the sample and the recipe's
 * settings and package versions all match, it returns "up-to-date" at once; otherwise it
 * builds only what is missing. Work happens in ROOT/.build (an interrupted build resumes
 * from its corpus, vocabulary and last checkpoint); results are renamed into place and
 * recipe.json, which decides readiness, is written last. ROOT/.lock keeps two builds apart.
 * Runs on the caller's thread; reports through @p sink; polls @p control. Throws
 * domaintune::Error on failure.
 */
StarterBuildResult buildStarterAssets(const StarterBuildParams& params, EventSink& sink,
                                      const TrainingControl& control);

} // namespace domaintune
