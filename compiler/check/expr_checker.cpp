#include "compiler/check/expr_checker.h"

#include "compiler/base/suggest.h"

namespace kairos {

const ast::Expr& Unparenthesized(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  while (e->kind == ast::ExprKind::Paren && e->As<ast::ParenExpr>().inner) {
    e = e->As<ast::ParenExpr>().inner.get();
  }
  return *e;
}

bool IsStringLiteral(const ast::Expr& expr) {
  const ast::Expr& e = Unparenthesized(expr);
  return e.kind == ast::ExprKind::Literal &&
         e.As<ast::LiteralExpr>().literal == ast::LiteralKind::String;
}

Type ExprChecker::Check(const ast::Expr& expr, const Scope& scope, const Type* expected) {
  return Visit(expr, scope, expected).type;
}

ExprChecker::Typed ExprChecker::Visit(const ast::Expr& expr, const Scope& scope,
                                      const Type* expected) {
  Typed typed;
  switch (expr.kind) {
    case ast::ExprKind::Literal:
      typed = VisitLiteral(expr.As<ast::LiteralExpr>());
      break;
    case ast::ExprKind::Name:
      typed = VisitName(expr.As<ast::NameExpr>(), scope, expected);
      break;
    case ast::ExprKind::Member:
      typed = VisitMember(expr.As<ast::MemberExpr>(), scope);
      break;
    case ast::ExprKind::Call:
      typed = VisitCall(expr.As<ast::CallExpr>(), scope);
      break;
    case ast::ExprKind::Unary:
      typed = VisitUnary(expr.As<ast::UnaryExpr>(), scope);
      break;
    case ast::ExprKind::Binary:
      typed = VisitBinary(expr.As<ast::BinaryExpr>(), scope);
      break;
    case ast::ExprKind::Paren: {
      const auto& paren = expr.As<ast::ParenExpr>();
      if (paren.inner) typed = Visit(*paren.inner, scope, expected);
      break;
    }
    case ast::ExprKind::List:
      typed = VisitList(expr.As<ast::ListExpr>(), scope, expected);
      break;
    case ast::ExprKind::Record:
      typed = VisitRecord(expr.As<ast::RecordExpr>(), scope);
      break;
    case ast::ExprKind::IssueCoupon:
      typed = VisitIssueCoupon(expr.As<ast::IssueCouponExpr>());
      break;
  }
  ctx_.model.SetType(expr, typed.type);
  return typed;
}

ExprChecker::Typed ExprChecker::VisitLiteral(const ast::LiteralExpr& literal) {
  switch (literal.literal) {
    case ast::LiteralKind::Int: return {Type::Int()};
    case ast::LiteralKind::Decimal: return {Type::Decimal()};
    case ast::LiteralKind::Money: return {Type::Money(literal.currency)};
    case ast::LiteralKind::Percent: return {Type::Percent()};
    case ast::LiteralKind::Duration: return {Type::Duration()};
    case ast::LiteralKind::Date: return {Type::Date()};
    case ast::LiteralKind::DateTime: return {Type::Timestamp()};
    case ast::LiteralKind::Time: return {Type::Time()};
    case ast::LiteralKind::Timestamp: return {Type::Timestamp()};
    case ast::LiteralKind::String: return {Type::String()};
    case ast::LiteralKind::Bool: return {Type::Bool()};
    case ast::LiteralKind::Null: return {Type::Null()};
  }
  return {};
}

void ExprChecker::ReportUnknown(DiagnosticKind kind, SourceRange range, std::string message) {
  if (template_mode_) kind = DiagnosticKind::TemplateUnknownField;
  ctx_.sink.Error(kind, range, std::move(message));
}

void ExprChecker::NoteSegmentUse(const Symbol& segment, SourceRange range) {
  if (current_segment_ != nullptr) {
    ctx_.segment_uses[current_segment_].push_back({&segment, range});
  }
}

ExprChecker::Typed ExprChecker::VisitName(const ast::NameExpr& name, const Scope& scope,
                                          const Type* expected) {
  // A bare name where an enum is expected is one of its values first.
  const Type* enum_type = nullptr;
  if (expected != nullptr) {
    const Type& t = expected->NonOptional();
    if (t.is(TypeKind::Enum) && t.symbol() != nullptr) enum_type = &t;
  }
  if (enum_type != nullptr) {
    if (const Symbol* value = enum_type->symbol()->FindMember(name.name)) {
      ctx_.model.AddReference(name.range, value);
      ctx_.model.SetSymbol(name, value);
      return {*enum_type};
    }
  }

  const Symbol* symbol = scope.Find(name.name);
  if (symbol == nullptr) {
    if (enum_type != nullptr) {
      const Symbol& enumeration = *enum_type->symbol();
      std::string values;
      for (const Symbol* member : enumeration.members) {
        values += (values.empty() ? "" : ", ") + member->name;
      }
      std::vector<DiagnosticNote> notes;
      std::string message = Quoted(name.name) + " is not a value of " +
                            enum_type->ToString() + "." +
                            DidYouMean(name.name, enumeration.MemberNames());
      if (enumeration.decl_range.valid()) {
        notes.push_back({enumeration.decl_range, "the values are: " + values});
      } else {
        message += " The values are: " + values + ".";
      }
      ctx_.sink.Error(template_mode_ ? DiagnosticKind::TemplateUnknownField
                                     : DiagnosticKind::UnknownEnumValue,
                      name.range, std::move(message), std::move(notes));
      return {};
    }
    ReportUnknown(DiagnosticKind::UnknownName, name.range,
                  "unknown name " + Quoted(name.name) + "." +
                      DidYouMean(name.name, scope.VisibleNames()));
    return {};
  }

  ctx_.model.AddReference(name.range, symbol);
  ctx_.model.SetSymbol(name, symbol);
  switch (symbol->kind) {
    case SymbolKind::Segment:
      if (!symbol->members.empty()) {
        ctx_.sink.Error(DiagnosticKind::WrongArgumentCount, name.range,
                        "segment " + Quoted(name.name) + " takes " +
                            Count(symbol->members.size(), "argument") + "; call it: `" + name.name +
                            "(...)`.");
        return {};
      }
      NoteSegmentUse(*symbol, name.range);
      return {Type::Bool()};
    case SymbolKind::Builtin:
    case SymbolKind::Intrinsic:
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, name.range,
                      Quoted(name.name) + " is a function; call it: `" + name.name + "(...)`.");
      return {};
    case SymbolKind::Event:
      return {Type::Event(symbol)};
    default:
      return {symbol->type};
  }
}

