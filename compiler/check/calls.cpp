// Calls: history functions over an event type, list functions, parameterised
// segments and the prelude's builtins.
#include "compiler/base/suggest.h"
#include "compiler/check/expr_checker.h"

namespace kairos {
namespace {

bool IsHistoryOnly(Intrinsic intrinsic) {
  switch (intrinsic) {
    case Intrinsic::Exists:
    case Intrinsic::First:
    case Intrinsic::Last:
    case Intrinsic::Avg:
    case Intrinsic::Min:
    case Intrinsic::Max:
      return true;
    default:
      return false;
  }
}

bool NeedsField(Intrinsic intrinsic) {
  return intrinsic == Intrinsic::Sum || intrinsic == Intrinsic::Avg || intrinsic == Intrinsic::Min ||
         intrinsic == Intrinsic::Max;
}

// `E` in `E` or `E.f`: the name a history function's argument starts with.
const ast::NameExpr* HistoryBaseName(const ast::Expr& arg) {
  const ast::Expr* e = &Unparenthesized(arg);
  if (e->kind == ast::ExprKind::Member) {
    const auto& member = e->As<ast::MemberExpr>();
    if (!member.object) return nullptr;
    e = &Unparenthesized(*member.object);
  }
  return e->kind == ast::ExprKind::Name ? &e->As<ast::NameExpr>() : nullptr;
}

std::string HistoryUsage(const Symbol& function) {
  const std::string& f = function.name;
  return NeedsField(function.intrinsic) ? "`" + f + "(order_placed.total within 30d)`"
                                        : "`" + f + "(order_placed within 30d)`";
}

}  // namespace

const Symbol* ExprChecker::EventArgument(const ast::Expr& arg, const Scope& scope) const {
  const ast::NameExpr* base = HistoryBaseName(arg);
  if (base == nullptr) return nullptr;
  const Symbol* symbol = scope.Find(base->name);
  return symbol != nullptr && symbol->kind == SymbolKind::Event ? symbol : nullptr;
}

void ExprChecker::RejectFilters(const ast::CallArg& arg, std::string_view function) {
  if (arg.where) {
    ctx_.sink.Error(DiagnosticKind::WindowOnNonHistory, arg.where->range,
                    "`where` filters the events of a history function such as "
                    "`count(order_placed where total > 100 ILS)`; " + Quoted(function) +
                        " is not one, so its arguments take no `where`.");
  }
  if (arg.window) {
    ctx_.sink.Error(DiagnosticKind::WindowOnNonHistory, arg.window->range,
                    "a window (`within`, `since`, `between`) limits the events of a history function "
                    "such as `count(order_placed within 30d)`; " + Quoted(function) +
                        " is not one, so its arguments take no window.");
  }
}

ExprChecker::Typed ExprChecker::VisitCall(const ast::CallExpr& call, const Scope& scope) {
  if (!call.callee) return {};
  const ast::Expr& callee_expr = Unparenthesized(*call.callee);
  if (callee_expr.kind != ast::ExprKind::Name) {
    Type t = Check(*call.callee, scope);
    if (t.is_error()) return {};
    const Symbol* symbol = ctx_.model.SymbolOf(callee_expr);
    ctx_.sink.Error(DiagnosticKind::NotCallable, call.callee->range,
                    CheckContext::Quote(*call.callee) + " is " +
                        (symbol != nullptr ? WithArticle(SymbolKindName(symbol->kind)) : "a value") + " (" +
                        t.ToString() + "), not a function or segment, so it cannot be called; remove the "
                        "`(...)`, or compare it with `==`.");
    return {};
  }
  const auto& name = callee_expr.As<ast::NameExpr>();
  const Symbol* callee = ctx_.FindCallable(name.name);
  if (callee == nullptr) {
    if (const Symbol* other = scope.Find(name.name)) {
      ctx_.model.AddReference(name.range, other);
      ctx_.model.SetSymbol(name, other);
      ctx_.sink.Error(DiagnosticKind::NotCallable, name.range,
                      Quoted(name.name) + " is " + WithArticle(SymbolKindName(other->kind)) +
                          (other->type.is_error() ? "" : " (" + other->type.ToString() + ")") +
                          ", not a function or segment, so it cannot be called; write " +
                          Quoted(name.name) + " without `(...)`.");
      return {};
    }
    ReportUnknown(DiagnosticKind::UnknownName, name.range,
                  "unknown function or segment " + Quoted(name.name) + "." +
                      DidYouMean(name.name, ctx_.CallableNames()));
    return {};
  }
  ctx_.model.AddReference(name.range, callee);
  ctx_.model.SetSymbol(name, callee);

  if (callee->kind != SymbolKind::Intrinsic) return VisitSignatureCall(call, *callee, scope);

  const Intrinsic intrinsic = callee->intrinsic;
  if (intrinsic == Intrinsic::Any || intrinsic == Intrinsic::All) {
    return VisitListCall(call, *callee, scope);
  }
  if (call.args.empty() || !call.args[0].value) {
    ctx_.sink.Error(DiagnosticKind::WrongArgumentCount, call.range,
                    Quoted(callee->name) + " needs an argument: " + HistoryUsage(*callee) + ".");
    return {};
  }
  const ast::Expr& first = *call.args[0].value;
  if (const Symbol* event = EventArgument(first, scope)) {
    return VisitHistoryCall(call, *callee, *event, scope);
  }
  // Two arguments: the list form (`count(o.items, quantity > 1)`).
  if (!IsHistoryOnly(intrinsic) && call.args.size() >= 2) return VisitListCall(call, *callee, scope);
  const ast::NameExpr* base = HistoryBaseName(first);
  const bool unknown_base = base != nullptr && scope.Find(base->name) == nullptr;
  if (unknown_base) {
    ReportUnknown(DiagnosticKind::UnknownEvent, base->range,
                  "unknown event " + Quoted(base->name) + "." +
                      DidYouMean(base->name, ctx_.model.schema().EventNames()));
    return {};
  }
  if (!IsHistoryOnly(intrinsic)) return VisitListCall(call, *callee, scope);

  Type t = Check(first, scope);
  if (!t.is_error()) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, first.range,
                    Quoted(callee->name) + " takes an event type of the schema, as in " +
                        HistoryUsage(*callee) + ", but " + CheckContext::Quote(first) + " is " +
                        t.ToString() + ".");
  }
  return {};
}

