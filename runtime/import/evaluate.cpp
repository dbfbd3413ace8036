#include "runtime/import/evaluate.h"

#include "runtime/format/text_forms.h"

// GCC 12 at -O2 reports a false -Wmaybe-uninitialized inside date::parse.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <date/date.h>
#include <date/tz.h>
#pragma GCC diagnostic pop

#include <locale>
#include <sstream>
#include <stdexcept>

#include "runtime/events/scalars.h"

namespace kairos::runtime {
namespace {

constexpr int64_t kScale = 10000;

// Wide enough for the product of two scaled values before it is scaled back.
__extension__ using Wide = __int128;

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// How an error names the value: the column it came from, when it is one.
std::string Describe(const MapExpr& expr) {
  return expr.kind == MapExpr::Kind::Column ? "column `" + expr.text + "`" : "the value";
}

bool Fail(std::string& reason, std::string message) {
  reason = std::move(message);
  return false;
}

// A number from a Number or from text; an empty text is no value (Null).
bool AsNumber(const MapExpr& expr, const Cell& in, Cell& out, std::string& reason) {
  if (in.kind == Cell::Kind::Null || in.kind == Cell::Kind::Number) {
    out = in;
    return true;
  }
  if (in.kind != Cell::Kind::Text) return Fail(reason, Describe(expr) + " is not a number");
  const std::string_view text = Trim(in.text);
  if (text.empty()) {
    out = Cell{};
    return true;
  }
  auto scaled = ParseScaledDecimal(text);
  if (!scaled) {
    return Fail(reason, Describe(expr) + " is \"" + in.text + "\", which is not a number with at most 4 decimals "
                        "(such as 12 or 4.95)");
  }
  out = Cell{Cell::Kind::Number, "", *scaled, text.find('.') == std::string_view::npos};
  return true;
}

bool ParseTime(const MapExpr& expr, const Cell& in, Cell& out, std::string& reason) {
  const std::string_view text = Trim(in.text);
  if (in.kind == Cell::Kind::Null || (in.kind == Cell::Kind::Text && text.empty())) {
    out = Cell{};
    return true;
  }
  if (in.kind == Cell::Kind::Time) {
    out = in;
    return true;
  }
  if (in.kind != Cell::Kind::Text) return Fail(reason, Describe(expr.args[0]) + " is not a time");
  std::istringstream stream{std::string(text)};
  stream.imbue(std::locale::classic());
  const bool has_offset = expr.text.find("%z") != std::string::npos || expr.text.find("%Ez") != std::string::npos;
  int64_t seconds = 0;
  auto fail = [&] {
    return Fail(reason, Describe(expr.args[0]) + " is \"" + in.text + "\", which does not match the format \"" +
                            expr.text + "\"");
  };
  if (has_offset) {
    date::sys_seconds instant;
    stream >> date::parse(expr.text, instant);
    if (stream.fail()) return fail();
    seconds = instant.time_since_epoch().count();
  } else {
    date::local_seconds local;
    stream >> date::parse(expr.text, local);
    if (stream.fail()) return fail();
    if (expr.zone.empty()) {
      seconds = local.time_since_epoch().count();
    } else {
      const date::time_zone* zone = date::locate_zone(expr.zone);
      const date::local_info info = zone->get_info(local);
      if (info.result == date::local_info::nonexistent) {
        return Fail(reason, Describe(expr.args[0]) + " is \"" + in.text + "\", a time that did not exist in " +
                                expr.zone + " (the clocks went forward)");
      }
      // An ambiguous time (the hour repeated when clocks go back) is taken
      // as the earlier of its two instants.
      seconds = local.time_since_epoch().count() - info.first.offset.count();
    }
  }
  stream >> std::ws;
  if (!stream.eof()) return fail();
  out = Cell{Cell::Kind::Time, "", seconds, false};
  return true;
}

bool Multiply(const Cell& a, const Cell& b, Cell& out, std::string& reason) {
  if (a.kind == Cell::Kind::Money && b.kind == Cell::Kind::Money) return Fail(reason, "money times money is not a value");
  const Wide product = static_cast<Wide>(a.scaled) * b.scaled;
  // Exact when either side is an integer; two fractions round half away from zero.
  Wide scaled = product / kScale;
  const Wide rest = product % kScale;
  if (rest * 2 >= kScale) ++scaled;
  if (rest * 2 <= -kScale) --scaled;
  if (scaled > INT64_MAX || scaled < INT64_MIN) return Fail(reason, "the product is too large");
  out = a.kind == Cell::Kind::Money ? a : b;
  out.scaled = static_cast<int64_t>(scaled);
  if (out.kind == Cell::Kind::Number) out.whole = a.whole && b.whole;
  return true;
}

bool EvaluateMoney(const MapExpr& expr, const Row& row, const std::string& currency, const std::vector<Cell>* totals,
                   Cell& out, std::string& reason) {
  Cell amount;
  if (!Evaluate(expr.args[0], row, currency, totals, amount, reason)) return false;
  std::string code = expr.text;
  if (expr.args.size() == 2) {
    Cell column;
    if (!Evaluate(expr.args[1], row, currency, totals, column, reason)) return false;
    code = std::string(Trim(column.text));
    if (code.size() != 3 || code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
      return Fail(reason, Describe(expr.args[1]) + " is \"" + column.text + "\", which is not a currency code such as GBP");
    }
  }
  if (code.empty()) code = currency;
  if (amount.kind == Cell::Kind::Money) {
    if (amount.text != code) return Fail(reason, "the amount is in " + amount.text + ", not " + code);
    out = amount;
    return true;
  }
  Cell number;
  if (!AsNumber(expr.args[0], amount, number, reason)) return false;
  if (number.kind == Cell::Kind::Null) {
    out = Cell{};
    return true;
  }
  out = Cell{Cell::Kind::Money, code, number.scaled, false};
  return true;
}

// Adds `term` to `total` (Null before the first row).
bool Add(Cell& total, const Cell& term, std::string& reason) {
  if (total.kind == Cell::Kind::Null) {
    total = term;
    return true;
  }
  if (total.kind == Cell::Kind::Money && term.kind == Cell::Kind::Money && total.text != term.text) {
    return Fail(reason, "`sum` adds " + total.text + " and " + term.text + "; the rows of a group need one currency");
  }
  if ((total.kind == Cell::Kind::Money) != (term.kind == Cell::Kind::Money)) {
    return Fail(reason, "`sum` adds money and plain numbers; wrap every row's value in `money(...)` or none");
  }
  int64_t sum = 0;
  if (__builtin_add_overflow(total.scaled, term.scaled, &sum)) return Fail(reason, "the sum is too large");
  total.scaled = sum;
  total.whole = total.whole && term.whole;
  return true;
}

}  // namespace

bool Evaluate(const MapExpr& expr, const Row& row, const std::string& currency, const std::vector<Cell>* totals,
              Cell& out, std::string& reason) {
  switch (expr.kind) {
    case MapExpr::Kind::Column:
      out = Cell{Cell::Kind::Text, row[static_cast<size_t>(expr.column)], 0, false};
      return true;
    case MapExpr::Kind::Text:
      out = Cell{Cell::Kind::Text, expr.text, 0, false};
      return true;
    case MapExpr::Kind::Number:
      return AsNumber(expr, Cell{Cell::Kind::Text, expr.text, 0, false}, out, reason);
    case MapExpr::Kind::Bool:
      out = Cell{Cell::Kind::Bool, "", expr.text == "true" ? 1 : 0, false};
      return true;
    case MapExpr::Kind::Concat: {
      // A part with no value (an empty cell given to `int`) adds nothing.
      std::string text;
      for (const MapExpr& arg : expr.args) {
        Cell part;
        if (!Evaluate(arg, row, currency, totals, part, reason)) return false;
        text += CellText(part);
      }
      out = Cell{Cell::Kind::Text, std::move(text), 0, false};
      return true;
    }
    case MapExpr::Kind::Int:
    case MapExpr::Kind::Decimal: {
      Cell in;
      if (!Evaluate(expr.args[0], row, currency, totals, in, reason)) return false;
      if (in.kind == Cell::Kind::Money) return Fail(reason, Describe(expr.args[0]) + " is money, not a plain number");
      if (!AsNumber(expr.args[0], in, out, reason)) return false;
      if (out.kind == Cell::Kind::Null) return true;
      if (expr.kind == MapExpr::Kind::Decimal) {
        out.whole = false;
        return true;
      }
      // Spreadsheets write whole numbers as "12923.0"; a fraction of zeros is still whole.
      if (out.scaled % kScale != 0) {
        return Fail(reason, Describe(expr.args[0]) + " is \"" + CellText(in) + "\", which is not a whole number");
      }
      out.whole = true;
      return true;
    }
    case MapExpr::Kind::Money: return EvaluateMoney(expr, row, currency, totals, out, reason);
    case MapExpr::Kind::Time: {
      Cell in;
      if (!Evaluate(expr.args[0], row, currency, totals, in, reason)) return false;
      return ParseTime(expr, in, out, reason);
    }
    case MapExpr::Kind::Product: {
      Cell a, b, na, nb;
      if (!Evaluate(expr.args[0], row, currency, totals, a, reason) ||
          !Evaluate(expr.args[1], row, currency, totals, b, reason)) {
        return false;
      }
      if (a.kind != Cell::Kind::Money && !AsNumber(expr.args[0], a, na, reason)) return false;
      if (b.kind != Cell::Kind::Money && !AsNumber(expr.args[1], b, nb, reason)) return false;
      if (a.kind == Cell::Kind::Money) na = a;
      if (b.kind == Cell::Kind::Money) nb = b;
      if (na.kind == Cell::Kind::Null || nb.kind == Cell::Kind::Null) {
        const MapExpr& empty = na.kind == Cell::Kind::Null ? expr.args[0] : expr.args[1];
        return Fail(reason, Describe(empty) + " is empty; a product needs a number on both sides");
      }
      return Multiply(na, nb, out, reason);
    }
    case MapExpr::Kind::Sum: {
      if (totals != nullptr) {
        out = (*totals)[static_cast<size_t>(expr.aggregate)];
        return true;
      }
      Cell term;
      if (!Evaluate(expr.args[0], row, currency, nullptr, term, reason)) return false;
      if (term.kind != Cell::Kind::Money && !AsNumber(expr.args[0], term, out, reason)) return false;
      if (term.kind == Cell::Kind::Money) out = term;
      if (out.kind == Cell::Kind::Null) return Fail(reason, Describe(expr.args[0]) + " is empty; `sum` needs a number on every row");
      return true;
    }
    case MapExpr::Kind::Count:
      out = totals != nullptr ? (*totals)[static_cast<size_t>(expr.aggregate)] : Cell{Cell::Kind::Number, "", kScale, true};
      return true;
  }
  return Fail(reason, "unknown expression");
}

bool Accumulate(const MapExpr& expr, const Row& row, const std::string& currency, std::vector<Cell>& totals,
                std::string& reason) {
  if (expr.kind == MapExpr::Kind::Sum || expr.kind == MapExpr::Kind::Count) {
    Cell term;
    if (!Evaluate(expr, row, currency, nullptr, term, reason)) return false;
    return Add(totals[static_cast<size_t>(expr.aggregate)], term, reason);
  }
  for (const MapExpr& arg : expr.args) {
    if (!Accumulate(arg, row, currency, totals, reason)) return false;
  }
  return true;
}


std::string CellText(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::Null: return "";
    case Cell::Kind::Text: return cell.text;
    case Cell::Kind::Number: return FormatScaled(cell.scaled, 0);
    case Cell::Kind::Money: return FormatScaled(cell.scaled, 2) + " " + cell.text;
    case Cell::Kind::Time:
      return date::format("%FT%TZ", date::sys_seconds{std::chrono::seconds{cell.scaled}});
    case Cell::Kind::Bool: return cell.scaled != 0 ? "true" : "false";
  }
  return "";
}


void AppendJson(std::string& out, const Cell& cell) {
  if (cell.kind == Cell::Kind::Null) {
    out += "null";
  } else if ((cell.kind == Cell::Kind::Number && cell.whole) || cell.kind == Cell::Kind::Bool) {
    out += CellText(cell);
  } else {
    AppendJsonString(out, CellText(cell));
  }
}

}  // namespace kairos::runtime
