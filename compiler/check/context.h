// State shared by the parts of the checker while it checks one project: the
// model being filled, the diagnostics, the global names and the symbols the
// language itself provides (`now`, `today`, a coupon's `.code`, ...).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/check.h"
#include "compiler/check/scope.h"
#include "compiler/check/semantic_model.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace kairos {

class CheckContext {
 public:
  CheckContext(SemanticModel& model, DiagnosticSink& sink, const CheckOptions& options);
  CheckContext(const CheckContext&) = delete;
  CheckContext& operator=(const CheckContext&) = delete;

  SemanticModel& model;
  DiagnosticSink& sink;
  const CheckOptions& options;

  // Segments, builtins, the language's functions and the events: what every
  // expression may name.
  Scope globals;
  // globals plus `contact`, `now` and `today`: the root of segments, journeys,
  // campaigns and popups.
  Scope program;

  const Symbol* entered = nullptr;     // a journey's entry instant
  const Symbol* anonymous = nullptr;   // popups: the visitor is not known
  const Symbol* identified = nullptr;  // popups: the visitor is a known contact

  // `.code` of a coupon, `.month` of a date, ...: null when `on` has no such member.
  const Symbol* Property(TypeKind on, std::string_view name) const;
  std::vector<std::string> PropertyNames(TypeKind on) const;

  // The intrinsic, builtin or segment called `name`, or null.
  const Symbol* FindCallable(std::string_view name) const;
  std::vector<std::string> CallableNames() const;
  const Symbol* FindCoupon(std::string_view name) const {
    return model.FindDeclaration(SymbolKind::Coupon, name);
  }
  std::vector<std::string> DeclarationNames(SymbolKind kind) const;

  const std::string& currency() const { return model.schema().currency; }

  // The source text of a range, as written.
  static std::string_view Text(SourceRange range);
  // An expression as the user wrote it, shortened to `f(...)` for long calls.
  static std::string Quote(const ast::Expr& expr);

  // A symbol named at a place: the edges of the graphs checked for cycles.
  struct Use {
    const Symbol* symbol;
    SourceRange range;
  };
  // The segments each segment's body uses.
  std::map<const Symbol*, std::vector<Use>> segment_uses;
  // The pool each coupon pool falls back to when exhausted.
  std::map<const Symbol*, Use> coupon_fallbacks;

 private:
  void DeclareIntrinsics();
  void DeclareProperties();

  std::map<TypeKind, std::vector<const Symbol*>> properties_;
};

// `x` in backquotes, for messages.
std::string Quoted(std::string_view text);

// "a field", "an event": a noun with its indefinite article.
std::string WithArticle(std::string_view noun);

// "1 argument", "2 arguments".
std::string Count(size_t n, std::string_view noun);

// " Did you mean `x`?" when a candidate is close to `name`, else " It has
// `a`, `b`, `c`." listing them (for unknown fields and members).
std::string FieldSuggestion(std::string_view name, const std::vector<std::string>& candidates);

// A literal users would write as a default of this type (`0`, `0 ILS`, `0s`),
// or "" when there is no natural one.
std::string DefaultExample(const Type& type, const std::string& schema_currency);

}  // namespace kairos
