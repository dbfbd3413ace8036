// What the checker knows about a project once it has checked it: the schema,
// the declarations, the type of every expression and what every name refers
// to. The language server answers hover, definition, references and rename
// from it; later phases lower it to IR.
//
// The model points into the project's AST and source files: keep the Project
// alive as long as the model.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/schema/schema.h"
#include "compiler/syntax/ast.h"
#include "compiler/template/template.h"
#include "compiler/types/symbol.h"
#include "compiler/types/type.h"

namespace kairos {

enum class CallKind {
  History,  // exists/count/sum/avg/min/max/first/last over an event type
  List,     // any/all/count/sum over a list or set
  Segment,  // a parameterised segment used as a predicate
  Builtin,  // a standard-library function from the prelude
};

// What a call expression turned out to be.
struct CallInfo {
  CallKind kind = CallKind::Builtin;
  const Symbol* callee = nullptr;  // the intrinsic, segment or builtin
  const Symbol* event = nullptr;   // History: the event type
  const Symbol* field = nullptr;   // History sum/avg/min/max: the aggregated field
};

class SemanticModel {
 public:
  SemanticModel() = default;
  SemanticModel(const SemanticModel&) = delete;
  SemanticModel& operator=(const SemanticModel&) = delete;

  // --- Queries -------------------------------------------------------------

  const Schema& schema() const { return schema_; }

  // Declarations of one kind (Segment, Journey, Campaign, Coupon, Popup,
  // Builtin, Intrinsic, Policy), in project order; duplicates excluded.
  const std::vector<const Symbol*>& Declarations(SymbolKind kind) const;
  const Symbol* FindDeclaration(SymbolKind kind, std::string_view name) const;

  // The type of a checked expression, or null for an expression the checker
  // did not reach (inside a declaration it could not check).
  const Type* TypeOf(const ast::Expr& expr) const;

  // What a name, member access (`a.b`: the member) or `issue coupon P`
  // refers to; null when it did not resolve.
  const Symbol* SymbolOf(const ast::Expr& expr) const;
  // What an identifier written outside an expression refers to (a trigger's
  // event, an `on E` arm, an `emit` event or field, a coupon pool, a channel).
  const Symbol* SymbolOf(const ast::Ident& ident) const;

  // The reference whose range holds `offset` (or ends there), or null.
  const Reference* ReferenceAt(const SourceFile& file, uint32_t offset) const;
  // Every occurrence of `symbol`, its definition included, in source order.
  std::vector<Reference> ReferencesTo(const Symbol& symbol) const;
  const std::vector<Reference>& references() const { return references_; }

  const CallInfo* CallOf(const ast::CallExpr& call) const;

  // A message body or `notify` text split into text and placeholders; the
  // placeholders' expressions are typed like any other.
  const ParsedTemplate* TemplateOf(const ast::LiteralExpr& literal) const;

  // A bare event name used as a condition (`goal order_placed within 7d`,
  // `exit when order_placed since cart.at`) means "such an event exists in
  // that window": the event, or null for any other expression.
  const Symbol* EventConditionOf(const ast::Expr& expr) const;

  // The SMS segment limit in force (the policy's, else the check option's).
  int sms_segment_limit() const { return sms_segment_limit_; }

  // --- Building (used by the checker) ---------------------------------------

  Schema& mutable_schema() { return schema_; }
  Symbol& NewSymbol(SymbolKind kind, std::string name);
  void AddDeclaration(const Symbol& symbol);
  void AddReference(SourceRange range, const Symbol* symbol, bool is_definition = false);
  void SetType(const ast::Expr& expr, Type type);
  void SetSymbol(const ast::Expr& expr, const Symbol* symbol);
  void SetCall(const ast::CallExpr& call, CallInfo info);
  void SetTemplate(const ast::LiteralExpr& literal, ParsedTemplate parsed);
  void SetEventCondition(const ast::Expr& expr, const Symbol* event);
  void set_sms_segment_limit(int limit) { sms_segment_limit_ = limit; }
  // Orders the references for lookups; called once checking is done.
  void Finish();

 private:
  Schema schema_;
  std::deque<Symbol> symbols_;  // stable addresses
  std::map<SymbolKind, std::vector<const Symbol*>> declarations_;
  std::unordered_map<const ast::Expr*, Type> types_;
  std::unordered_map<const ast::Expr*, const Symbol*> expr_symbols_;
  std::unordered_map<const ast::CallExpr*, CallInfo> calls_;
  std::unordered_map<const ast::LiteralExpr*, ParsedTemplate> templates_;
  std::unordered_map<const ast::Expr*, const Symbol*> event_conditions_;
  std::vector<Reference> references_;  // sorted by position after Finish()
  int sms_segment_limit_ = 0;
};

}  // namespace kairos
