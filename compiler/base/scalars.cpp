#include "compiler/base/scalars.h"

#include <date/date.h>

#include <cstdio>

namespace kairos::scalars {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

template <typename T>
Parsed<T> Ok(T value) {
  return {std::move(value), Problem::None};
}

template <typename T>
Parsed<T> Fail(Problem problem) {
  return {T{}, problem};
}

// A run of digits (and, when `separators`, `_` after the first digit) at
// `pos`, advanced past it, accumulated into `value`. False when there is no
// digit at `pos`; `overflow` is set when the value does not fit.
bool ReadNumber(std::string_view text, size_t& pos, bool separators, int64_t& value,
                bool& overflow) {
  if (pos >= text.size() || !IsDigit(text[pos])) return false;
  value = 0;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '_' && separators) continue;
    if (!IsDigit(c)) break;
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, c - '0', &value)) {
      overflow = true;
    }
  }
  return true;
}

// Exactly `count` digits at `pos`, advanced past them.
bool ReadFixed(std::string_view text, size_t& pos, int count, int& value) {
  value = 0;
  for (int i = 0; i < count; ++i, ++pos) {
    if (pos >= text.size() || !IsDigit(text[pos])) return false;
    value = value * 10 + (text[pos] - '0');
  }
  return true;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// `YYYY-MM-DD` at `pos`: the shape only.
bool ReadDate(std::string_view text, size_t& pos, CivilDate& date) {
  return ReadFixed(text, pos, 4, date.year) && Expect(text, pos, '-') &&
         ReadFixed(text, pos, 2, date.month) && Expect(text, pos, '-') &&
         ReadFixed(text, pos, 2, date.day);
}

bool ValidDate(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= DaysInMonth(date.year, date.month);
}

struct Clock {
  int64_t seconds = 0;       // since midnight
  bool has_seconds = false;  // `:SS` was written
  bool in_range = false;     // 00:00:00 to 23:59:59
};

// `H:MM`, `HH:MM` or `HH:MM:SS` at `pos`, advanced past it: one or two hour
// digits when `hour_digits` is 0, else exactly that many.
bool ReadClock(std::string_view text, size_t& pos, int hour_digits, Clock& clock) {
  if (hour_digits == 0) hour_digits = pos + 1 < text.size() && IsDigit(text[pos + 1]) ? 2 : 1;
  int hour = 0, minute = 0, second = 0;
  if (!ReadFixed(text, pos, hour_digits, hour) || !Expect(text, pos, ':') ||
      !ReadFixed(text, pos, 2, minute)) {
    return false;
  }
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadFixed(text, pos, 2, second)) return false;
    clock.has_seconds = true;
  }
  clock.in_range = hour <= 23 && minute <= 59 && second <= 59;
  clock.seconds = hour * 3600 + minute * 60 + second;
  return true;
}

// The length of a duration unit, in the language's spelling (`s m h d w`),
// or 0 for any other letter.
int64_t UnitSeconds(char unit) {
  switch (unit) {
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 3600;
    case 'd':
      return 86400;
    case 'w':
      return 7 * 86400;
    default:
      return 0;
  }
}

// One `<digits><unit>` part at `pos`, advanced past it; `unit_seconds` gives
// a unit's length, or 0 for a unit not allowed there.
template <typename UnitLength>
Problem AddDurationPart(std::string_view text, size_t& pos, UnitLength unit_seconds,
                        int64_t& total) {
  int64_t count = 0;
  bool overflow = false;
  if (!ReadNumber(text, pos, /*separators=*/false, count, overflow) || pos >= text.size()) {
    return Problem::Malformed;
  }
  const int64_t unit = unit_seconds(text[pos++]);
  if (unit == 0) return Problem::Malformed;
  if (overflow || __builtin_mul_overflow(count, unit, &count) ||
      __builtin_add_overflow(total, count, &total)) {
    return Problem::TooLarge;
  }
  return Problem::None;
}

}  // namespace

