#pragma once

#include <string>

namespace domaintune {

/**
 * Where the starter model (a small bilingual base model built on this machine from general
 * Debian text) and the sample task (licence texts labelled by licence family) are cached, and
 * whether each is ready to use. Plain value type.
 */
struct StarterAssets
{
    std::string root, modelDir, sampleTaskFile, recipeFile;
    bool modelReady = false;
    bool sampleReady = false;
};

/**
 * The sample task's layout, recorded in the recipe: 2 is `text,label,licence` rows labelled by
 * licence family (1, before: `text,label` by licence name). A cached sample of another layout
 * is not ready, so `starter build` writes it again.
 */
constexpr int kSampleFormat = 2;

/**
 * root: $DOMAINTUNE_STARTER_DIR, else $XDG_CACHE_HOME/domaintune/starter, else
 * ~/.cache/domaintune/starter; modelDir = root/model (ready when config.json and
 * model.safetensors and tokenizer exist and recipe hash matches), sampleTaskFile =
 * root/sample/debian-licenses.csv (ready when it exists, its hash matches the recipe's and its
 * layout is kSampleFormat),
 * recipeFile = root/recipe.json. Hashes model.safetensors (tens of megabytes, well under a
 * second); any thread.
 */
StarterAssets locateStarterAssets();

/** Returns the assets under an explicit @p root, checked as locateStarterAssets() does. */
StarterAssets starterAssetsAt(const std::string& root);

/** Returns the root locateStarterAssets() uses, from the environment only (no file access). */
std::string defaultStarterRoot();

/**
 * Returns the folder of the starter model shipped with DomainTune (a recipe.json and a model/
 * folder; assets/starter in the source tree), or "" when there is none: $DOMAINTUNE_SHIPPED_STARTER
 * ("none" disables it), else share/domaintune/starter beside the installed program, else the
 * source tree the program was built from. Only checks that recipe.json exists; the builder
 * verifies the weights' SHA-256 before using them.
 */
std::string shippedStarterRoot();

} // namespace domaintune
