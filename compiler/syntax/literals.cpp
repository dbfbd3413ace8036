#include "compiler/syntax/literals.h"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <string>

#include "compiler/base/utf8.h"

namespace kairos::syntax_internal {

namespace {

constexpr int64_t kScale = 10000;  // money, decimals and percentages keep 4 places
constexpr int kScaleDigits = 4;

std::string Quoted(std::string_view text) { return "`" + std::string(text) + "`"; }

void Invalid(const ast::LiteralExpr& literal, std::string message, DiagnosticSink& sink) {
  sink.Error(DiagnosticKind::InvalidLiteral, literal.range, std::move(message));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Digits (with `_` separators) into `value`; false on overflow.
bool AccumulateDigits(std::string_view digits, int64_t& value) {
  value = 0;
  for (char c : digits) {
    if (c == '_') continue;
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value)) {
      return false;
    }
  }
  return true;
}

enum class ScaleProblem { None, TooLarge, TooPrecise };

// "19.90" -> 199000. Extra decimal places are accepted when they are zeros.
ScaleProblem Scale(std::string_view number, int64_t& scaled) {
  size_t dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  int64_t value;
  if (!AccumulateDigits(whole, value) || __builtin_mul_overflow(value, kScale, &value)) {
    return ScaleProblem::TooLarge;
  }
  int64_t fraction_value = 0;
  for (size_t i = 0; i < fraction.size(); ++i) {
    if (i < kScaleDigits) {
      fraction_value = fraction_value * 10 + (fraction[i] - '0');
    } else if (fraction[i] != '0') {
      return ScaleProblem::TooPrecise;
    }
  }
  for (size_t i = fraction.size(); i < kScaleDigits; ++i) fraction_value *= 10;
  if (__builtin_add_overflow(value, fraction_value, &scaled)) return ScaleProblem::TooLarge;
  return ScaleProblem::None;
}

bool ReportScaleProblem(const ast::LiteralExpr& literal, std::string_view number, ScaleProblem problem,
                        std::string_view what, DiagnosticSink& sink) {
  switch (problem) {
    case ScaleProblem::None:
      return false;
    case ScaleProblem::TooLarge:
      Invalid(literal, Quoted(literal.text) + " is too large " + std::string(what), sink);
      return true;
    case ScaleProblem::TooPrecise:
      Invalid(literal,
              Quoted(number) + " has more than 4 decimal places; Kairos keeps numbers, money and "
              "percentages to 4 places, so round it",
              sink);
      return true;
  }
  return false;
}

// Reads exactly `count` digits at `pos`.
bool ReadFixed(std::string_view text, size_t& pos, int count, int& value) {
  value = 0;
  for (int i = 0; i < count; ++i, ++pos) {
    if (pos >= text.size() || !IsDigit(text[pos])) return false;
    value = value * 10 + (text[pos] - '0');
  }
  return true;
}

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Checks a calendar date; on failure says why.
bool CheckDate(int year, int month, int day, std::string& why) {
  if (month < 1 || month > 12) {
    why = "there is no month " + std::to_string(month);
    return false;
  }
  date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                           date::day{static_cast<unsigned>(day)}};
  if (ymd.ok()) return true;
  auto last = date::year_month_day_last{date::year{year}, date::month_day_last{ymd.month()}};
  why = std::string(kMonthNames[month - 1]) + " " + std::to_string(year) + " has " +
        std::to_string(static_cast<unsigned>(last.day())) + " days";
  return false;
}

// `YYYY-MM-DD` at the start of `text`.
bool ReadDate(std::string_view text, size_t& pos, int& year, int& month, int& day) {
  return ReadFixed(text, pos, 4, year) && pos < text.size() && text[pos++] == '-' &&
         ReadFixed(text, pos, 2, month) && pos < text.size() && text[pos++] == '-' &&
         ReadFixed(text, pos, 2, day);
}

// `H:MM`, `HH:MM` or `HH:MM:SS` at `pos` into seconds since midnight; false
// when the clock reading does not exist.
bool ReadClock(std::string_view text, size_t& pos, int64_t& seconds) {
  int hour = 0, minute = 0, second = 0;
  int hour_digits = pos + 1 < text.size() && IsDigit(text[pos + 1]) ? 2 : 1;
  if (!ReadFixed(text, pos, hour_digits, hour)) return false;
  if (pos >= text.size() || text[pos++] != ':' || !ReadFixed(text, pos, 2, minute)) return false;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadFixed(text, pos, 2, second)) return false;
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  seconds = hour * 3600 + minute * 60 + second;
  return true;
}

