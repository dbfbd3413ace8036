// The text forms that event input accepts for scalar values, decoded to the
// encodings of compiler/ir/ir.h. The parsing itself is the language's
// (compiler/base/scalars.h), so an event says `45s` or `2026-03-01` as a
// .journey file does; event input adds ISO 8601 durations. Each returns
// nullopt when the text is not of its form.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/base/scalars.h"

namespace kairos::runtime {

// RFC 3339: `2026-03-01T10:00:00Z`, `2026-03-01T12:00:00.250+02:00` (the
// seconds may be left out, as in the language); epoch seconds, fractions of a
// second dropped.
std::optional<int64_t> ParseRfc3339(std::string_view text);

// `2026-03-01`: days since 1970-01-01.
std::optional<int64_t> ParseDate(std::string_view text);

// `09:00`, `9:00` or `09:00:30`: seconds since midnight.
std::optional<int64_t> ParseTimeOfDay(std::string_view text);

// ISO 8601 (`PT45S`, `P1DT2H`) or Journey literals (`45s`, `1d 12h`): seconds.
std::optional<int64_t> ParseDuration(std::string_view text);

// `349.90`, `-3`, `0.5`: the value scaled by 10^4, exactly (at most 4 decimals
// that are not zeros).
std::optional<int64_t> ParseScaledDecimal(std::string_view text);

using MoneyText = scalars::Money;
// `349.90 ILS` or `₪349.90`.
std::optional<MoneyText> ParseMoneyText(std::string_view text);

}  // namespace kairos::runtime
