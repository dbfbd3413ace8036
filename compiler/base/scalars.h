// The text forms of scalar values, shared by the language's literals
// (compiler/syntax) and the engine's event input (runtime/events): exact
// decimals and money, durations, civil dates, clock times and instants.
//
// Each parser reads a whole text and says what is wrong with it as a Problem,
// so every caller words its own message; values use the encodings of
// compiler/ir/ir.h (decimals and money scaled by 10^4, seconds, days since
// 1970-01-01).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kairos::scalars {

inline constexpr int kDecimalPlaces = 4;
inline constexpr int64_t kDecimalScale = 10000;

enum class Problem : uint8_t {
  None,
  Malformed,     // not of the form at all
  TooLarge,      // does not fit in 64 bits
  TooPrecise,    // a decimal with a non-zero digit after the 4th place
  NoSuchDate,    // the shape of a date, but no such day (2026-02-30)
  NoSuchTime,    // the shape of a clock reading, but no such time (24:00)
  NoSuchOffset,  // an offset from UTC beyond ±23:59
};

// A parsed value, or why there is none (`value` is then unspecified).
template <typename T>
struct Parsed {
  T value{};
  Problem problem = Problem::Malformed;

  bool ok() const { return problem == Problem::None; }
};

// Digits with `_` separators (`1_000_000`), as the language's integers.
Parsed<int64_t> ParseWholeNumber(std::string_view text);

// `349.90`, `-3`, `0.5`, `1_000.25`: the value scaled by 10^4, exactly. Places
// after the 4th are accepted when they are zeros (`1.50000`).
Parsed<int64_t> ParseScaledDecimal(std::string_view text);

// The ISO 4217 code of a currency symbol (`₪` is ILS, `€` EUR, `$` USD, `£`
// GBP); any other text is returned as it is.
std::string_view CurrencyCode(std::string_view code_or_symbol);

// Whether `text` is three capital letters, the shape of an ISO 4217 code.
bool IsCurrencyCode(std::string_view text);

struct Money {
  int64_t scaled = 0;    // the amount scaled by 10^4
  std::string currency;  // ISO 4217
};
// `349.90 ILS` (a space or more before the code) or `₪349.90` (spaces may follow
// the sign).
Parsed<Money> ParseMoney(std::string_view text);

// The language's durations: `<digits><unit>` parts with units s m h d w,
// written together or apart (`1d12h`, `1d 12h`), summed into seconds.
Parsed<int64_t> ParseDuration(std::string_view text);

// ISO 8601 durations: `P[nW][nD][T[nH][nM][nS]]` (`PT45S`, `P1DT2H`), in
// seconds; a day is 24 hours, and months and years are not accepted.
Parsed<int64_t> ParseIsoDuration(std::string_view text);

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// The days of `month` (1 to 12) in `year`, by the proleptic Gregorian calendar.
int DaysInMonth(int year, int month);

// Days since 1970-01-01 of a valid date.
int64_t DaysSinceEpoch(const CivilDate& date);

// `2026-03-01`. NoSuchDate keeps the numbers read in `value`, so a message
// can say what is wrong with them.
Parsed<CivilDate> ParseDate(std::string_view text);

// `9:00`, `09:00` or `21:30:15`: seconds since midnight (`00:00` to `23:59:59`).
Parsed<int64_t> ParseClock(std::string_view text);

// RFC 3339 instants: `2026-03-01T10:00:00Z`, `2026-03-01T12:00:00.250+02:00`,
// with `t` or a space also accepted between date and time, `z` for `Z`, and
// the seconds optional as in the language (`2026-03-01T12:00+02:00`). Epoch
// seconds; fractions of a second are dropped.
Parsed<int64_t> ParseInstant(std::string_view text);

// The text of a date (days since 1970-01-01): `2026-03-01`.
std::string FormatDate(int64_t days);

// The text of seconds since 1970-01-01, without a zone: `2026-03-01T10:00:00`.
std::string FormatDateTime(int64_t seconds);

}  // namespace kairos::scalars
