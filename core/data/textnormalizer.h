#pragma once

#include <string>
#include <string_view>

namespace domaintune {

/** Which normalisations an import applies to texts; recorded with the corpus. A plain value. */
struct NormalizationOptions
{
    bool nfkc = false;                 ///< Unicode NFKC (ICU Normalizer2).
    bool fullWidthToHalfWidth = false; ///< U+FF01..U+FF5E -> ASCII, U+3000 -> space.
    bool collapseWhitespace = false;   ///< Runs of Unicode white space -> one space; trimmed.

    bool any() const { return nfkc || fullWidthToHalfWidth || collapseWhitespace; }
    /** Returns e.g. "nfkc+fullwidth+whitespace", or "none". */
    std::string describe() const;
};

/**
 * Applies NormalizationOptions to UTF-8 text with ICU. Full-width to half-width runs before
 * NFKC (NFKC maps most of those characters too, but the flag alone leaves other compatibility
 * characters untouched), white space last.
 *
 * Thread-safety: immutable after construction; normalize() may run on many threads.
 */
class TextNormalizer
{
public:
    /** Throws domaintune::Error when ICU's NFKC data cannot be loaded. */
    explicit TextNormalizer(NormalizationOptions options);

    /** Returns @p text normalised; invalid UTF-8 becomes U+FFFD. */
    std::string normalize(std::string_view text) const;
    const NormalizationOptions& options() const { return m_options; }

private:
    NormalizationOptions m_options;
    const void* m_nfkc = nullptr; // icu::Normalizer2 singleton, owned by ICU
};

} // namespace domaintune