ExprChecker::Typed ExprChecker::VisitMember(const ast::MemberExpr& member, const Scope& scope) {
  if (!member.object) return {};
  Typed object = Visit(*member.object, scope, nullptr);
  if (object.type.is_error()) return {};

  const std::string& name = member.member.name;
  const bool optional = object.type.is_optional();
  if (optional && !member.safe && !object.safe_chain) {
    std::string fix = CheckContext::Quote(*member.object);
    fix = fix.substr(1, fix.size() - 2);
    const bool aggregate = Unparenthesized(*member.object).kind == ast::ExprKind::Call;
    ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, member.object->range,
                    CheckContext::Quote(*member.object) +
                        (aggregate ? " is null when the contact has no such events" : " may be missing") +
                        "; write `" + fix + "?." + name + "` (missing when it is) or give a default with `??`.");
    return {};
  }
  const Type& base = object.type.NonOptional();

  const Symbol* found = nullptr;
  std::vector<std::string> candidates;
  switch (base.kind()) {
    case TypeKind::Record:
      found = base.symbol()->FindMember(name);
      candidates = base.symbol()->MemberNames();
      break;
    case TypeKind::Event: {
      const std::string& event = base.symbol()->name;
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, member.range,
                      Quoted(event) + " is an event type, not one event; aggregate it " +
                          "(`sum(" + event + "." + name + " within 30d)`) or take one (`last(" +
                          event + ")?." + name + "`).");
      return {};
    }
    case TypeKind::Date:
    case TypeKind::Time:
    case TypeKind::Timestamp:
    case TypeKind::Coupon:
      found = ctx_.Property(base.kind(), name);
      candidates = ctx_.PropertyNames(base.kind());
      break;
    default:
      break;
  }
  if (found == nullptr) {
    // Without a schema the contact and product have no fields yet; that is
    // reported once, as MissingSchema.
    const Schema& schema = ctx_.model.schema();
    if (!schema.declared && (base.symbol() == schema.contact || base.symbol() == schema.product)) return {};
    // `cart` (cart_abandoned), but not `contact` (contact).
    const std::string object_text = CheckContext::Quote(*member.object);
    const std::string type_text = object.type.ToString();
    std::string message = object_text +
                          (object_text == Quoted(type_text) ? "" : " (" + type_text + ")") +
                          " has no field " + Quoted(name) + "." + FieldSuggestion(name, candidates);
    ReportUnknown(DiagnosticKind::UnknownField, member.member.range, std::move(message));
    return {};
  }
  ctx_.model.AddReference(member.member.range, found);
  ctx_.model.SetSymbol(member, found);
  const bool chain = member.safe || object.safe_chain;
  return {optional ? Type::Optional(found->type) : found->type, chain && (optional || found->type.is_optional())};
}

