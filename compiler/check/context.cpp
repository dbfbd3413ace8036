#include "compiler/check/context.h"

#include "compiler/base/suggest.h"

namespace kairos {
namespace {

struct IntrinsicInfo {
  Intrinsic intrinsic;
  const char* name;
  const char* doc;
};

constexpr IntrinsicInfo kIntrinsics[] = {
    {Intrinsic::Exists, "exists",
     "exists(E [where P] [within D | since T | between T1 and T2]): bool\n"
     "Whether the contact has an event E (matching P, in the window)."},
    {Intrinsic::Count, "count",
     "count(E [where P] [window]): int — how many events E the contact has.\n"
     "count(list [, P]): int — how many elements (matching P) a list has."},
    {Intrinsic::Sum, "sum",
     "sum(E.f [where P] [window]) — the total of field f over the events; zero when none.\n"
     "sum(list, expr) — the total of expr over the elements."},
    {Intrinsic::Avg, "avg",
     "avg(E.f [where P] [window]) — the average of field f; null when there are no events."},
    {Intrinsic::Min, "min",
     "min(E.f [where P] [window]) — the smallest value of field f; null when there are no events."},
    {Intrinsic::Max, "max",
     "max(E.f [where P] [window]) — the largest value of field f; null when there are no events."},
    {Intrinsic::First, "first",
     "first(E [where P] [window]): E? — the earliest such event; null when none."},
    {Intrinsic::Last, "last",
     "last(E [where P] [window]): E? — the latest such event; null when none."},
    {Intrinsic::Any, "any",
     "any(list, P): bool — whether some element matches P (its fields are in scope, or `it`)."},
    {Intrinsic::All, "all",
     "all(list, P): bool — whether every element matches P (its fields are in scope, or `it`)."},
};

}  // namespace

CheckContext::CheckContext(SemanticModel& model, DiagnosticSink& sink, const CheckOptions& options)
    : model(model), sink(sink), options(options), program(&globals) {
  DeclareIntrinsics();
  DeclareProperties();

  auto implicit = [&](const char* name, Type type, const char* doc) -> const Symbol* {
    Symbol& symbol = model.NewSymbol(SymbolKind::Implicit, name);
    symbol.type = std::move(type);
    symbol.doc = doc;
    return &symbol;
  };
  const Schema& schema = model.schema();
  program.Add("contact", implicit("contact", Type::Record(schema.contact),
                                  "The contact being evaluated."));
  program.Add("now", implicit("now", Type::Timestamp(),
                              "The current instant (the simulated one in a dry run)."));
  program.Add("today", implicit("today", Type::Date(),
                                "The current date in the contact's time zone (else the schema's)."));
  entered = implicit("entered", Type::Timestamp(), "The instant the contact entered this journey.");
  anonymous = implicit("anonymous", Type::Bool(), "The visitor is not yet a known contact.");
  identified = implicit("identified", Type::Bool(), "The visitor is a known contact.");
}

void CheckContext::DeclareIntrinsics() {
  for (const IntrinsicInfo& info : kIntrinsics) {
    Symbol& symbol = model.NewSymbol(SymbolKind::Intrinsic, info.name);
    symbol.intrinsic = info.intrinsic;
    symbol.doc = info.doc;
    model.AddDeclaration(symbol);
    globals.Add(info.name, &symbol);
  }
}

void CheckContext::DeclareProperties() {
  auto add = [&](TypeKind on, const char* name, Type type, const char* doc) {
    Symbol& symbol = model.NewSymbol(SymbolKind::Property, name);
    symbol.type = std::move(type);
    symbol.doc = doc;
    properties_[on].push_back(&symbol);
  };
  add(TypeKind::Date, "year", Type::Int(), "The year, e.g. 2026.");
  add(TypeKind::Date, "month", Type::Int(), "The month, 1 (January) to 12.");
  add(TypeKind::Date, "day", Type::Int(), "The day of the month, 1 to 31.");
  add(TypeKind::Date, "month_day", Type::Int(),
      "month * 100 + day (1127 for 27 November): compares birthdays across years.");
  add(TypeKind::Date, "weekday", Type::Int(), "The day of the week, 1 (Monday) to 7 (Sunday).");
  add(TypeKind::Time, "hour", Type::Int(), "The hour, 0 to 23.");
  add(TypeKind::Time, "minute", Type::Int(), "The minute, 0 to 59.");
  add(TypeKind::Timestamp, "date", Type::Date(), "The date of this instant in the contact's zone.");
  add(TypeKind::Timestamp, "hour", Type::Int(), "The hour of this instant in the contact's zone, 0 to 23.");
  add(TypeKind::Coupon, "code", Type::String(), "The code handed to the contact.");
  add(TypeKind::Coupon, "expires_at", Type::Timestamp(), "When the code stops being valid.");
}

const Symbol* CheckContext::Property(TypeKind on, std::string_view name) const {
  auto it = properties_.find(on);
  if (it == properties_.end()) return nullptr;
  for (const Symbol* property : it->second) {
    if (property->name == name) return property;
  }
  return nullptr;
}

std::vector<std::string> CheckContext::PropertyNames(TypeKind on) const {
  std::vector<std::string> names;
  auto it = properties_.find(on);
  if (it == properties_.end()) return names;
  for (const Symbol* property : it->second) names.push_back(property->name);
  return names;
}

const Symbol* CheckContext::FindCallable(std::string_view name) const {
  for (SymbolKind kind : {SymbolKind::Intrinsic, SymbolKind::Builtin, SymbolKind::Segment}) {
    if (const Symbol* symbol = model.FindDeclaration(kind, name)) return symbol;
  }
  return nullptr;
}

std::vector<std::string> CheckContext::CallableNames() const {
  std::vector<std::string> names;
  for (SymbolKind kind : {SymbolKind::Intrinsic, SymbolKind::Builtin, SymbolKind::Segment}) {
    for (const Symbol* symbol : model.Declarations(kind)) names.push_back(symbol->name);
  }
  return names;
}

std::vector<std::string> CheckContext::DeclarationNames(SymbolKind kind) const {
  std::vector<std::string> names;
  for (const Symbol* symbol : model.Declarations(kind)) names.push_back(symbol->name);
  return names;
}

std::string_view CheckContext::Text(SourceRange range) {
  if (!range.valid() || range.end > range.file->text().size() || range.begin > range.end) return "";
  return std::string_view(range.file->text()).substr(range.begin, range.end - range.begin);
}

std::string CheckContext::Quote(const ast::Expr& expr) {
  std::string text(Text(expr.range));
  // Collapse line breaks and runs of spaces of multi-line expressions.
  std::string flat;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat += space ? ' ' : c;
  }
  constexpr size_t kLong = 40;
  if (flat.size() > kLong && expr.kind == ast::ExprKind::Call) {
    const auto& call = expr.As<ast::CallExpr>();
    if (call.callee && call.callee->kind == ast::ExprKind::Name) {
      return "`" + call.callee->As<ast::NameExpr>().name + "(...)`";
    }
  }
  if (flat.size() > kLong + 20) flat = flat.substr(0, kLong) + "...";
  return Quoted(flat);
}

