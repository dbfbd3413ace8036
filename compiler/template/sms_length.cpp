// MeasureSms: which encoding an SMS body needs and how many parts it takes.
#include <string_view>

#include "compiler/base/utf8.h"
#include "compiler/template/template.h"

namespace kairos {
namespace {

// The GSM 03.38 default alphabet (one septet each), in table order; 0x1B, the
// escape to the extension table, is not a character of its own.
constexpr std::u32string_view kGsmBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

// The extension table: an escape septet plus one, so two septets each.
constexpr std::u32string_view kGsmExtension = U"\f^{}\\[~]|€";

constexpr int kGsmSingle = 160;
constexpr int kGsmPart = 153;  // a part loses 7 septets to the concatenation header
constexpr int kUcs2Single = 70;
constexpr int kUcs2Part = 67;

int Segments(int units, int single, int part) {
  if (units == 0) return 0;
  if (units <= single) return 1;
  return (units + part - 1) / part;
}

}  // namespace

SmsLength MeasureSms(std::string_view text) {
  int septets = 0;
  int utf16_units = 0;
  bool gsm7 = true;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = utf8::Next(text, pos);
    utf16_units += c >= 0x10000 ? 2 : 1;
    if (!gsm7) continue;
    if (kGsmBasic.find(c) != std::u32string_view::npos) {
      septets += 1;
    } else if (kGsmExtension.find(c) != std::u32string_view::npos) {
      septets += 2;
    } else {
      gsm7 = false;
    }
  }
  SmsLength length;
  length.gsm7 = gsm7;
  length.units = gsm7 ? septets : utf16_units;
  length.segments = gsm7 ? Segments(septets, kGsmSingle, kGsmPart)
                         : Segments(utf16_units, kUcs2Single, kUcs2Part);
  return length;
}

}  // namespace kairos
