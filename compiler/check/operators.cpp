// Binary operators: logic, `??`, equality, ordering, `in` and arithmetic.
#include "compiler/check/expr_checker.h"

namespace kairos {
namespace {

bool IsArithmetic(ast::BinaryOp op) {
  return op == ast::BinaryOp::Add || op == ast::BinaryOp::Sub || op == ast::BinaryOp::Mul ||
         op == ast::BinaryOp::Div;
}

ArithmeticOp ToArithmetic(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Sub: return ArithmeticOp::Sub;
    case ast::BinaryOp::Mul: return ArithmeticOp::Mul;
    case ast::BinaryOp::Div: return ArithmeticOp::Div;
    default: return ArithmeticOp::Add;
  }
}

bool IsNumberLiteral(const ast::Expr& expr) {
  const ast::Expr* e = &Unparenthesized(expr);
  if (e->kind == ast::ExprKind::Unary && e->As<ast::UnaryExpr>().operand) {
    e = &Unparenthesized(*e->As<ast::UnaryExpr>().operand);
  }
  if (e->kind != ast::ExprKind::Literal) return false;
  const auto kind = e->As<ast::LiteralExpr>().literal;
  return kind == ast::LiteralKind::Int || kind == ast::LiteralKind::Decimal;
}

bool IsLiteral(const ast::Expr& expr) { return Unparenthesized(expr).kind == ast::ExprKind::Literal; }

// `x` written without its backquotes.
std::string Bare(const ast::Expr& expr) {
  std::string quoted = CheckContext::Quote(expr);
  return quoted.substr(1, quoted.size() - 2);
}

// Why an optional operand may be absent, for messages.
std::string WhyMissing(const ast::Expr& expr) {
  const ast::Expr& e = Unparenthesized(expr);
  if (e.kind == ast::ExprKind::Call) return " is null when the contact has no such events";
  return " may be missing";
}

}  // namespace

ExprChecker::Typed ExprChecker::VisitBinary(const ast::BinaryExpr& binary, const Scope& scope) {
  if (!binary.lhs || !binary.rhs) return {};
  switch (binary.op) {
    case ast::BinaryOp::Or:
    case ast::BinaryOp::And:
      return VisitLogical(binary, scope);
    case ast::BinaryOp::Coalesce:
      return VisitCoalesce(binary, scope);
    case ast::BinaryOp::Eq:
    case ast::BinaryOp::Ne:
      return VisitEquality(binary, scope);
    case ast::BinaryOp::Lt:
    case ast::BinaryOp::Le:
    case ast::BinaryOp::Gt:
    case ast::BinaryOp::Ge:
      return VisitOrdering(binary, scope);
    case ast::BinaryOp::In:
    case ast::BinaryOp::NotIn:
      return VisitMembership(binary, scope);
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Sub:
    case ast::BinaryOp::Mul:
    case ast::BinaryOp::Div:
      return VisitArithmetic(binary, scope);
  }
  return {};
}

ExprChecker::Typed ExprChecker::VisitLogical(const ast::BinaryExpr& binary, const Scope& scope) {
  const std::string what = "`" + std::string(ast::Spelling(binary.op)) + "`";
  CheckCondition(*binary.lhs, scope, what);
  CheckCondition(*binary.rhs, scope, what);
  return {Type::Bool()};
}

ExprChecker::Typed ExprChecker::VisitCoalesce(const ast::BinaryExpr& binary, const Scope& scope) {
  Typed lhs = Visit(*binary.lhs, scope, nullptr);
  if (lhs.type.is_error()) {
    CheckAgainstUnknown(*binary.rhs, scope);
    return {};
  }
  const Type inner = lhs.type.NonOptional();
  Typed rhs = Visit(*binary.rhs, scope, inner.is(TypeKind::Null) ? nullptr : &inner);
  if (rhs.type.is_error()) return {};
  if (inner.is(TypeKind::Null)) return rhs;
  const Type& fallback = rhs.type.NonOptional();
  if (IsAssignable(inner, fallback, IsStringLiteral(*binary.rhs))) {
    return {rhs.type.is_optional() ? Type::Optional(inner) : inner};
  }
  if (IsAssignable(fallback, inner)) return {rhs.type};  // int ?? 0.5 widens to decimal
  ReportMismatch(binary, inner, fallback);
  return {};
}

