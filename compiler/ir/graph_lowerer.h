// Lowers the steps of a journey or campaign to a StepGraph: numbers the steps
// in source order, links each to its successors and turns every expression
// into a function of the instance's slots. Private to compiler/ir.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compiler/ir/expr_lowerer.h"

namespace kairos::ir_internal {

class GraphLowerer {
 public:
  // `prefix` names the functions (`cart_recovery.`); journeys have `entered`.
  GraphLowerer(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program, ir::StepGraph& graph,
               std::string prefix, bool has_entered);

  uint32_t AddSlot(std::string name, Type type, ir::SlotKind kind);
  // A name (`let`, the trigger's `as`) that refers to `slot`.
  void Bind(const Symbol* symbol, uint32_t slot) { scope_.locals[symbol] = slot; }

  // A function of the slots, named `prefix + place`; `what` names it in messages.
  ir::Call Function(const ast::Expr& expr, const std::string& place, const std::string& what,
                    const Symbol* candidate = nullptr, uint32_t candidate_slot = ir::kNoIndex);
  ir::Call EventCondition(const Symbol& event, const ast::Window* window, const std::string& place,
                          const std::string& what);
  // A duration that is a constant when it can be, else a function.
  ir::Quantity Quantity(const ast::Expr& expr, const std::string& place, const std::string& what);

  // The entry step (at `range`), then `steps`, then the end.
  void LowerSteps(const std::vector<const ast::Stmt*>& steps, SourceRange range);

 private:
  // A successor of a step still to be linked: (step, which successor).
  using Pending = std::vector<std::pair<ir::StepId, uint32_t>>;

  ir::StepId AddStep(ir::StepBody body, SourceRange range);
  void Link(const Pending& pending, ir::StepId target);
  Pending LowerBlock(const std::vector<ast::StmtPtr>& steps, Pending pending);
  Pending LowerStep(const ast::Stmt& step, Pending pending);
  // Coupons issued inside the step's value expressions get steps of their own first.
  Pending HoistIssues(const ast::Stmt& step, Pending pending);

  Pending LowerWait(const ast::WaitStmt& wait, Pending pending);
  Pending LowerWaitUntil(const ast::WaitUntilStmt& wait, Pending pending);
  Pending LowerIf(const ast::IfStmt& stmt, Pending pending);
  Pending LowerSplit(const ast::SplitStmt& split, Pending pending);
  // A send, let, issue, tag, set, notify, score or emit step.
  ir::Action LowerAction(const ast::Stmt& step, ir::StepId id);
  ir::SendAction LowerSend(const ast::SendStmt& send, const std::string& place);
  std::vector<ir::TextPart> LowerText(const ast::LiteralExpr& literal, const std::string& place,
                                      const std::string& what);

  static std::string StepPlace(ir::StepId id) { return "step " + std::to_string(id); }

  ExprLowerer& exprs_;
  const SemanticModel& model_;
  ir::Program& program_;
  ir::StepGraph& graph_;
  std::string prefix_;
  GraphScope scope_;
};

// A duration or percent: its value when it is a literal (or a sum of
// durations), else a function at `place`.
ir::Quantity LowerQuantity(ExprLowerer& exprs, const ast::Expr& expr, const FunctionPlace& place);

// `emit E { f: expr, ... }` (a step, or a popup's `on submit`): each field a
// function named `prefix + field`.
ir::EmitAction LowerEmitFields(ExprLowerer& exprs, const SemanticModel& model, const ir::Program& program,
                               const ast::Ident& event, const ast::RecordExpr* fields, const std::string& prefix,
                               const GraphScope* graph);

// The index of a coupon pool in Program::coupons.
uint32_t PoolIndex(const ir::Program& program, const Symbol* pool);

// The index of `member` among `owner`'s members.
uint32_t MemberIndexOf(const Symbol& owner, const Symbol& member);

}  // namespace kairos::ir_internal