int64_t EpochDays(int year, int month, int day) {
  date::sys_days days{date::year{year} / month / day};
  return days.time_since_epoch().count();
}

std::string EscapeHelp() {
  return "use `\\\"`, `\\\\`, `\\n`, `\\t` or `\\u{...}` with a hexadecimal code point such as "
         "`\\u{5D0}`";
}

}  // namespace

void DecodeInt(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink) {
  if (!AccumulateDigits(text, literal.int_value)) {
    literal.int_value = 0;
    Invalid(literal,
            Quoted(text) + " is too large; whole numbers go up to 9223372036854775807",
            sink);
  }
}

void DecodeDecimal(ast::LiteralExpr& literal, std::string_view number, DiagnosticSink& sink) {
  if (ReportScaleProblem(literal, number, Scale(number, literal.scaled_value), "for a number", sink)) {
    literal.scaled_value = 0;
  }
}

void DecodeMoney(ast::LiteralExpr& literal, std::string_view number, std::string_view currency,
                 DiagnosticSink& sink) {
  if (currency == "₪") {
    literal.currency = "ILS";
  } else if (currency == "€") {
    literal.currency = "EUR";
  } else if (currency == "$") {
    literal.currency = "USD";
  } else if (currency == "£") {
    literal.currency = "GBP";
  } else {
    literal.currency = std::string(currency);
  }
  if (ReportScaleProblem(literal, number, Scale(number, literal.scaled_value), "an amount", sink)) {
    literal.scaled_value = 0;
  }
}

void DecodePercent(ast::LiteralExpr& literal, std::string_view number, DiagnosticSink& sink) {
  if (ReportScaleProblem(literal, number, Scale(number, literal.scaled_value), "a percentage", sink)) {
    literal.scaled_value = 0;
  }
}

void DecodeDuration(ast::LiteralExpr& literal, const std::vector<std::string_view>& parts,
                    DiagnosticSink& sink) {
  int64_t total = 0;
  for (std::string_view part : parts) {
    size_t pos = 0;
    while (pos < part.size()) {
      size_t digits_end = pos;
      while (digits_end < part.size() && IsDigit(part[digits_end])) ++digits_end;
      int64_t count;
      bool ok = AccumulateDigits(part.substr(pos, digits_end - pos), count);
      int64_t unit = 1;
      switch (digits_end < part.size() ? part[digits_end] : 's') {
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 604800; break;
        default: break;
      }
      if (!ok || __builtin_mul_overflow(count, unit, &count) ||
          __builtin_add_overflow(total, count, &total)) {
        Invalid(literal, Quoted(literal.text) + " is too long a duration", sink);
        return;
      }
      pos = digits_end + 1;
    }
  }
  literal.seconds = total;
}

void DecodeDate(ast::LiteralExpr& literal, std::string_view text,
                std::optional<std::string_view> time, DiagnosticSink& sink) {
  int year, month, day;
  size_t pos = 0;
  ReadDate(text, pos, year, month, day);  // the lexer guarantees the shape
  std::string why;
  if (!CheckDate(year, month, day, why)) {
    Invalid(literal, Quoted(text) + " is not a date: " + why, sink);
    return;
  }
  if (time) {
    size_t time_pos = 0;
    int64_t seconds;
    if (!ReadClock(*time, time_pos, seconds)) {
      Invalid(literal,
              Quoted(*time) + " is not a time of day; use `00:00` to `23:59:59`", sink);
      return;
    }
    literal.seconds = seconds;
  }
  literal.year = year;
  literal.month = month;
  literal.day = day;
}

void DecodeTime(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink) {
  size_t pos = 0;
  int64_t seconds;
  if (!ReadClock(text, pos, seconds)) {
    Invalid(literal, Quoted(text) + " is not a time of day; use `00:00` to `23:59:59`", sink);
    return;
  }
  literal.seconds = seconds;
}

