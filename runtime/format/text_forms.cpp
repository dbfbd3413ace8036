#include "runtime/format/text_forms.h"

#include "compiler/base/scalars.h"

namespace kairos::runtime {

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string FormatScaled(int64_t scaled, int min_places) {
  // Through unsigned arithmetic so that INT64_MIN has a magnitude.
  const bool negative = scaled < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  constexpr auto kScale = static_cast<uint64_t>(scalars::kDecimalScale);
  std::string text = (negative ? "-" : "") + std::to_string(magnitude / kScale);
  std::string fraction = std::to_string(magnitude % kScale);
  fraction.insert(0, 4 - fraction.size(), '0');
  while (fraction.size() > static_cast<size_t>(min_places) && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) text += "." + fraction;
  return text;
}

std::string FormatInstant(int64_t seconds) { return scalars::FormatDateTime(seconds) + "Z"; }

}  // namespace kairos::runtime
