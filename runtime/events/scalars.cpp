#include "runtime/events/scalars.h"

#include <limits>

#include "compiler/ir/ir.h"

namespace kairos::runtime {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Exactly `count` digits at `pos`.
std::optional<int> Digits(std::string_view text, size_t pos, size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool ValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month != 2 || day <= 28 || leap;
}

// A run of digits at `pos` (advanced past it); nullopt when none or too large.
std::optional<int64_t> Number(std::string_view text, size_t& pos) {
  const size_t start = pos;
  int64_t value = 0;
  while (pos < text.size() && IsDigit(text[pos])) {
    if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) return std::nullopt;
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return value;
}

// Sums `<digits><unit>` runs from `pos`: `skip` consumes a separator (and may
// switch units, as ISO 8601's `T` does), `seconds` gives a unit's length or 0
// for a unit that is not allowed there.
template <typename Skip, typename Seconds>
std::optional<int64_t> SumDurationParts(std::string_view text, size_t pos, Skip skip, Seconds seconds) {
  bool any = false;
  int64_t total = 0;
  while (pos < text.size()) {
    if (skip(text[pos])) {
      ++pos;
      continue;
    }
    auto n = Number(text, pos);
    if (!n || pos >= text.size()) return std::nullopt;
    const int64_t scale = seconds(text[pos++]);
    if (scale == 0) return std::nullopt;
    total += *n * scale;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

std::optional<int64_t> IsoDuration(std::string_view text) {
  bool in_time = false;
  auto skip = [&in_time](char c) {
    if (c != 'T' || in_time) return false;
    in_time = true;
    return true;
  };
  auto seconds = [&in_time](char unit) -> int64_t {
    if (!in_time && unit == 'W') return 7 * 86400;
    if (!in_time && unit == 'D') return 86400;
    if (in_time && unit == 'H') return 3600;
    if (in_time && unit == 'M') return 60;
    if (in_time && unit == 'S') return 1;
    return 0;
  };
  return SumDurationParts(text, 1, skip, seconds);  // after `P`
}

std::optional<int64_t> LiteralDuration(std::string_view text) {
  auto skip = [](char c) { return c == ' '; };
  auto seconds = [](char unit) -> int64_t {
    switch (unit) {
      case 's': return 1;
      case 'm': return 60;
      case 'h': return 3600;
      case 'd': return 86400;
      case 'w': return 7 * 86400;
      default: return 0;
    }
  };
  return SumDurationParts(text, 0, skip, seconds);
}

}  // namespace

std::optional<int64_t> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = Digits(text, 0, 4);
  auto month = Digits(text, 5, 2);
  auto day = Digits(text, 8, 2);
  if (!year || !month || !day || !ValidDate(*year, *month, *day)) return std::nullopt;
  return ir::DaysFromCivil(*year, *month, *day);
}

std::optional<int64_t> ParseTimeOfDay(std::string_view text) {
  if (text.size() != 5 && text.size() != 8) return std::nullopt;
  auto hour = Digits(text, 0, 2);
  auto minute = Digits(text, 3, 2);
  if (text[2] != ':' || !hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  int second = 0;
  if (text.size() == 8) {
    auto s = Digits(text, 6, 2);
    if (text[5] != ':' || !s || *s > 59) return std::nullopt;
    second = *s;
  }
  return *hour * 3600 + *minute * 60 + second;
}

std::optional<int64_t> ParseRfc3339(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return std::nullopt;
  auto days = ParseDate(text.substr(0, 10));
  auto clock = ParseTimeOfDay(text.substr(11, 8));
  if (!days || !clock) return std::nullopt;
  size_t pos = 19;
  if (text[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    if (pos == start) return std::nullopt;
  }
  const std::string_view zone = text.substr(pos);
  int64_t offset = 0;
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    auto hours = Digits(zone, 1, 2);
    auto minutes = Digits(zone, 4, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
    offset = (*hours * 3600 + *minutes * 60) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return *days * 86400 + *clock - offset;
}

std::optional<int64_t> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text[0] == 'P') return IsoDuration(text);
  return LiteralDuration(text);
}

std::optional<int64_t> ParseScaledDecimal(std::string_view text) {
  size_t pos = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++pos;
  auto whole = Number(text, pos);
  if (!whole || *whole > std::numeric_limits<int64_t>::max() / 10000 - 1) return std::nullopt;
  int64_t fraction = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && IsDigit(text[pos])) {
      if (++digits > 4) return std::nullopt;
      fraction = fraction * 10 + (text[pos++] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 4; ++digits) fraction *= 10;
  }
  if (pos != text.size()) return std::nullopt;
  const int64_t value = *whole * 10000 + fraction;
  return negative ? -value : value;
}

std::optional<MoneyText> ParseMoneyText(std::string_view text) {
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  auto amount = ParseScaledDecimal(text.substr(0, space));
  const std::string_view currency = text.substr(space + 1);
  if (!amount || currency.size() != 3) return std::nullopt;
  for (char c : currency) {
    if (c < 'A' || c > 'Z') return std::nullopt;
  }
  return MoneyText{*amount, std::string(currency)};
}

}  // namespace kairos::runtime