ExprChecker::Typed ExprChecker::VisitHistoryCall(const ast::CallExpr& call, const Symbol& function,
                                                 const Symbol& event, const Scope& scope) {
  const Intrinsic intrinsic = function.intrinsic;
  if (call.args.size() != 1) {
    ctx_.sink.Error(DiagnosticKind::WrongArgumentCount, call.range,
                    Quoted(function.name) + " takes one event type, with an optional `where` and " +
                        "window: " + HistoryUsage(function) + ".");
    return {};
  }
  const ast::CallArg& arg = call.args[0];
  const ast::Expr& value = Unparenthesized(*arg.value);

  const Symbol* field = nullptr;
  if (NeedsField(intrinsic)) {
    if (value.kind != ast::ExprKind::Member) {
      ctx_.model.AddReference(value.range, &event);
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, value.range,
                      Quoted(function.name) + " needs a field of the event to aggregate: `" +
                          function.name + "(" + event.name + ".field)`, as in " +
                          HistoryUsage(function) + ".");
      return {};
    }
    const auto& member = value.As<ast::MemberExpr>();
    const ast::Expr& object = Unparenthesized(*member.object);
    ctx_.model.AddReference(object.range, &event);
    ctx_.model.SetSymbol(object, &event);
    ctx_.model.SetType(object, Type::Event(&event));
    field = event.FindMember(member.member.name);
    if (field == nullptr) {
      ReportUnknown(DiagnosticKind::UnknownField, member.member.range,
                    "event " + Quoted(event.name) + " has no field " + Quoted(member.member.name) +
                        "." + FieldSuggestion(member.member.name, event.MemberNames()));
      return {};
    }
    ctx_.model.AddReference(member.member.range, field);
    ctx_.model.SetSymbol(member, field);
    ctx_.model.SetType(member, field->type);
    if (&value != arg.value.get()) ctx_.model.SetType(*arg.value, field->type);
    const Type& t = field->type.NonOptional();
    const bool sums = intrinsic == Intrinsic::Sum || intrinsic == Intrinsic::Avg;
    if (sums ? !IsSummable(t) : !IsOrdered(t)) {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, member.member.range,
                      Quoted(function.name) + (sums ? " adds up numbers, money or durations"
                                                    : " compares numbers, money, durations, dates and times") +
                          ", but " + Quoted(event.name + "." + field->name) + " is " +
                          field->type.ToString() + ".");
      return {};
    }
  } else {
    if (value.kind == ast::ExprKind::Member) {
      const auto& member = value.As<ast::MemberExpr>();
      ctx_.model.AddReference(Unparenthesized(*member.object).range, &event);
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, value.range,
                      Quoted(function.name) + " takes the event type itself: write `" + function.name +
                          "(" + event.name + ")` and filter with `where " + member.member.name +
                          " ...`.");
      return {};
    }
    ctx_.model.AddReference(value.range, &event);
    ctx_.model.SetSymbol(value, &event);
    ctx_.model.SetType(value, Type::Event(&event));
    if (&value != arg.value.get()) ctx_.model.SetType(*arg.value, Type::Event(&event));
  }

  if (arg.where) {
    Scope fields(&scope);
    fields.AddMembers(event);
    CheckCondition(*arg.where, fields, "the `where` of " + Quoted(function.name),
                   DiagnosticKind::WhereNotBool);
  }
  if (arg.window) CheckWindow(*arg.window, scope);
  ctx_.model.SetCall(call, {CallKind::History, &function, &event, field});

  switch (intrinsic) {
    case Intrinsic::Exists: return {Type::Bool()};
    case Intrinsic::Count: return {Type::Int()};
    case Intrinsic::Sum: return {field->type.NonOptional()};
    case Intrinsic::Avg: {
      // The average of whole numbers is rarely whole (4.5 stars).
      const Type& t = field->type.NonOptional();
      return {Type::Optional(t.is(TypeKind::Int) ? Type::Decimal() : t)};
    }
    case Intrinsic::Min:
    case Intrinsic::Max: return {Type::Optional(field->type.NonOptional())};
    case Intrinsic::First:
    case Intrinsic::Last: return {Type::Optional(Type::Record(&event))};
    default: return {};
  }
}