ExprChecker::Typed ExprChecker::VisitEquality(const ast::BinaryExpr& binary, const Scope& scope) {
  // A bare enum value on the left (`female == contact.gender`) takes its type
  // from the right.
  auto unresolved_name = [&](const ast::Expr& e) {
    const ast::Expr& u = Unparenthesized(e);
    return u.kind == ast::ExprKind::Name && scope.Find(u.As<ast::NameExpr>().name) == nullptr;
  };
  Typed lhs, rhs;
  if (unresolved_name(*binary.lhs) && !unresolved_name(*binary.rhs)) {
    rhs = Visit(*binary.rhs, scope, nullptr);
    lhs = rhs.type.is_error() ? Typed{CheckAgainstUnknown(*binary.lhs, scope)}
                              : Visit(*binary.lhs, scope, &rhs.type);
  } else {
    lhs = Visit(*binary.lhs, scope, nullptr);
    rhs = lhs.type.is_error() ? Typed{CheckAgainstUnknown(*binary.rhs, scope)}
                              : Visit(*binary.rhs, scope, &lhs.type);
  }
  const Type& a = lhs.type;
  const Type& b = rhs.type;
  if (a.is_error() || b.is_error()) return {Type::Bool()};
  for (const auto& [expr, type] : {std::pair{binary.lhs.get(), &a}, std::pair{binary.rhs.get(), &b}}) {
    if (type->is(TypeKind::Event)) {
      const std::string& event = type->symbol()->name;
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, expr->range,
                      Quoted(event) + " is an event type, not a value; compare one of its events " +
                          "(`last(" + event + ")?.field`) or ask `exists(" + event + ")`.");
      return {Type::Bool()};
    }
  }
  const bool a_null = a.is(TypeKind::Null);
  const bool b_null = b.is(TypeKind::Null);
  if (a_null && b_null) return {Type::Bool()};
  if (a_null || b_null) {
    const ast::Expr& value = a_null ? *binary.rhs : *binary.lhs;
    const Type& type = a_null ? b : a;
    if (!type.is_optional()) {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, value.range,
                      CheckContext::Quote(value) + " is " + type.ToString() +
                          ", which always has a value, so it is never null; remove the null test.");
    }
    return {Type::Bool()};
  }
  if (!AreEquatable(a.NonOptional(), b.NonOptional())) ReportMismatch(binary, a, b);
  return {Type::Bool()};
}

bool ExprChecker::RequirePresent(const ast::Expr& operand, const Typed& typed, std::string_view op) {
  const Type& t = typed.type;
  if (t.is(TypeKind::Event)) {
    const std::string& event = t.symbol()->name;
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, operand.range,
                    Quoted(event) + " is an event type, not a value; use `count(" + event +
                        ")`, `sum(" + event + ".field)` or `last(" + event + ")?.field`.");
    return false;
  }
  if (t.is(TypeKind::Null)) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, operand.range,
                    "`" + std::string(op) + "` needs a value, not null.");
    return false;
  }
  if (!t.is_optional()) return true;
  const std::string example = DefaultExample(t, ctx_.currency());
  std::string fix = "; give it a default with `??`";
  if (!example.empty()) {
    fix += ", such as `(" + Bare(operand) + " ?? " + example + ")`";
  } else if (t.element().is(TypeKind::Timestamp)) {
    // Instants have no natural default; comparing them directly handles absence.
    fix = "; compare it directly instead, as in `" + Bare(operand) +
          " < now - 30d` (false when it is missing)";
  }
  ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, operand.range,
                  CheckContext::Quote(operand) + WhyMissing(operand) + fix + ".");
  return false;
}

