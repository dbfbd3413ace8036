// The text forms of scalar values in event input, decoded to the encodings of
// compiler/ir/ir.h. Each returns nullopt when the text is not of its form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kairos::runtime {

// RFC 3339: `2026-03-01T10:00:00Z`, `2026-03-01T12:00:00.250+02:00`; epoch seconds
// (fractions of a second are dropped).
std::optional<int64_t> ParseRfc3339(std::string_view text);

// `2026-03-01`: days since 1970-01-01.
std::optional<int64_t> ParseDate(std::string_view text);

// `09:00` or `09:00:30`: seconds since midnight.
std::optional<int64_t> ParseTimeOfDay(std::string_view text);

// ISO 8601 (`PT45S`, `P1DT2H`) or Journey literals (`45s`, `1d 12h`): seconds.
std::optional<int64_t> ParseDuration(std::string_view text);

// `349.90`, `-3`, `0.5`: the value scaled by 10^4, exactly (at most 4 decimals).
std::optional<int64_t> ParseScaledDecimal(std::string_view text);

struct MoneyText {
  int64_t scaled = 0;
  std::string currency;
};
// `349.90 ILS`.
std::optional<MoneyText> ParseMoneyText(std::string_view text);

}  // namespace kairos::runtime
