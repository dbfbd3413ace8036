// Lowering of each kind of declaration that runs: journeys, campaigns,
// popups, coupon pools and the policy, and the contact's defaults. Private
// to compiler/ir.
#pragma once

#include "compiler/ir/expr_lowerer.h"

namespace kairos::ir_internal {

inline constexpr int64_t kDay = 86400;

// `expr` without the parentheses around it.
const ast::Expr& Bare(const ast::Expr& expr);

ir::Journey LowerJourney(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program,
                         const Symbol& symbol);
ir::Campaign LowerCampaign(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program,
                           const Symbol& symbol);
ir::Popup LowerPopup(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program, const Symbol& symbol);

// Every coupon pool of the project, in project order, with its settings,
// appended to Program::coupons (before the steps that issue from them).
void LowerCouponPools(const SemanticModel& model, ir::Program& program, DiagnosticSink& sink);
// The project's `policy` (an empty one when there is none); `program` has its channels.
ir::Policy LowerPolicy(const SemanticModel& model, const ir::Program& program, DiagnosticSink& sink);

// One entry per contact field: its default, or kNoNode.
std::vector<ir::NodeId> LowerContactDefaults(ExprLowerer& exprs, const Symbol& contact);

}  // namespace kairos::ir_internal