ExprChecker::Typed ExprChecker::VisitUnary(const ast::UnaryExpr& unary, const Scope& scope) {
  if (!unary.operand) return {};
  if (unary.op == ast::UnaryOp::Not) {
    CheckCondition(*unary.operand, scope, "`not`");
    return {Type::Bool()};
  }
  Typed operand = Visit(*unary.operand, scope, nullptr);
  if (operand.type.is_error()) return {};
  const char* op = unary.op == ast::UnaryOp::Negate ? "-" : "+";
  if (!RequirePresent(*unary.operand, operand, op)) return {};
  const Type& t = operand.type;
  if (t.is_number() || t.is(TypeKind::Money) || t.is(TypeKind::Duration) || t.is(TypeKind::Percent)) {
    return {t};
  }
  ctx_.sink.Error(DiagnosticKind::TypeMismatch, unary.operand->range,
                  std::string("`") + op + "` applies to numbers, money, percents and durations; " +
                      CheckContext::Quote(*unary.operand) + " is " + t.ToString() + ".");
  return {};
}

ExprChecker::Typed ExprChecker::VisitList(const ast::ListExpr& list, const Scope& scope,
                                          const Type* expected) {
  const Type* expected_element = nullptr;
  bool as_set = false;
  if (expected != nullptr) {
    const Type& t = expected->NonOptional();
    if (t.is(TypeKind::List) || t.is(TypeKind::Set)) {
      expected_element = &t.element();
      as_set = t.is(TypeKind::Set);
    }
  }
  std::optional<Type> element;
  bool failed = false;
  for (const ast::ExprPtr& item : list.elements) {
    if (!item) continue;
    Type t = Visit(*item, scope, expected_element).type;
    if (t.is_error()) {
      failed = true;
      continue;
    }
    if (!element) {
      element = t;
    } else if (IsAssignable(*element, t, IsStringLiteral(*item))) {
      // fits the elements so far
    } else if (IsAssignable(t, *element)) {
      element = t;  // widens (int to decimal, T to T?)
    } else {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, item->range,
                      "a list holds values of one type: this element is " + t.ToString() +
                          " but the ones before it are " + element->ToString() + ".");
      failed = true;
    }
  }
  if (failed && !element) return {};
  Type result_element = element ? *element : Type::Null();
  return {as_set ? Type::Set(std::move(result_element)) : Type::List(std::move(result_element))};
}

ExprChecker::Typed ExprChecker::VisitRecord(const ast::RecordExpr& record, const Scope& scope) {
  Symbol& symbol = ctx_.model.NewSymbol(SymbolKind::Record, "");
  symbol.decl_range = record.range;
  for (const ast::RecordField& field : record.fields) {
    Type t = field.value ? Check(*field.value, scope) : Type::Error();
    if (const Symbol* first = symbol.FindMember(field.name.name)) {
      ctx_.sink.Error(DiagnosticKind::DuplicateField, field.name.range,
                      "the record sets " + Quoted(field.name.name) + " twice; keep one.",
                      {{first->name_range, "first set here"}});
      continue;
    }
    Symbol& member = ctx_.model.NewSymbol(SymbolKind::Field, field.name.name);
    member.type = std::move(t);
    member.name_range = field.name.range;
    member.decl_range = field.name.range;
    member.owner = &symbol;
    symbol.members.push_back(&member);
    ctx_.model.AddReference(field.name.range, &member, /*is_definition=*/true);
  }
  symbol.type = Type::Record(&symbol);
  return {symbol.type};
}

ExprChecker::Typed ExprChecker::VisitIssueCoupon(const ast::IssueCouponExpr& issue) {
  const Symbol* pool = ctx_.FindCoupon(issue.pool.name);
  if (pool == nullptr) {
    ctx_.sink.Error(DiagnosticKind::UnknownCouponPool, issue.pool.range,
                    "there is no coupon pool " + Quoted(issue.pool.name) + "." +
                        DidYouMean(issue.pool.name, ctx_.DeclarationNames(SymbolKind::Coupon)) +
                        " Declare it with `coupon " + issue.pool.name + " { ... }`.");
    return {};
  }
  ctx_.model.AddReference(issue.pool.range, pool);
  ctx_.model.SetSymbol(issue, pool);
  return {Type::Coupon()};
}

