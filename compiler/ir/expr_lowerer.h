// Lowers checked expressions to IR nodes: segment bodies, constants (contact
// defaults) and functions, whose names may refer to the values of a journey
// instance (its slots). Private to compiler/ir.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/check/semantic_model.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/ir.h"

namespace kairos::ir_internal {

// The values the functions of one journey or campaign may read: the slots,
// which names (`let`s, the trigger's `as` name) are bound to which slot, and
// the slots that hold coupons hoisted out of expressions.
struct GraphScope {
  const std::vector<ir::Slot>* slots = nullptr;
  bool has_entered = false;  // journeys: `entered` is kEnteredSlot
  std::unordered_map<const Symbol*, uint32_t> locals;
  std::unordered_map<const ast::Expr*, uint32_t> issued;
};

// Where one function is written.
struct FunctionPlace {
  std::string name;            // `journey.step 3.if`
  std::string what;            // for messages: "`exit when`"
  const GraphScope* graph = nullptr;
  // A `where` of a trigger or `wait until`: the event being tested, whose
  // fields are in scope by name, in this slot.
  const Symbol* candidate = nullptr;
  uint32_t candidate_slot = ir::kNoIndex;
};

class ExprLowerer {
 public:
  ExprLowerer(const SemanticModel& model, ir::Program& program, DiagnosticSink& sink)
      : model_(model), program_(program), sink_(sink) {}

  void SetSegmentIndex(const Symbol* segment, uint32_t index) { segment_index_[segment] = index; }
  uint32_t SegmentIndex(const Symbol* segment) const { return segment_index_.at(segment); }

  // One segment's body; false (with a diagnostic) when it cannot be lowered.
  bool LowerSegment(const Symbol& segment, ir::Segment& out);

  // An expression that needs no contact (a field's default); `what` names it
  // in messages.
  ir::NodeId LowerConstant(const ast::Expr& expr, const std::string& what);

  // A function computing `expr` at `place`, appended to Program::functions.
  ir::Call LowerFunction(const ast::Expr& expr, const FunctionPlace& place);

  // `exit when order_placed since cart.at`: whether such an event exists.
  ir::Call LowerEventCondition(const Symbol& event, const ast::Window* window, const FunctionPlace& place);

  // Nodes appended by callers that build IR themselves (contact defaults).
  ir::NodeId Add(ir::Op op, Type type);
  ir::Node& At(ir::NodeId id) { return program_.nodes[id]; }
  ir::NodeId Constant(Type type, int64_t value);

 private:
  void BeginFunction(const FunctionPlace* place);
  ir::Call EndFunction(ir::NodeId body);

  Type TypeOf(const ast::Expr& expr) const;
  uint32_t Intern(const std::string& text);

  ir::NodeId Lower(const ast::Expr& expr);
  ir::NodeId LowerLiteral(const ast::LiteralExpr& literal);
  ir::NodeId LowerName(const ast::Expr& expr);
  ir::NodeId LowerFieldName(const Symbol& field, const Type& type);
  ir::NodeId LowerMember(const ast::MemberExpr& member);
  ir::NodeId LowerCall(const ast::CallExpr& call);
  ir::NodeId LowerHistory(const ast::CallExpr& call, const CallInfo& info, const Type& type);
  ir::NodeId LowerListCall(const ast::CallExpr& call, const CallInfo& info, const Type& type);
  ir::NodeId LowerIssue(const ast::Expr& expr);
  ir::HistoryCall LowerWindow(ir::HistoryCall history, const ast::Window& window);

  // A load of a slot as the current function's param.
  ir::NodeId SlotParam(uint32_t slot);
  // The slot a name is bound to in the current function, or kNoIndex.
  uint32_t SlotOf(const Symbol* symbol) const;

  const SemanticModel& model_;
  ir::Program& program_;
  DiagnosticSink& sink_;
  std::unordered_map<const Symbol*, uint32_t> segment_index_;
  std::unordered_map<std::string, uint32_t> interned_;

  // The declaration being lowered.
  const Symbol* segment_ = nullptr;
  const FunctionPlace* place_ = nullptr;
  std::string what_;  // for messages when neither is set
  bool ok_ = true;
  std::vector<uint32_t> param_slots_;     // the current function's params, by first use
  std::vector<ir::NodeId> param_nodes_;   // its Param loads, renumbered at the end

  std::vector<const Symbol*> elements_;        // records of enclosing list functions' elements
  std::vector<const Symbol*> history_events_;  // events of enclosing history `where`s
};

}  // namespace kairos::ir_internal
