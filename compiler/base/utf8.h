// Small UTF-8 helpers shared by the phases (validation, code point walking).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kairos::utf8 {

// Byte offset of the first invalid sequence, or npos when the text is valid.
size_t FindInvalid(std::string_view text);

// Decodes one code point at `pos` and advances it; invalid bytes decode as
// U+FFFD one byte at a time.
char32_t Next(std::string_view text, size_t& pos);

void Append(std::string& out, char32_t code_point);

size_t CountCodePoints(std::string_view text);

}  // namespace kairos::utf8