Parsed<int64_t> ParseWholeNumber(std::string_view text) {
  size_t pos = 0;
  int64_t value = 0;
  bool overflow = false;
  if (!ReadNumber(text, pos, /*separators=*/true, value, overflow) || pos != text.size()) {
    return Fail<int64_t>(Problem::Malformed);
  }
  if (overflow) return Fail<int64_t>(Problem::TooLarge);
  return Ok(value);
}

Parsed<int64_t> ParseScaledDecimal(std::string_view text) {
  size_t pos = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++pos;
  int64_t whole = 0;
  bool overflow = false;
  if (!ReadNumber(text, pos, /*separators=*/true, whole, overflow)) {
    return Fail<int64_t>(Problem::Malformed);
  }
  int64_t fraction = 0;
  bool too_precise = false;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const size_t start = pos;
    for (; pos < text.size() && IsDigit(text[pos]); ++pos) {
      if (pos - start < kDecimalPlaces) {
        fraction = fraction * 10 + (text[pos] - '0');
      } else if (text[pos] != '0') {
        too_precise = true;
      }
    }
    if (pos == start) return Fail<int64_t>(Problem::Malformed);
    for (size_t places = pos - start; places < kDecimalPlaces; ++places) fraction *= 10;
  }
  if (pos != text.size()) return Fail<int64_t>(Problem::Malformed);
  int64_t scaled = 0;
  if (overflow || __builtin_mul_overflow(whole, kDecimalScale, &scaled) ||
      __builtin_add_overflow(scaled, fraction, &scaled)) {
    return Fail<int64_t>(Problem::TooLarge);
  }
  if (too_precise) return Fail<int64_t>(Problem::TooPrecise);
  return Ok(negative ? -scaled : scaled);
}

std::string_view CurrencyCode(std::string_view code_or_symbol) {
  if (code_or_symbol == "₪") return "ILS";
  if (code_or_symbol == "€") return "EUR";
  if (code_or_symbol == "$") return "USD";
  if (code_or_symbol == "£") return "GBP";
  return code_or_symbol;
}

bool IsCurrencyCode(std::string_view text) {
  if (text.size() != 3) return false;
  for (char c : text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

Parsed<Money> ParseMoney(std::string_view text) {
  auto skip_spaces = [](std::string_view rest) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return rest;
  };
  std::string_view amount;
  std::string_view currency;
  for (std::string_view symbol : {"₪", "€", "$", "£"}) {
    if (text.substr(0, symbol.size()) != symbol) continue;
    currency = CurrencyCode(symbol);
    amount = skip_spaces(text.substr(symbol.size()));
  }
  if (currency.empty()) {
    const size_t space = text.find(' ');
    if (space == std::string_view::npos) return Fail<Money>(Problem::Malformed);
    amount = text.substr(0, space);
    currency = skip_spaces(text.substr(space));
    if (!IsCurrencyCode(currency)) return Fail<Money>(Problem::Malformed);
  }
  const Parsed<int64_t> scaled = ParseScaledDecimal(amount);
  if (!scaled.ok()) return Fail<Money>(scaled.problem);
  return Ok(Money{scaled.value, std::string(currency)});
}

Parsed<int64_t> ParseDuration(std::string_view text) {
  int64_t total = 0;
  bool any = false;
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == ' ') {
      ++pos;
      continue;
    }
    const Problem problem = AddDurationPart(text, pos, UnitSeconds, total);
    if (problem != Problem::None) return Fail<int64_t>(problem);
    any = true;
  }
  if (!any) return Fail<int64_t>(Problem::Malformed);
  return Ok(total);
}