void DecodeTimestamp(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink) {
  // The lexer guarantees YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM).
  int year, month, day;
  size_t pos = 0;
  ReadDate(text, pos, year, month, day);
  std::string why;
  if (!CheckDate(year, month, day, why)) {
    Invalid(literal, Quoted(text) + " is not a valid timestamp: " + why, sink);
    return;
  }
  ++pos;  // 'T'
  int64_t clock;
  if (!ReadClock(text, pos, clock)) {
    Invalid(literal, Quoted(text) + " is not a valid timestamp: the time of day must be "
            "`00:00:00` to `23:59:59`", sink);
    return;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
  }
  int64_t offset_seconds = 0;
  if (text[pos] != 'Z') {
    int sign = text[pos++] == '-' ? -1 : 1;
    int offset_hours, offset_minutes;
    ReadFixed(text, pos, 2, offset_hours);
    ++pos;  // ':'
    ReadFixed(text, pos, 2, offset_minutes);
    if (offset_hours > 23 || offset_minutes > 59) {
      Invalid(literal, Quoted(text) + " is not a valid timestamp: the offset from UTC must be "
              "between `-23:59` and `+23:59`", sink);
      return;
    }
    offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
  }
  literal.seconds = EpochDays(year, month, day) * 86400 + clock - offset_seconds;
}

void DecodeString(ast::LiteralExpr& literal, std::string_view token, uint32_t offset,
                  DiagnosticSink& sink) {
  std::string& value = literal.string_value;
  std::vector<uint32_t>& offsets = literal.string_offsets;
  if (token.size() >= 6 && token.substr(0, 3) == "\"\"\"") {
    std::string_view content = token.substr(3, token.size() - 6);
    value.assign(content);
    offsets.reserve(content.size() + 1);
    for (uint32_t i = 0; i <= content.size(); ++i) offsets.push_back(offset + 3 + i);
    return;
  }
  const size_t close = token.size() - 1;
  value.reserve(close);
  offsets.reserve(close);
  size_t pos = 1;
  while (pos < close) {
    const uint32_t at = offset + static_cast<uint32_t>(pos);
    if (token[pos] != '\\') {
      value += token[pos++];
      offsets.push_back(at);
      continue;
    }
    size_t escape_begin = pos++;
    char kind = token[pos];
    if (kind == '"' || kind == '\\') {
      value += kind;
      ++pos;
    } else if (kind == 'n') {
      value += '\n';
      ++pos;
    } else if (kind == 't') {
      value += '\t';
      ++pos;
    } else if (kind == 'u') {
      ++pos;
      bool ok = pos < close && token[pos] == '{';
      size_t digits_begin = ++pos;
      char32_t code_point = 0;
      int digit;
      while (ok && pos < close && (digit = HexValue(token[pos])) >= 0 && pos - digits_begin < 8) {
        code_point = code_point * 16 + static_cast<char32_t>(digit);
        ++pos;
      }
      size_t digits = pos - digits_begin;
      ok = ok && digits > 0 && digits <= 6 && pos < close && token[pos] == '}';
      if (ok) ++pos;
      std::string_view written = token.substr(escape_begin, std::min(pos, close) - escape_begin);
      if (!ok) {
        sink.Error(DiagnosticKind::InvalidEscape,
                   {literal.range.file, at, offset + static_cast<uint32_t>(escape_begin + written.size())},
                   Quoted(written) + " is not a complete `\\u{...}` escape; write the code point "
                   "in hexadecimal between braces, such as `\\u{5D0}`");
        value.append(written);
      } else if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        sink.Error(DiagnosticKind::InvalidEscape,
                   {literal.range.file, at, offset + static_cast<uint32_t>(pos)},
                   Quoted(written) + " is not a Unicode character; code points go up to "
                   "`10FFFF` and exclude the surrogates `D800` to `DFFF`");
        value.append(written);
      } else {
        utf8::Append(value, code_point);
      }
    } else {
      size_t end = pos;
      utf8::Next(token, end);  // the escaped character may be any code point
      std::string_view written = token.substr(escape_begin, end - escape_begin);
      sink.Error(DiagnosticKind::InvalidEscape,
                 {literal.range.file, at, offset + static_cast<uint32_t>(end)},
                 Quoted(written) + " is not an escape; " + EscapeHelp());
      value.append(written);
      pos = end;
    }
    offsets.resize(value.size(), at);  // every byte of an escape points at its `\`
  }
  offsets.push_back(offset + static_cast<uint32_t>(close));
}

}  // namespace kairos::syntax_internal
