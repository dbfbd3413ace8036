// Lowering of each kind of declaration that runs: journeys, campaigns and
// popups, and the contact's defaults. Private to compiler/ir.
#pragma once

#include "compiler/ir/expr_lowerer.h"

namespace kairos::ir_internal {

ir::Journey LowerJourney(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program,
                         const Symbol& symbol);
ir::Campaign LowerCampaign(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program,
                           const Symbol& symbol);
ir::Popup LowerPopup(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program, const Symbol& symbol);

// One entry per contact field: its default, or kNoNode.
std::vector<ir::NodeId> LowerContactDefaults(ExprLowerer& exprs, const Symbol& contact);

}  // namespace kairos::ir_internal
