#pragma once

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

} // namespace domaintune::bytelevel