void ExprChecker::CheckCondition(const ast::Expr& expr, const Scope& scope, std::string_view what,
                                 DiagnosticKind kind) {
  static const Type kBool = Type::Bool();
  Typed typed = Visit(expr, scope, &kBool);
  const Type& t = typed.type;
  if (t.is_error() || t.is(TypeKind::Bool)) return;
  if (t.is_optional() && t.element().is(TypeKind::Bool)) {
    std::string text = CheckContext::Quote(expr);
    ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, expr.range,
                    text + " may be missing; write `(" + text.substr(1, text.size() - 2) +
                        " ?? false)` to treat a missing value as no.");
    return;
  }
  if (t.is(TypeKind::Event)) {
    const std::string& event = t.symbol()->name;
    ctx_.sink.Error(kind, expr.range,
                    std::string(what) + " needs a yes/no condition, but " + Quoted(event) +
                        " is an event type; write `exists(" + event + ")` to ask whether there is one.");
    return;
  }
  ctx_.sink.Error(kind, expr.range,
                  std::string(what) + " needs a yes/no condition, but " + CheckContext::Quote(expr) +
                      " is " + t.ToString() + "." + ConditionHint(expr, t));
}

std::string ExprChecker::ConditionHint(const ast::Expr& expr, const Type& type) const {
  std::string text = CheckContext::Quote(expr);
  text = text.substr(1, text.size() - 2);
  if (type.is_optional()) return " To ask whether it is there, write `" + text + " != null`.";
  switch (type.kind()) {
    case TypeKind::Money: {
      std::string currency = type.currency().empty() ? ctx_.currency() : type.currency();
      return " Compare it, such as `" + text + " > 100 " + (currency.empty() ? "ILS" : currency) + "`.";
    }
    case TypeKind::Int:
    case TypeKind::Decimal:
      return " Compare it, such as `" + text + " > 0`.";
    case TypeKind::Duration:
      return " Compare it, such as `" + text + " > 1h`.";
    case TypeKind::Timestamp:
      return " Compare it, such as `" + text + " < now - 30d`.";
    case TypeKind::Date:
      return " Compare it, such as `" + text + " < today`.";
    case TypeKind::String:
    case TypeKind::Email:
    case TypeKind::Phone:
    case TypeKind::Url:
      return " Compare it, such as `" + text + " == \"...\"`.";
    case TypeKind::List:
    case TypeKind::Set:
      return " To ask whether it has elements, write `count(" + text + ") > 0`.";
    default:
      return "";
  }
}

Type ExprChecker::CheckValue(const ast::Expr& expr, const Scope& scope, const Type& target,
                             std::string_view what, DiagnosticKind kind) {
  Typed typed = Visit(expr, scope, &target);
  const Type& t = typed.type;
  if (IsAssignable(target, t, IsStringLiteral(expr))) return t;
  const std::string text = CheckContext::Quote(expr);
  if (t.is_optional() && IsAssignable(target, t.element(), false)) {
    std::string example = DefaultExample(target, ctx_.currency());
    ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, expr.range,
                    text + " may be missing, but " + std::string(what) + " needs a value; give a default with `??`" +
                        (example.empty() ? "" : " (`" + text.substr(1, text.size() - 2) + " ?? " + example + "`)") + ".");
    return Type::Error();
  }
  if (t.is(TypeKind::Money) && target.NonOptional().is(TypeKind::Money)) {
    ctx_.sink.Error(kind == DiagnosticKind::TypeMismatch ? DiagnosticKind::CurrencyMismatch : kind,
                    expr.range,
                    text + " is in " + t.currency() + " but " + std::string(what) + " is in " +
                        target.NonOptional().currency() + "; amounts of different currencies do not mix.");
    return Type::Error();
  }
  std::string hint;
  if (target.NonOptional().is(TypeKind::Money) && t.is_number()) {
    std::string currency = target.NonOptional().currency().empty() ? ctx_.currency()
                                                                    : target.NonOptional().currency();
    if (currency.empty()) currency = "ILS";
    hint = " Write an amount with its currency, such as `" +
           std::string(CheckContext::Text(expr.range)) + " " + currency + "`.";
  } else if (t.is(TypeKind::Event)) {
    hint = " " + Quoted(t.symbol()->name) + " is an event type, not a value.";
  } else if (t.is_number()) {
    const std::string number(CheckContext::Text(expr.range));
    switch (target.NonOptional().kind()) {
      case TypeKind::Percent:
        hint = " Write a percent, such as `" + number + "%`.";
        break;
      case TypeKind::Duration:
        hint = " Write a duration with its unit, such as `" + number + "d` or `" + number + "h`.";
        break;
      case TypeKind::Time:
        hint = " Write a time of day, such as `" + number + ":00`.";
        break;
      default:
        break;
    }
  }
  if (hint.empty() && kind == DiagnosticKind::DefaultTypeMismatch) {
    const Type& field = target.NonOptional();
    const std::string example = DefaultExample(field, ctx_.currency());
    if (field.is(TypeKind::Bool)) {
      hint = " Write `= true` or `= false`.";
    } else if (!example.empty()) {
      hint = " Write, for example, `= " + example + "`.";
    }
  }
  ctx_.sink.Error(kind, expr.range,
                  std::string(what) + " needs " + target.ToString() + ", but " + text + " is " +
                      t.ToString() + "." + hint);
  return Type::Error();
}

