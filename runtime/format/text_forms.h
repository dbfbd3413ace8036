// Text forms of values shared by everything the runtime writes: JSON
// strings, exact decimals, and the event input's forms of money and instants.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kairos::runtime {

// `text` as a JSON string literal (UTF-8 kept, control characters escaped).
void AppendJsonString(std::string& out, std::string_view text);

// `1234500` → "123.45" (`min_places` 2), "123.45" (0); `10000` → "1.00" or "1".
std::string FormatScaled(int64_t scaled, int min_places);

// Seconds since 1970-01-01 as RFC 3339 in UTC: `2026-03-01T10:00:00Z`.
std::string FormatInstant(int64_t seconds);

}  // namespace kairos::runtime
