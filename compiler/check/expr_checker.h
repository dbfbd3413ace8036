// Types expressions: resolves names against a scope, applies the operator
// rules, checks history and list functions, and records every type and name
// in the semantic model. An expression in error gets the error type, which
// every later check accepts silently, so one mistake is reported once.
#pragma once

#include <string>
#include <string_view>

#include "compiler/check/context.h"
#include "compiler/check/scope.h"
#include "compiler/syntax/ast.h"
#include "compiler/types/type_rules.h"

namespace kairos {

class ExprChecker {
 public:
  explicit ExprChecker(CheckContext& ctx) : ctx_(ctx) {}

  // The type of `expr`. `expected`, when given, lets a bare name be a value
  // of an expected enum (`contact.gender == female`) and types list literals;
  // it does not report a mismatch (see CheckValue).
  Type Check(const ast::Expr& expr, const Scope& scope, const Type* expected = nullptr);

  // A yes/no condition. `what` names the place in messages ("`when`").
  // Reports `kind` (ConditionNotBool, WhereNotBool) for any other type.
  void CheckCondition(const ast::Expr& expr, const Scope& scope, std::string_view what,
                      DiagnosticKind kind = DiagnosticKind::ConditionNotBool);

  // A value that must fit `target` (a field, a parameter, a setting). `what`
  // names the place ("`wait`", "field `total`"). Reports `kind`, or a more
  // precise kind (CurrencyMismatch, OptionalNotHandled) when one applies.
  Type CheckValue(const ast::Expr& expr, const Scope& scope, const Type& target,
                  std::string_view what, DiagnosticKind kind = DiagnosticKind::TypeMismatch);

  // Checks `expr` where the type it should have is unknown because of a
  // mistake already reported (`contact.gendr == female`): a bare name found
  // nowhere may be a value of that unknown enum, so it is not reported again.
  Type CheckAgainstUnknown(const ast::Expr& expr, const Scope& scope);

  // `within D`, `since T`, `between T1 and T2`.
  void CheckWindow(const ast::Window& window, const Scope& scope);

  // While set (message placeholders), unknown names and fields are reported
  // as TemplateUnknownField.
  void set_template_mode(bool on) { template_mode_ = on; }

  // While set (segment bodies), segment uses are recorded for cycle checks.
  void set_current_segment(const Symbol* segment) { current_segment_ = segment; }

 private:
  // A type plus whether it came out of a `?.` chain: such an optional may be
  // ordered (`last(E)?.at < now`), the comparison being false when absent.
  struct Typed {
    Type type;
    bool safe_chain = false;
  };

  Typed Visit(const ast::Expr& expr, const Scope& scope, const Type* expected);
  Typed VisitLiteral(const ast::LiteralExpr& literal);
  Typed VisitName(const ast::NameExpr& name, const Scope& scope, const Type* expected);
  Typed VisitMember(const ast::MemberExpr& member, const Scope& scope);
  Typed VisitUnary(const ast::UnaryExpr& unary, const Scope& scope);
  Typed VisitList(const ast::ListExpr& list, const Scope& scope, const Type* expected);
  Typed VisitRecord(const ast::RecordExpr& record, const Scope& scope);
  Typed VisitIssueCoupon(const ast::IssueCouponExpr& issue);

  // Operators (operators.cpp).
  Typed VisitBinary(const ast::BinaryExpr& binary, const Scope& scope);
  Typed VisitLogical(const ast::BinaryExpr& binary, const Scope& scope);
  Typed VisitCoalesce(const ast::BinaryExpr& binary, const Scope& scope);
  Typed VisitEquality(const ast::BinaryExpr& binary, const Scope& scope);
  Typed VisitOrdering(const ast::BinaryExpr& binary, const Scope& scope);
  Typed VisitMembership(const ast::BinaryExpr& binary, const Scope& scope);
  Typed VisitArithmetic(const ast::BinaryExpr& binary, const Scope& scope);
  // Checks a `?.`-free optional operand of an operator; false when reported.
  bool RequirePresent(const ast::Expr& operand, const Typed& typed, std::string_view op);
  void ReportMismatch(const ast::BinaryExpr& binary, const Type& lhs, const Type& rhs);

  // Calls (calls.cpp).
  Typed VisitCall(const ast::CallExpr& call, const Scope& scope);
  Typed VisitHistoryCall(const ast::CallExpr& call, const Symbol& function, const Symbol& event,
                         const Scope& scope);
  Typed VisitListCall(const ast::CallExpr& call, const Symbol& function, const Scope& scope);
  Typed VisitSignatureCall(const ast::CallExpr& call, const Symbol& callee, const Scope& scope);
  // The event a history function's first argument names (`E` or `E.f`), or null.
  const Symbol* EventArgument(const ast::Expr& arg, const Scope& scope) const;
  // Reports `where`/windows on an argument that is not a history function's.
  void RejectFilters(const ast::CallArg& arg, std::string_view function);

  // How to turn a non-bool value into a condition (" Compare it, such as ...").
  std::string ConditionHint(const ast::Expr& expr, const Type& type) const;
  void NoteSegmentUse(const Symbol& segment, SourceRange range);
  // UnknownName, or TemplateUnknownField inside a message placeholder.
  void ReportUnknown(DiagnosticKind kind, SourceRange range, std::string message);

  CheckContext& ctx_;
  bool template_mode_ = false;
  const Symbol* current_segment_ = nullptr;
};

// Whether `expr` is a string literal, possibly in parentheses (string
// literals also fit email, phone and url).
bool IsStringLiteral(const ast::Expr& expr);

// The expression inside any parentheses.
const ast::Expr& Unparenthesized(const ast::Expr& expr);

}  // namespace kairos
