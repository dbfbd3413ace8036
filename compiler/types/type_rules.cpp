#include "compiler/types/type_rules.h"

namespace kairos {

bool SameCurrency(const Type& a, const Type& b) {
  return a.currency().empty() || b.currency().empty() || a.currency() == b.currency();
}

bool IsAssignable(const Type& to, const Type& from, bool from_string_literal) {
  if (to.is_error() || from.is_error()) return true;
  if (to.is_optional()) {
    if (from.is(TypeKind::Null)) return true;
    return IsAssignable(to.element(), from.NonOptional(), from_string_literal);
  }
  if (from.is_optional() || from.is(TypeKind::Null)) return false;
  if (to.is(TypeKind::Decimal) && from.is(TypeKind::Int)) return true;
  if (to.is(TypeKind::String) && from.is_string_like()) return true;
  if (to.is_string_like() && from.is(TypeKind::String) && from_string_literal) return true;
  if (to.kind() != from.kind()) return false;
  switch (to.kind()) {
    case TypeKind::Money:
      return SameCurrency(to, from);
    case TypeKind::Enum:
    case TypeKind::Record:
    case TypeKind::Event:
      return to.symbol() == from.symbol();
    case TypeKind::List:
    case TypeKind::Set:
      // An empty list literal has null elements and fits any list.
      return from.element().is(TypeKind::Null) || IsAssignable(to.element(), from.element());
    default:
      return true;
  }
}

bool AreEquatable(const Type& a, const Type& b) {
  if (a.is_error() || b.is_error()) return true;
  if (a.is_number() && b.is_number()) return true;
  if (a.is_string_like() && b.is_string_like()) return true;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case TypeKind::Money:
      return SameCurrency(a, b);
    case TypeKind::Enum:
    case TypeKind::Record:
    case TypeKind::Event:
      return a.symbol() == b.symbol();
    case TypeKind::List:
    case TypeKind::Set:
      return a.element().is(TypeKind::Null) || b.element().is(TypeKind::Null) ||
             AreEquatable(a.element().NonOptional(), b.element().NonOptional());
    default:
      return true;
  }
}

bool IsOrdered(const Type& type) {
  switch (type.kind()) {
    case TypeKind::Error:
    case TypeKind::Int:
    case TypeKind::Decimal:
    case TypeKind::Money:
    case TypeKind::Percent:
    case TypeKind::Duration:
    case TypeKind::Timestamp:
    case TypeKind::Date:
    case TypeKind::Time:
      return true;
    default:
      return false;
  }
}

bool AreOrderable(const Type& a, const Type& b) {
  if (a.is_error() || b.is_error()) return true;
  if (!IsOrdered(a) || !IsOrdered(b)) return false;
  if (a.is_number() && b.is_number()) return true;
  if (a.kind() != b.kind()) return false;
  return !a.is(TypeKind::Money) || SameCurrency(a, b);
}

bool IsSummable(const Type& type) {
  return type.is_error() || type.is_number() || type.is(TypeKind::Money) ||
         type.is(TypeKind::Duration);
}

namespace {

bool IsScale(const Type& type) { return type.is_number() || type.is(TypeKind::Percent); }

Type NumberResult(const Type& a, const Type& b) {
  return a.is(TypeKind::Int) && b.is(TypeKind::Int) ? Type::Int() : Type::Decimal();
}

// The currency of a sum: the known one when one side does not name it.
Type MoneyResult(const Type& a, const Type& b) { return a.currency().empty() ? b : a; }

}  // namespace

std::optional<Type> ArithmeticResult(ArithmeticOp op, const Type& a, const Type& b) {
  if (a.is_error() || b.is_error()) return Type::Error();
  const TypeKind ka = a.kind(), kb = b.kind();
  switch (op) {
    case ArithmeticOp::Add:
    case ArithmeticOp::Sub:
      if (a.is_number() && b.is_number()) return NumberResult(a, b);
      if (ka == TypeKind::Money && kb == TypeKind::Money) {
        if (!SameCurrency(a, b)) return std::nullopt;
        return MoneyResult(a, b);
      }
      if (ka == TypeKind::Percent && kb == TypeKind::Percent) return a;
      if (ka == TypeKind::Duration && kb == TypeKind::Duration) return a;
      if (ka == TypeKind::Timestamp && kb == TypeKind::Duration) return a;
      if (op == ArithmeticOp::Add && ka == TypeKind::Duration && kb == TypeKind::Timestamp) return b;
      if (op == ArithmeticOp::Sub && ka == TypeKind::Timestamp && kb == TypeKind::Timestamp) {
        return Type::Duration();
      }
      return std::nullopt;
    case ArithmeticOp::Mul:
      if (a.is_number() && b.is_number()) return NumberResult(a, b);
      if ((ka == TypeKind::Money || ka == TypeKind::Duration) && IsScale(b)) return a;
      if (IsScale(a) && (kb == TypeKind::Money || kb == TypeKind::Duration)) return b;
      return std::nullopt;
    case ArithmeticOp::Div:
      if (a.is_number() && b.is_number()) return Type::Decimal();
      if ((ka == TypeKind::Money || ka == TypeKind::Duration) && IsScale(b)) return a;
      return std::nullopt;
  }
  return std::nullopt;
}

Mismatch ClassifyMismatch(const Type& a, const Type& b) {
  const Type& x = a.NonOptional();
  const Type& y = b.NonOptional();
  if ((x.is(TypeKind::Money) && y.is_number()) || (x.is_number() && y.is(TypeKind::Money))) {
    return Mismatch::MoneyVsNumber;
  }
  if (x.is(TypeKind::Money) && y.is(TypeKind::Money) && !SameCurrency(x, y)) {
    return Mismatch::Currency;
  }
  if ((x.is(TypeKind::Duration) && y.is(TypeKind::Timestamp)) ||
      (x.is(TypeKind::Timestamp) && y.is(TypeKind::Duration))) {
    return Mismatch::DurationVsTimestamp;
  }
  return Mismatch::Other;
}

}  // namespace kairos
