// Checks the steps of journeys and campaigns: waits, branches, sends (with
// their message templates), coupons, contact updates and emitted events.
#pragma once

#include "compiler/check/context.h"
#include "compiler/check/expr_checker.h"
#include "compiler/check/scope.h"
#include "compiler/syntax/ast.h"

namespace kairos {

class StepChecker {
 public:
  StepChecker(CheckContext& ctx, ExprChecker& exprs) : ctx_(ctx), exprs_(exprs) {}

  // Whether the steps so far in a block ended with `exit`.
  struct Flow {
    bool exited = false;
    bool reported = false;
  };

  // Checks one step of a block; a `let` adds its name to `scope` for the
  // steps after it. Steps after an `exit` are UnreachableStep (once a block).
  void CheckStep(const ast::Stmt& step, Scope& scope, Flow& flow);

  // The steps of a nested block (if, split, wait arms), in their own scope.
  void CheckBlock(const ast::Block& block, const Scope& scope);

  // `emit E { ... }` and a popup's `on submit emit E { ... }`.
  void CheckEmit(const ast::Ident& event, const ast::RecordExpr* fields, const Scope& scope);

  // A message body or notify text: its placeholders are expressions of the
  // step's scope; an SMS body's fixed text must fit the segment limit.
  void CheckMessageTemplate(const ast::LiteralExpr& literal, const Scope& scope, bool is_sms);

 private:
  void CheckWait(const ast::WaitStmt& wait, const Scope& scope);
  void CheckWaitUntil(const ast::WaitUntilStmt& wait, const Scope& scope);
  void CheckSplit(const ast::SplitStmt& split, const Scope& scope);
  void CheckSend(const ast::SendStmt& send, const Scope& scope);
  void CheckLet(const ast::LetStmt& let, Scope& scope);
  void CheckIssue(const ast::Ident& pool);
  void CheckSet(const ast::SetStmt& set, const Scope& scope);
  void CheckNotify(const ast::NotifyStmt& notify, const Scope& scope);
  // A value passed to a template or webhook: anything but an event type.
  void CheckDataRecord(const ast::RecordExpr& record, const Scope& scope);

  CheckContext& ctx_;
  ExprChecker& exprs_;
};

}  // namespace kairos