Type ExprChecker::CheckAgainstUnknown(const ast::Expr& expr, const Scope& scope) {
  const ast::Expr& e = Unparenthesized(expr);
  const bool unresolved_name =
      e.kind == ast::ExprKind::Name && scope.Find(e.As<ast::NameExpr>().name) == nullptr;
  if (!unresolved_name && e.kind != ast::ExprKind::List) return Check(expr, scope);
  if (e.kind == ast::ExprKind::List) {
    for (const ast::ExprPtr& element : e.As<ast::ListExpr>().elements) {
      if (element) CheckAgainstUnknown(*element, scope);
    }
  }
  ctx_.model.SetType(e, Type::Error());
  ctx_.model.SetType(expr, Type::Error());
  return Type::Error();
}

void ExprChecker::CheckWindow(const ast::Window& window, const Scope& scope) {
  auto check_instant = [&](const ast::ExprPtr& bound, const char* keyword) {
    if (!bound) return;
    Typed typed = Visit(*bound, scope, nullptr);
    const Type& t = typed.type;
    if (t.is_error() || t.is(TypeKind::Timestamp) || t.is(TypeKind::Date)) return;
    if (t.is_optional() && (t.element().is(TypeKind::Timestamp) || t.element().is(TypeKind::Date))) {
      ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, bound->range,
                      CheckContext::Quote(*bound) + " may be missing; a window needs an instant. " +
                          "Give a default with `??`, such as `?? entered` or `?? now`.");
      return;
    }
    if (t.is(TypeKind::Duration)) {
      ctx_.sink.Error(DiagnosticKind::DurationComparedWithTimestamp, bound->range,
                      std::string("`") + keyword + "` takes a point in time, but " +
                          CheckContext::Quote(*bound) + " is a length of time; write `within " +
                          std::string(CheckContext::Text(bound->range)) + "` for the last " +
                          std::string(CheckContext::Text(bound->range)) + ", or `" + keyword +
                          " now - " + std::string(CheckContext::Text(bound->range)) + "`.");
      return;
    }
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, bound->range,
                    std::string("`") + keyword + "` takes a point in time (a timestamp or a date), but " +
                        CheckContext::Quote(*bound) + " is " + t.ToString() + ".");
  };
  switch (window.kind) {
    case ast::WindowKind::Within: {
      if (!window.first) return;
      Typed typed = Visit(*window.first, scope, nullptr);
      const Type& t = typed.type;
      if (t.is_error() || t.is(TypeKind::Duration)) return;
      if (t.is(TypeKind::Timestamp) || t.is(TypeKind::Date)) {
        ctx_.sink.Error(DiagnosticKind::DurationComparedWithTimestamp, window.first->range,
                        "`within` takes a length of time such as `30d`, but " +
                            CheckContext::Quote(*window.first) + " is a point in time; write `since " +
                            std::string(CheckContext::Text(window.first->range)) + "`.");
        return;
      }
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, window.first->range,
                      "`within` takes a length of time such as `30d`, but " +
                          CheckContext::Quote(*window.first) + " is " + t.ToString() + ".");
      return;
    }
    case ast::WindowKind::Since:
      check_instant(window.first, "since");
      return;
    case ast::WindowKind::Between:
      check_instant(window.first, "between");
      check_instant(window.second, "between");
      return;
  }
}

}  // namespace kairos