ExprChecker::Typed ExprChecker::VisitListCall(const ast::CallExpr& call, const Symbol& function,
                                              const Scope& scope) {
  const Intrinsic intrinsic = function.intrinsic;
  const std::string& name = function.name;
  const Type known_result = intrinsic == Intrinsic::Count ? Type::Int()
                            : intrinsic == Intrinsic::Sum ? Type::Error()
                                                          : Type::Bool();
  const size_t count = call.args.size();
  const bool count_ok = intrinsic == Intrinsic::Count ? (count == 1 || count == 2) : count == 2;
  if (!count_ok) {
    std::string usage = intrinsic == Intrinsic::Sum     ? "`sum(o.items, price * quantity)`"
                        : intrinsic == Intrinsic::Count ? "`count(o.items)` or `count(o.items, quantity > 1)`"
                                                        : "`" + name + "(o.items, category == \"dresses\")`";
    ctx_.sink.Error(DiagnosticKind::WrongArgumentCount, call.range,
                    Quoted(name) + " over a list takes the list and " +
                        (intrinsic == Intrinsic::Sum ? "the value to add up" : "a condition") + ": " +
                        usage + ".");
    return {known_result};
  }
  for (const ast::CallArg& arg : call.args) RejectFilters(arg, name);
  if (!call.args[0].value) return {known_result};
  const ast::Expr& list_expr = *call.args[0].value;
  Typed list = Visit(list_expr, scope, nullptr);
  if (list.type.is_error()) return {known_result};
  if (list.type.is_optional()) {
    ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, list_expr.range,
                    CheckContext::Quote(list_expr) + " may be missing; give it a default with `?? []`.");
    return {known_result};
  }
  if (!list.type.is(TypeKind::List) && !list.type.is(TypeKind::Set)) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, list_expr.range,
                    Quoted(name) + " takes a list or a set (such as `o.items`) or an event type, but " +
                        CheckContext::Quote(list_expr) + " is " + list.type.ToString() + ".");
    return {known_result};
  }
  ctx_.model.SetCall(call, {CallKind::List, &function, nullptr, nullptr});
  if (count == 1) return {Type::Int()};

  const Type& element = list.type.element();
  Scope inner(&scope);
  if (element.NonOptional().is(TypeKind::Record)) inner.AddMembers(*element.NonOptional().symbol());
  Symbol& it = ctx_.model.NewSymbol(SymbolKind::Local, "it");
  it.type = element.is(TypeKind::Null) ? Type::Error() : element;
  it.doc = "The element of the list.";
  inner.Add("it", &it);

  const ast::Expr* second = call.args[1].value.get();
  if (second == nullptr) return {known_result};
  if (intrinsic != Intrinsic::Sum) {
    CheckCondition(*second, inner, "the condition of " + Quoted(name));
    return {known_result};
  }
  Typed value = Visit(*second, inner, nullptr);
  if (value.type.is_error()) return {};
  if (value.type.is_optional()) {
    const std::string example = DefaultExample(value.type, ctx_.currency());
    ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, second->range,
                    CheckContext::Quote(*second) + " may be missing; give it a default with `??`" +
                        (example.empty() ? "" : " (`?? " + example + "`)") + ".");
    return {};
  }
  if (!IsSummable(value.type)) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, second->range,
                    "`sum` adds up numbers, money or durations, but " + CheckContext::Quote(*second) +
                        " is " + value.type.ToString() + ".");
    return {};
  }
  return {value.type};
}

