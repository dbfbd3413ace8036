// Checks of each kind of declaration, on top of the expression and step
// checkers: segments (and their cycles), journeys, campaigns, coupon pools,
// popups and the policy.
#pragma once

#include <map>
#include <string>

#include "compiler/check/context.h"
#include "compiler/check/expr_checker.h"
#include "compiler/check/step_checker.h"
#include "compiler/syntax/ast.h"

namespace kairos {

struct Checkers {
  CheckContext& ctx;
  ExprChecker& exprs;
  StepChecker& steps;
};

// Reports a clause written twice in one declaration (DuplicateClause, with a
// note at the first).
class ClauseTracker {
 public:
  explicit ClauseTracker(DiagnosticSink& sink) : sink_(sink) {}

  // True the first time `key` is seen; otherwise reports `range` with `hint`.
  bool First(const std::string& key, SourceRange range, const std::string& hint);

 private:
  DiagnosticSink& sink_;
  std::map<std::string, SourceRange> seen_;
};

void CheckSegment(Checkers& checkers, const Symbol& segment);
// After every segment body: SegmentCycle for segments that depend on themselves.
void CheckSegmentCycles(CheckContext& ctx);

void CheckJourney(Checkers& checkers, const ast::JourneyDecl& journey);
void CheckCampaign(Checkers& checkers, const ast::CampaignDecl& campaign);

void CheckCoupon(Checkers& checkers, const ast::CouponDecl& coupon, const Symbol& symbol);
// After every coupon: CouponFallbackCycle for pools that fall back in a circle.
void CheckCouponFallbacks(CheckContext& ctx);

void CheckPopup(Checkers& checkers, const ast::PopupDecl& popup);
void CheckPolicy(Checkers& checkers, const ast::PolicyDecl& policy);

}  // namespace kairos