std::string FieldSuggestion(std::string_view name, const std::vector<std::string>& candidates) {
  std::string suggestion = DidYouMean(name, candidates);
  if (!suggestion.empty() || candidates.empty()) return suggestion;
  std::string list;
  for (const std::string& candidate : candidates) list += (list.empty() ? "" : ", ") + Quoted(candidate);
  return " It has " + list + ".";
}

std::string WithArticle(std::string_view noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

std::string Count(size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string Quoted(std::string_view text) { return "`" + std::string(text) + "`"; }

std::string DefaultExample(const Type& type, const std::string& schema_currency) {
  switch (type.NonOptional().kind()) {
    case TypeKind::Int: return "0";
    case TypeKind::Decimal: return "0.0";
    case TypeKind::Money: {
      const std::string& currency =
          type.NonOptional().currency().empty() ? schema_currency : type.NonOptional().currency();
      return currency.empty() ? "0 ILS" : "0 " + currency;
    }
    case TypeKind::Percent: return "0%";
    case TypeKind::Duration: return "0s";
    case TypeKind::Bool: return "false";
    case TypeKind::String:
    case TypeKind::Email:
    case TypeKind::Phone:
    case TypeKind::Url: return "\"\"";
    case TypeKind::List: return "[]";
    default: return "";
  }
}

}  // namespace kairos
