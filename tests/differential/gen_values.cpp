// Values: numbers, money, percents, durations, instants, dates, times, text
// and enum values, present or optional.
#include <algorithm>
#include <cmath>

#include "compiler/types/symbol.h"
#include "tests/differential/expr_generator.h"

namespace kairos::differential {
namespace {

bool IsScale(const Type& t) { return t.is(TypeKind::Int) || t.is(TypeKind::Decimal) || t.is(TypeKind::Percent); }

// The bound of a number on the decimal scale (an int is multiplied by 10^4).
double Scaled(const Gen& g) { return g.type.NonOptional().is(TypeKind::Int) ? g.bound * 10'000 : g.bound; }

// What `unit * scale` divides by: a decimal carries 10^4, a percent 10^6.
double Denominator(const Type& scale) {
  if (scale.is(TypeKind::Decimal)) return 10'000;
  if (scale.is(TypeKind::Percent)) return 1'000'000;
  return 1;
}

Gen Binary(const Gen& a, const char* op, const Gen& b, int level, Type type, double bound) {
  Gen g;
  g.text = Wrap(a, level) + " " + op + " " + Wrap(b, level + 1);
  g.type = std::move(type);
  g.level = level;
  g.bound = bound;
  return g;
}

}  // namespace

Gen ExprGenerator::Value(const Type& type, int depth) {
  const bool deep = depth > 0;
  const int d = depth - 1;
  std::vector<std::pair<int, Production>> productions = {
      {25, [&] { return Leaf(type, false); }},
      {15, [&]() -> std::optional<Gen> { return Literal(type); }},
      {deep ? 10 : 0, [&] { return Coalesced(type, d); }},
  };
  auto add = [&](int weight, Production p) { productions.emplace_back(deep ? weight : 0, std::move(p)); };
  switch (type.kind()) {
    case TypeKind::Bool:
      return Condition(depth);
    case TypeKind::Int:
      add(8, [&] { return History("count", type, d); });
      add(5, [&] { return ListCall("count", type, d); });
      add(4, [&] { return HistoryField("sum", type, d); });
      add(3, [&] { return ListCall("sum", type, d); });
      add(16, [&] { return PropertyOf(type, d, false); });
      add(10, [&] { return Arithmetic(type, d); });
      add(2, [&] { return Negated(type, d); });
      break;
    case TypeKind::Decimal:
    case TypeKind::Money:
    case TypeKind::Duration:
      add(5, [&] { return HistoryField("sum", type, d); });
      add(3, [&] { return ListCall("sum", type, d); });
      add(15, [&] { return Arithmetic(type, d); });
      add(2, [&] { return Negated(type, d); });
      break;
    case TypeKind::Percent:
      add(10, [&] { return Arithmetic(type, d); });
      add(2, [&] { return Negated(type, d); });
      break;
    case TypeKind::Timestamp:
      add(15, [&] { return Arithmetic(type, d); });
      break;
    case TypeKind::Date:
      add(10, [&] { return PropertyOf(type, d, false); });
      break;
    default:
      break;
  }
  if (std::optional<Gen> g = OneOf(std::move(productions))) return *g;
  return Literal(type);
}

std::optional<Gen> ExprGenerator::Maybe(const Type& type, int depth) {
  const bool deep = depth > 0;
  const int d = depth - 1;
  const bool ordered = type.is(TypeKind::Int) || type.is(TypeKind::Decimal) || type.is(TypeKind::Money) ||
                       type.is(TypeKind::Percent) || type.is(TypeKind::Duration) || type.is(TypeKind::Timestamp) ||
                       type.is(TypeKind::Date) || type.is(TypeKind::Time);
  const bool summable = type.is(TypeKind::Decimal) || type.is(TypeKind::Money) || type.is(TypeKind::Duration);
  const bool record_of_event = type.is(TypeKind::Record) && schema_.FindEvent(type.symbol()->name) == type.symbol();
  std::vector<std::pair<int, Production>> productions = {
      {20, [&] { return Leaf(type, true); }},
      {deep ? 12 : 0, [&] { return EventMember(type, d); }},
      {deep && summable ? 5 : 0, [&] { return HistoryField("avg", type, d); }},
      {deep && ordered ? 4 : 0, [&] { return HistoryField("min", type, d); }},
      {deep && ordered ? 4 : 0, [&] { return HistoryField("max", type, d); }},
      {deep ? 10 : 0, [&] { return PropertyOf(type, d, true); }},
      {deep && record_of_event ? 20 : 0, [&] { return History(choices_.Chance(50) ? "first" : "last", type, d); }},
      {deep ? 3 : 0,
       [&]() -> std::optional<Gen> {
         std::optional<Gen> a = Maybe(type, d);
         std::optional<Gen> b = Maybe(type, d);
         if (!a || !b || a->type.NonOptional() != b->type.NonOptional()) return std::nullopt;
         return Binary(*a, "??", *b, kCoalesce, a->type, std::max(a->bound, b->bound));
       }},
  };
  return OneOf(std::move(productions));
}

Gen ExprGenerator::Argument(const Type& type, int depth) {
  const Type& t = type.NonOptional();
  if (type.is_optional()) {
    if (choices_.Chance(15)) return {"null", Type::Null(), kUnary, false, 0, true};
    if (choices_.Chance(40)) {
      if (std::optional<Gen> g = Maybe(t, depth); g && g->bound <= DataBound(t)) return *g;
    }
  }
  for (int tries = 0; tries < 3; ++tries) {
    Gen g = Value(t, depth);
    if (g.bound <= DataBound(t) && (!t.is(TypeKind::Decimal) || g.type.is(TypeKind::Decimal))) return g;
  }
  return Literal(t);
}

Gen ExprGenerator::Number(int depth) {
  return Value(choices_.Chance(50) ? Type::Int() : Type::Decimal(), depth);
}

std::optional<Gen> ExprGenerator::Arithmetic(const Type& type, int depth) {
  static const char* kOps[] = {"+", "-", "*", "/"};
  switch (type.kind()) {
    case TypeKind::Int: {
      const int op = static_cast<int>(choices_.Below(3));
      Gen a = Value(type, depth), b = Value(type, depth);
      const double bound = op == 2 ? a.bound * b.bound : a.bound + b.bound;
      if (bound > kLimit) return std::nullopt;
      return Binary(a, kOps[op], b, op == 2 ? kMul : kAdd, type, bound);
    }
    case TypeKind::Decimal: {
      const int op = static_cast<int>(choices_.Below(4));
      Gen a = Number(depth), b = Number(depth);
      if (op < 3 && a.type.is(TypeKind::Int) && b.type.is(TypeKind::Int)) a = Value(type, depth);
      if (op == 3) {
        // x * 10^4 / y: the quotient is largest when y is 0.0001.
        const double bound = Scaled(a) * 10'000;
        if (bound > kLimit) return std::nullopt;
        return Binary(a, "/", b, kMul, type, bound);
      }
      if (op == 2) {
        const double product = Scaled(a) * Scaled(b);
        if (product > kLimit) return std::nullopt;
        return Binary(a, "*", b, kMul, type, product / 10'000 + 1);
      }
      const double bound = Scaled(a) + Scaled(b);
      if (bound > kLimit) return std::nullopt;
      return Binary(a, kOps[op], b, kAdd, type, bound);
    }
    case TypeKind::Percent: {
      Gen a = Value(type, depth), b = Value(type, depth);
      return Binary(a, choices_.Chance(50) ? "+" : "-", b, kAdd, type, a.bound + b.bound);
    }
    case TypeKind::Money:
    case TypeKind::Duration: {
      const int form = static_cast<int>(choices_.Below(type.is(TypeKind::Duration) ? 5 : 4));
      if (form == 0) {
        Gen a = Value(type, depth), b = Value(type, depth);
        if (a.bound + b.bound > kLimit) return std::nullopt;
        return Binary(a, choices_.Chance(50) ? "+" : "-", b, kAdd, type, a.bound + b.bound);
      }
      if (form == 4) {
        // The time between two instants.
        Gen a = Value(Type::Timestamp(), depth), b = Value(Type::Timestamp(), depth);
        return Binary(a, "-", b, kAdd, type, a.bound + b.bound);
      }
      static const std::vector<Type> kScales = {Type::Int(), Type::Decimal(), Type::Percent()};
      Gen unit = Value(type, depth);
      Gen scale = Value(choices_.Pick(kScales), depth);
      const Type& s = scale.type.NonOptional();
      if (!IsScale(s)) return std::nullopt;
      if (form == 3) {
        // unit * denominator / scale.
        const double bound = unit.bound * Denominator(s);
        if (bound > kLimit) return std::nullopt;
        return Binary(unit, "/", scale, kMul, type, bound);
      }
      const double product = unit.bound * scale.bound;
      if (product > kLimit) return std::nullopt;
      const double bound = product / Denominator(s) + 1;
      return form == 1 ? Binary(unit, "*", scale, kMul, type, bound) : Binary(scale, "*", unit, kMul, type, bound);
    }
    case TypeKind::Timestamp: {
      Gen instant = Value(type, depth);
      Gen length = Value(Type::Duration(), depth);
      const double bound = instant.bound + length.bound;
      // Instants stay within a few thousand years, where calendars are defined.
      if (bound > 1e11) return std::nullopt;
      const int form = static_cast<int>(choices_.Below(3));
      if (form == 2) return Binary(length, "+", instant, kAdd, type, bound);
      return Binary(instant, form == 0 ? "+" : "-", length, kAdd, type, bound);
    }
    default:
      return std::nullopt;
  }
}

std::optional<Gen> ExprGenerator::Coalesced(const Type& type, int depth) {
  std::optional<Gen> lhs = Maybe(type, depth);
  if (!lhs) return std::nullopt;
  const Type inner = lhs->type.NonOptional();
  Gen rhs;
  if (inner.is_string_like()) {
    // A fallback of another text type does not fit, except plain `string`.
    rhs = choices_.Chance(60) ? Literal(Type::String()) : Value(inner, depth);
    if (!rhs.literal && rhs.type != inner && !rhs.type.is(TypeKind::String)) rhs = Literal(Type::String());
  } else if (inner.is(TypeKind::Decimal) && choices_.Chance(30)) {
    rhs = Value(Type::Int(), depth);  // `avg(...) ?? 0`: the int takes the decimal scale
  } else {
    rhs = Value(inner, depth);
  }
  double bound = std::max(lhs->bound, rhs.bound);
  if (inner.is(TypeKind::Decimal) && rhs.type.is(TypeKind::Int)) bound = std::max(lhs->bound, rhs.bound * 10'000);
  if (bound > kLimit) return std::nullopt;
  Type result = inner;
  if (inner.is_string_like() && !rhs.literal && rhs.type != inner) result = rhs.type;
  Gen g = Binary(*lhs, "??", rhs, kCoalesce, result, bound);
  if (choices_.Chance(15)) {
    // A chain: `a ?? b ?? c`.
    if (std::optional<Gen> middle = Maybe(inner, depth); middle && middle->type.NonOptional() == inner) {
      g.text = Wrap(*lhs, kCoalesce) + " ?? " + Wrap(*middle, kCompare) + " ?? " + Wrap(rhs, kCompare);
      g.bound = std::max(bound, middle->bound);
    }
  }
  return g;
}

std::optional<Gen> ExprGenerator::PropertyOf(const Type& type, int depth, bool optional) {
  struct Property {
    TypeKind on;
    const char* name;
    double bound;
  };
  static const Property kIntProperties[] = {
      {TypeKind::Date, "year", 10'000},  {TypeKind::Date, "month", 12},     {TypeKind::Date, "day", 31},
      {TypeKind::Date, "month_day", 1'231}, {TypeKind::Date, "weekday", 7}, {TypeKind::Timestamp, "hour", 23},
      {TypeKind::Time, "hour", 23},      {TypeKind::Time, "minute", 59},
  };
  static const Property kDateProperty = {TypeKind::Timestamp, "date", kMaxDate * 40};
  Property property;
  if (type.is(TypeKind::Int)) {
    property = kIntProperties[choices_.Below(std::size(kIntProperties))];
  } else if (type.is(TypeKind::Date)) {
    property = kDateProperty;
  } else {
    return std::nullopt;
  }
  const Type on = property.on == TypeKind::Date        ? Type::Date()
                  : property.on == TypeKind::Timestamp ? Type::Timestamp()
                                                       : Type::Time();
  Gen object;
  if (optional) {
    std::optional<Gen> maybe = Maybe(on, depth);
    if (!maybe) return std::nullopt;
    object = *maybe;
  } else {
    object = Value(on, depth);
  }
  if (object.bound > 1e11) return std::nullopt;
  Gen g;
  // `?.` on an optional; a plain `.` after a `?.` chain, which stays safe.
  const bool safe_dot = optional && (!object.safe || choices_.Chance(50));
  g.text = Wrap(object, kPostfix) + (safe_dot ? "?." : ".") + property.name;
  g.type = optional ? Type::Optional(type) : type;
  g.level = kPostfix;
  g.safe = optional;
  g.bound = property.bound;
  return g;
}

std::optional<Gen> ExprGenerator::Negated(const Type& type, int depth) {
  Gen operand = Value(type, depth);
  Gen g;
  g.text = "-" + (operand.text[0] == '-' ? "(" + operand.text + ")" : Wrap(operand, kUnary));
  g.type = operand.type;
  g.level = kUnary;
  g.bound = operand.bound;
  return g;
}

}  // namespace kairos::differential