ExprChecker::Typed ExprChecker::VisitOrdering(const ast::BinaryExpr& binary, const Scope& scope) {
  Typed lhs = Visit(*binary.lhs, scope, nullptr);
  Typed rhs = Visit(*binary.rhs, scope, nullptr);
  if (lhs.type.is_error() || rhs.type.is_error()) return {Type::Bool()};
  const std::string op(ast::Spelling(binary.op));

  bool present = true;
  for (const auto& [expr, typed] : {std::pair{binary.lhs.get(), &lhs}, std::pair{binary.rhs.get(), &rhs}}) {
    const Type& t = typed->type;
    // An operand out of a `?.` chain: the author has acknowledged absence,
    // and the comparison is false when it is null.
    if (t.is_optional() && typed->safe_chain) continue;
    if (!t.is_optional()) {
      present = RequirePresent(*expr, *typed, op) && present;
      continue;
    }
    const std::string example = DefaultExample(t, ctx_.currency());
    std::string fix;
    if (!example.empty()) {
      const std::string defaulted = "(" + Bare(*expr) + " ?? " + example + ")";
      fix = expr == binary.lhs.get() ? defaulted + " " + op + " " + Bare(*binary.rhs)
                                     : Bare(*binary.lhs) + " " + op + " " + defaulted;
      fix = "; write `" + fix + "`";
    } else {
      fix = "; give it a default with `??`";
    }
    ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, expr->range,
                    CheckContext::Quote(*expr) + WhyMissing(*expr) + fix + ".");
    present = false;
  }
  if (!present) return {Type::Bool()};

  const Type& a = lhs.type.NonOptional();
  const Type& b = rhs.type.NonOptional();
  if (AreOrderable(a, b)) return {Type::Bool()};
  for (const auto& [expr, type] : {std::pair{binary.lhs.get(), &a}, std::pair{binary.rhs.get(), &b}}) {
    if (!IsOrdered(*type)) {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, expr->range,
                      "`" + op + "` compares numbers, money, percents, durations, dates, times and "
                      "timestamps, but " + CheckContext::Quote(*expr) + " is " + type->ToString() + ".");
      return {Type::Bool()};
    }
  }
  ReportMismatch(binary, a, b);
  return {Type::Bool()};
}

ExprChecker::Typed ExprChecker::VisitMembership(const ast::BinaryExpr& binary, const Scope& scope) {
  Typed lhs, rhs;
  if (Unparenthesized(*binary.rhs).kind == ast::ExprKind::List) {
    lhs = Visit(*binary.lhs, scope, nullptr);
    const Type expected = Type::List(lhs.type.NonOptional());
    rhs = lhs.type.is_error() ? Typed{CheckAgainstUnknown(*binary.rhs, scope)}
                              : Visit(*binary.rhs, scope, &expected);
  } else {
    rhs = Visit(*binary.rhs, scope, nullptr);
    const Type& collection = rhs.type.NonOptional();
    const bool has_element = collection.is(TypeKind::List) || collection.is(TypeKind::Set);
    lhs = rhs.type.is_error() ? Typed{CheckAgainstUnknown(*binary.lhs, scope)}
                              : Visit(*binary.lhs, scope, has_element ? &collection.element() : nullptr);
  }
  if (lhs.type.is_error() || rhs.type.is_error()) return {Type::Bool()};
  const std::string op(ast::Spelling(binary.op));

  const Type& collection = rhs.type;
  if (collection.is_optional()) {
    ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, binary.rhs->range,
                    CheckContext::Quote(*binary.rhs) + " may be missing; give it a default with `?? []`.");
    return {Type::Bool()};
  }
  if (!collection.is(TypeKind::List) && !collection.is(TypeKind::Set)) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, binary.rhs->range,
                    "`" + op + "` needs a list or a set on its right (`[\"a\", \"b\"]`, `contact.tags`), but " +
                        CheckContext::Quote(*binary.rhs) + " is " + collection.ToString() + ".");
    return {Type::Bool()};
  }
  if (lhs.type.is(TypeKind::Event)) {
    RequirePresent(*binary.lhs, lhs, op);
    return {Type::Bool()};
  }
  const Type& element = collection.element();
  if (element.is(TypeKind::Null) || lhs.type.is(TypeKind::Null)) return {Type::Bool()};
  if (!AreEquatable(lhs.type.NonOptional(), element.NonOptional())) {
    ReportMismatch(binary, lhs.type, element);
  }
  return {Type::Bool()};
}

ExprChecker::Typed ExprChecker::VisitArithmetic(const ast::BinaryExpr& binary, const Scope& scope) {
  Typed lhs = Visit(*binary.lhs, scope, nullptr);
  Typed rhs = Visit(*binary.rhs, scope, nullptr);
  if (lhs.type.is_error() || rhs.type.is_error()) return {};
  const std::string op(ast::Spelling(binary.op));
  const bool lhs_present = RequirePresent(*binary.lhs, lhs, op);
  const bool rhs_present = RequirePresent(*binary.rhs, rhs, op);
  if (!lhs_present || !rhs_present) return {};
  std::optional<Type> result = ArithmeticResult(ToArithmetic(binary.op), lhs.type, rhs.type);
  if (!result) {
    ReportMismatch(binary, lhs.type, rhs.type);
    return {};
  }
  return {*result};
}

