#pragma once

#include "core/text/normalizedtext.h"

#include <array>
#include <string>
#include <string_view>

/**
 * GPT-2's reversible byte <-> printable character table: every byte maps to one Unicode
 * character (printable bytes to themselves, the rest to U+0100...), so that BPE works on text
 * without whitespace or control characters. Pure functions; thread-safe.
 */
namespace domaintune::bytelevel {

/** Returns the UTF-8 of the character that stands for @p byte ("Ġ" for a space). */
const std::string& charOf(unsigned char byte);
/** Returns the byte that @p c stands for, or -1 when @p c is not in the table. */
int byteOf(char32_t c);
/** Maps every byte of @p bytes to its character: "Hello world" -> "HelloĠworld". */
std::string encode(std::string_view bytes);

/**
 * The `trim_offsets` rule of RoBERTa's post-processor and of the ByteLevel post-processor, as the
 * `tokenizers` library applies it: the spaces ("Ġ" or white space) a @p token begins or ends
 * with are left out of its byte offsets @p span (possibly leaving it empty), except the single
 * space a prefix-space tokenizer added before the @p first token.
 */
ByteSpan trimOffsets(std::string_view token, ByteSpan span, bool first, bool addPrefixSpace);

} // namespace domaintune::bytelevel
