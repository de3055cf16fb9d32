#pragma once

#include <cstddef>
#include <string>

namespace domaintune {

/**
 * A model repository id on the Hugging Face Hub: "org/name", or a bare "name" for the Hub's
 * oldest models ("bert-base-uncased"). A plain value type.
 */
struct HubModelId
{
    std::string org; ///< Empty for a bare name.
    std::string name;

    /** Returns "org/name" (or "name"). */
    std::string str() const;
    /** Returns the cache folder name: "models--org--name" (or "models--name"). */
    std::string cacheFolderName() const;

    /**
     * Parses and checks @p text as the Hub does (letters, digits, '-', '_', '.'; no "--" or ".."
     * and no leading or trailing '-' or '.'; at most 96 characters per part). Throws
     * domaintune::Error saying what is wrong and showing a valid example otherwise.
     */
    static HubModelId parse(const std::string& text);

    /** Returns the id a cache folder name stands for ("models--org--name"), or throws. */
    static HubModelId fromCacheFolderName(const std::string& folder);
};

/**
 * Returns true when @p revision is safe to use as a file name under refs/ and in a URL path
 * (a branch, tag or commit: no "..", no leading '/', no control characters or spaces).
 */
bool isSafeRevision(const std::string& revision);

/** Returns true when @p text is @p digits lowercase hexadecimal digits. */
bool isLowerHex(const std::string& text, std::size_t digits);

/** Returns true when @p text is a 40-digit lowercase hexadecimal commit hash. */
inline bool isCommitHash(const std::string& text)
{
    return isLowerHex(text, 40);
}

} // namespace domaintune