Parsed<int64_t> ParseIsoDuration(std::string_view text) {
  if (text.empty() || text[0] != 'P') return Fail<int64_t>(Problem::Malformed);
  // The designators still allowed: in their order, each at most once; `T`
  // starts the time part, where `M` is minutes.
  std::string_view allowed = "WD";
  bool in_time = false;
  auto unit_seconds = [&allowed](char unit) -> int64_t {
    const size_t at = allowed.find(unit);
    if (at == std::string_view::npos) return 0;
    allowed.remove_prefix(at + 1);
    return UnitSeconds(static_cast<char>(unit - 'A' + 'a'));
  };
  int64_t total = 0;
  bool any = false;
  size_t pos = 1;
  while (pos < text.size()) {
    if (text[pos] == 'T' && !in_time) {
      in_time = true;
      allowed = "HMS";
      if (++pos == text.size()) return Fail<int64_t>(Problem::Malformed);  // nothing after `T`
      continue;
    }
    const Problem problem = AddDurationPart(text, pos, unit_seconds, total);
    if (problem != Problem::None) return Fail<int64_t>(problem);
    any = true;
  }
  if (!any) return Fail<int64_t>(Problem::Malformed);
  return Ok(total);
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int64_t DaysSinceEpoch(const CivilDate& date) {
  const date::sys_days days{date::year{date.year} / date.month / date.day};
  return days.time_since_epoch().count();
}

Parsed<CivilDate> ParseDate(std::string_view text) {
  CivilDate date;
  size_t pos = 0;
  if (!ReadDate(text, pos, date) || pos != text.size()) return Fail<CivilDate>(Problem::Malformed);
  if (!ValidDate(date)) return {date, Problem::NoSuchDate};
  return Ok(date);
}

Parsed<int64_t> ParseClock(std::string_view text) {
  size_t pos = 0;
  Clock clock;
  if (!ReadClock(text, pos, /*hour_digits=*/0, clock) || pos != text.size()) {
    return Fail<int64_t>(Problem::Malformed);
  }
  if (!clock.in_range) return Fail<int64_t>(Problem::NoSuchTime);
  return Ok(clock.seconds);
}

Parsed<int64_t> ParseInstant(std::string_view text) {
  CivilDate date;
  size_t pos = 0;
  if (!ReadDate(text, pos, date) || pos >= text.size()) return Fail<int64_t>(Problem::Malformed);
  const char separator = text[pos++];
  if (separator != 'T' && separator != 't' && separator != ' ') {
    return Fail<int64_t>(Problem::Malformed);
  }
  Clock clock;
  if (!ReadClock(text, pos, /*hour_digits=*/2, clock)) return Fail<int64_t>(Problem::Malformed);
  if (clock.has_seconds && pos < text.size() && text[pos] == '.') {
    const size_t start = ++pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    if (pos == start) return Fail<int64_t>(Problem::Malformed);
  }
  int64_t offset = 0;
  bool offset_in_range = true;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos++] == '-' ? -1 : 1;
    int hours = 0, minutes = 0;
    if (!ReadFixed(text, pos, 2, hours) || !Expect(text, pos, ':') ||
        !ReadFixed(text, pos, 2, minutes)) {
      return Fail<int64_t>(Problem::Malformed);
    }
    offset_in_range = hours <= 23 && minutes <= 59;
    offset = sign * (hours * 3600 + minutes * 60);
  } else {
    return Fail<int64_t>(Problem::Malformed);
  }
  if (pos != text.size()) return Fail<int64_t>(Problem::Malformed);
  if (!ValidDate(date)) return Fail<int64_t>(Problem::NoSuchDate);
  if (!clock.in_range) return Fail<int64_t>(Problem::NoSuchTime);
  if (!offset_in_range) return Fail<int64_t>(Problem::NoSuchOffset);
  return Ok(DaysSinceEpoch(date) * 86400 + clock.seconds - offset);
}

std::string FormatDate(int64_t days) {
  const date::year_month_day ymd{date::sys_days{date::days{days}}};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

std::string FormatDateTime(int64_t seconds) {
  const int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const int64_t rest = seconds - days * 86400;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "T%02lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return FormatDate(days) + buffer;
}

}  // namespace kairos::scalars