ExprChecker::Typed ExprChecker::VisitSignatureCall(const ast::CallExpr& call, const Symbol& callee,
                                                   const Scope& scope) {
  const bool is_segment = callee.kind == SymbolKind::Segment;
  const Type result = is_segment ? Type::Bool() : callee.type;
  for (const ast::CallArg& arg : call.args) RejectFilters(arg, callee.name);
  if (is_segment) NoteSegmentUse(callee, Unparenthesized(*call.callee).range);
  ctx_.model.SetCall(call, {is_segment ? CallKind::Segment : CallKind::Builtin, &callee, nullptr, nullptr});

  const std::vector<const Symbol*>& params = callee.members;
  if (call.args.size() != params.size()) {
    std::string signature;
    for (const Symbol* param : params) {
      signature += (signature.empty() ? "" : ", ") + param->name + ": " + param->type.ToString();
    }
    ctx_.sink.Error(DiagnosticKind::WrongArgumentCount, call.range,
                    std::string(is_segment ? "segment " : "") + Quoted(callee.name) + " takes " +
                        Count(params.size(), "argument") + (params.empty() ? "" : " (" + signature + ")") +
                        " but is given " + std::to_string(call.args.size()) + ".");
    for (const ast::CallArg& arg : call.args) {
      if (arg.value) CheckAgainstUnknown(*arg.value, scope);
    }
    return {result};
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (!call.args[i].value) continue;
    CheckValue(*call.args[i].value, scope, params[i]->type,
               "parameter " + Quoted(params[i]->name) + " of " + Quoted(callee.name));
  }
  return {result};
}

}  // namespace kairos
