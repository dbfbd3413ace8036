#include "compiler/syntax/literals.h"

#include <algorithm>
#include <array>
#include <string>

#include "compiler/base/scalars.h"
#include "compiler/base/utf8.h"

namespace kairos::syntax_internal {

namespace {

std::string Quoted(std::string_view text) { return "`" + std::string(text) + "`"; }

void Invalid(const ast::LiteralExpr& literal, std::string message, DiagnosticSink& sink) {
  sink.Error(DiagnosticKind::InvalidLiteral, literal.range, std::move(message));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reports what keeps `number` from being a scaled value; true when it did.
bool ReportScaleProblem(const ast::LiteralExpr& literal, std::string_view number, scalars::Problem problem,
                        std::string_view what, DiagnosticSink& sink) {
  switch (problem) {
    case scalars::Problem::None:
      return false;
    case scalars::Problem::TooPrecise:
      Invalid(literal,
              Quoted(number) + " has more than 4 decimal places; Kairos keeps numbers, money and "
              "percentages to 4 places, so round it",
              sink);
      return true;
    default:
      Invalid(literal, Quoted(literal.text) + " is too large " + std::string(what), sink);
      return true;
  }
}

// Decodes `number` into `literal.scaled_value` (0 when it is reported).
void DecodeScaled(ast::LiteralExpr& literal, std::string_view number, std::string_view what,
                  DiagnosticSink& sink) {
  const scalars::Parsed<int64_t> scaled = scalars::ParseScaledDecimal(number);
  literal.scaled_value = ReportScaleProblem(literal, number, scaled.problem, what, sink) ? 0 : scaled.value;
}

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Why a date of the right shape is not a day of the calendar.
std::string WhyNoSuchDate(const scalars::CivilDate& date) {
  if (date.month < 1 || date.month > 12) return "there is no month " + std::to_string(date.month);
  return std::string(kMonthNames[static_cast<size_t>(date.month - 1)]) + " " + std::to_string(date.year) +
         " has " + std::to_string(scalars::DaysInMonth(date.year, date.month)) + " days";
}

std::string EscapeHelp() {
  return "use `\\\"`, `\\\\`, `\\n`, `\\t` or `\\u{...}` with a hexadecimal code point such as "
         "`\\u{5D0}`";
}

}  // namespace

void DecodeInt(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink) {
  const scalars::Parsed<int64_t> value = scalars::ParseWholeNumber(text);
  literal.int_value = value.ok() ? value.value : 0;
  if (!value.ok()) {
    Invalid(literal,
            Quoted(text) + " is too large; whole numbers go up to 9223372036854775807",
            sink);
  }
}

void DecodeDecimal(ast::LiteralExpr& literal, std::string_view number, DiagnosticSink& sink) {
  DecodeScaled(literal, number, "for a number", sink);
}

void DecodeMoney(ast::LiteralExpr& literal, std::string_view number, std::string_view currency,
                 DiagnosticSink& sink) {
  literal.currency = std::string(scalars::CurrencyCode(currency));
  DecodeScaled(literal, number, "an amount", sink);
}

void DecodePercent(ast::LiteralExpr& literal, std::string_view number, DiagnosticSink& sink) {
  DecodeScaled(literal, number, "a percentage", sink);
}

void DecodeDuration(ast::LiteralExpr& literal, const std::vector<std::string_view>& parts,
                    DiagnosticSink& sink) {
  int64_t total = 0;
  for (std::string_view part : parts) {
    const scalars::Parsed<int64_t> seconds = scalars::ParseDuration(part);
    if (!seconds.ok() || __builtin_add_overflow(total, seconds.value, &total)) {
      Invalid(literal, Quoted(literal.text) + " is too long a duration", sink);
      return;
    }
  }
  literal.seconds = total;
}

void DecodeDate(ast::LiteralExpr& literal, std::string_view text,
                std::optional<std::string_view> time, DiagnosticSink& sink) {
  const scalars::Parsed<scalars::CivilDate> date = scalars::ParseDate(text);
  if (!date.ok()) {
    Invalid(literal, Quoted(text) + " is not a date: " + WhyNoSuchDate(date.value), sink);
    return;
  }
  if (time) {
    const scalars::Parsed<int64_t> seconds = scalars::ParseClock(*time);
    if (!seconds.ok()) {
      Invalid(literal,
              Quoted(*time) + " is not a time of day; use `00:00` to `23:59:59`", sink);
      return;
    }
    literal.seconds = seconds.value;
  }
  literal.year = date.value.year;
  literal.month = date.value.month;
  literal.day = date.value.day;
}

void DecodeTime(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink) {
  const scalars::Parsed<int64_t> seconds = scalars::ParseClock(text);
  if (!seconds.ok()) {
    Invalid(literal, Quoted(text) + " is not a time of day; use `00:00` to `23:59:59`", sink);
    return;
  }
  literal.seconds = seconds.value;
}

void DecodeTimestamp(ast::LiteralExpr& literal, std::string_view text, DiagnosticSink& sink) {
  // The lexer guarantees YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM), so
  // only the values can be wrong.
  const scalars::Parsed<int64_t> instant = scalars::ParseInstant(text);
  switch (instant.problem) {
    case scalars::Problem::None:
      literal.seconds = instant.value;
      return;
    case scalars::Problem::NoSuchDate:
      Invalid(literal,
              Quoted(text) + " is not a valid timestamp: " +
                  WhyNoSuchDate(scalars::ParseDate(text.substr(0, 10)).value),
              sink);
      return;
    case scalars::Problem::NoSuchOffset:
      Invalid(literal, Quoted(text) + " is not a valid timestamp: the offset from UTC must be "
              "between `-23:59` and `+23:59`", sink);
      return;
    default:
      Invalid(literal, Quoted(text) + " is not a valid timestamp: the time of day must be "
              "`00:00:00` to `23:59:59`", sink);
      return;
  }
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