void ExprChecker::ReportMismatch(const ast::BinaryExpr& binary, const Type& lhs, const Type& rhs) {
  const std::string op(ast::Spelling(binary.op));
  const ast::Expr& left = *binary.lhs;
  const ast::Expr& right = *binary.rhs;
  const bool arithmetic = IsArithmetic(binary.op);
  switch (ClassifyMismatch(lhs, rhs)) {
    case Mismatch::MoneyVsNumber: {
      const bool left_is_money = lhs.NonOptional().is(TypeKind::Money);
      const ast::Expr& number = left_is_money ? right : left;
      const ast::Expr& money = left_is_money ? left : right;
      std::string currency = (left_is_money ? lhs : rhs).NonOptional().currency();
      if (currency.empty()) currency = ctx_.currency().empty() ? "ILS" : ctx_.currency();
      std::string fix = IsNumberLiteral(number)
                            ? "write `" + std::string(CheckContext::Text(number.range)) + " " + currency + "`"
                            : "use an amount of money, such as `100 " + currency + "`";
      ctx_.sink.Error(DiagnosticKind::MoneyComparedWithNumber, number.range,
                      CheckContext::Quote(money) + " is money but " + CheckContext::Quote(number) +
                          " is a plain number; " + fix + ".");
      return;
    }
    case Mismatch::Currency: {
      const ast::Expr& at = IsLiteral(left) && !IsLiteral(right) ? left : right;
      ctx_.sink.Error(DiagnosticKind::CurrencyMismatch, at.range,
                      CheckContext::Quote(left) + " is in " + lhs.NonOptional().currency() + " but " +
                          CheckContext::Quote(right) + " is in " + rhs.NonOptional().currency() +
                          "; amounts of different currencies cannot be " +
                          (arithmetic ? "added or subtracted" : "compared") + ". Write both in " +
                          (ctx_.currency().empty() ? lhs.NonOptional().currency() : ctx_.currency()) + ".");
      return;
    }
    case Mismatch::DurationVsTimestamp: {
      const bool left_is_duration = lhs.NonOptional().is(TypeKind::Duration);
      const ast::Expr& duration = left_is_duration ? left : right;
      const ast::Expr& instant = left_is_duration ? right : left;
      std::string message = CheckContext::Quote(instant) + " is a point in time but " +
                            CheckContext::Quote(duration) + " is a length of time; ";
      if (arithmetic) {
        message += "add or subtract the length from the point: `" + Bare(instant) + " " + op + " " +
                   Bare(duration) + "`.";
      } else {
        message += "to mean \"" + Bare(duration) + " ago\" compare with `now - " + Bare(duration) +
                   "`, or compare two lengths such as `now - " + Bare(instant) + "`.";
      }
      ctx_.sink.Error(DiagnosticKind::DurationComparedWithTimestamp, duration.range, message);
      return;
    }
    case Mismatch::Other:
      break;
  }
  std::string rule;
  if (arithmetic) {
    rule = binary.op == ast::BinaryOp::Mul || binary.op == ast::BinaryOp::Div
               ? "`" + op + "` works on numbers, and scales money and durations by a number or a percent"
               : "`" + op + "` works on numbers, money of one currency, durations, and a timestamp " + op +
                     " a duration";
  } else if (binary.op == ast::BinaryOp::In || binary.op == ast::BinaryOp::NotIn) {
    rule = "`" + op + "` looks for a value of the list's element type";
  } else if (binary.op == ast::BinaryOp::Coalesce) {
    rule = "the default after `??` must have the type of the value before it";
  } else {
    rule = "`" + op + "` compares values of the same type";
  }
  // `contact.gender == "female"`: enum values are written without quotes.
  std::string hint;
  for (const auto& [value, other] : {std::pair{&right, &lhs}, std::pair{&left, &rhs}}) {
    const ast::Expr& e = Unparenthesized(*value);
    const Type& enum_type = other->NonOptional();
    if (!enum_type.is(TypeKind::Enum) || !IsStringLiteral(e)) continue;
    const std::string& text = e.As<ast::LiteralExpr>().string_value;
    if (enum_type.symbol()->FindMember(text) == nullptr) continue;
    hint = " Enum values are written without quotes: `" + text + "`.";
  }
  const bool membership = binary.op == ast::BinaryOp::In || binary.op == ast::BinaryOp::NotIn;
  ctx_.sink.Error(DiagnosticKind::TypeMismatch, membership ? left.range : right.range,
                  rule + ", but " + CheckContext::Quote(left) + " is " + lhs.ToString() + " and " +
                      CheckContext::Quote(right) + (membership ? " holds " : " is ") + rhs.ToString() + "." +
                      hint);
}

}  // namespace kairos
