#include "compiler/ir/lower.h"

#include "compiler/ir/declaration_lowerers.h"
#include "compiler/ir/expr_lowerer.h"

namespace kairos {

ir::Program LowerPredicates(const Project& project, const SemanticModel& model, DiagnosticSink& sink) {
  (void)project;  // the model points into the project's AST; it must outlive the program
  ir::Program program;
  const Schema& schema = model.schema();
  program.contact = schema.contact;
  program.product = schema.product;
  program.channel = schema.channel;
  program.currency = schema.currency;
  program.timezone = schema.timezone;
  for (const Symbol* event : schema.events) {
    program.events.push_back({event->name, event, event->members});
  }
  ir_internal::LowerCouponPools(model, program, sink);
  program.policy = ir_internal::LowerPolicy(model, program, sink);

  ir_internal::ExprLowerer lowerer(model, program, sink);
  const auto& segments = model.Declarations(SymbolKind::Segment);
  for (size_t i = 0; i < segments.size(); ++i) {
    lowerer.SetSegmentIndex(segments[i], static_cast<uint32_t>(i));
    program.segments.push_back({segments[i]->name, segments[i], {}, ir::kNoNode});
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i]->decl == nullptr) continue;
    lowerer.LowerSegment(*segments[i], program.segments[i]);
  }
  if (schema.contact != nullptr) program.contact_defaults = ir_internal::LowerContactDefaults(lowerer, *schema.contact);

  for (const Symbol* journey : model.Declarations(SymbolKind::Journey)) {
    if (journey->decl == nullptr) continue;
    ir::Journey lowered = ir_internal::LowerJourney(lowerer, model, program, *journey);
    program.journeys.push_back(std::move(lowered));
  }
  for (const Symbol* campaign : model.Declarations(SymbolKind::Campaign)) {
    if (campaign->decl == nullptr) continue;
    ir::Campaign lowered = ir_internal::LowerCampaign(lowerer, model, program, *campaign);
    program.campaigns.push_back(std::move(lowered));
  }
  for (const Symbol* popup : model.Declarations(SymbolKind::Popup)) {
    if (popup->decl == nullptr) continue;
    ir::Popup lowered = ir_internal::LowerPopup(lowerer, model, program, *popup);
    program.popups.push_back(std::move(lowered));
  }
  return program;
}

}  // namespace kairos
