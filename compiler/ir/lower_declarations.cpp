// Journeys (trigger, clauses, steps), campaigns, popups and the contact's
// defaults.
#include "compiler/ir/declaration_lowerers.h"
#include "compiler/ir/graph_lowerer.h"

namespace kairos::ir_internal {

const ast::Expr& Bare(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  while (e->kind == ast::ExprKind::Paren && e->As<ast::ParenExpr>().inner) {
    e = e->As<ast::ParenExpr>().inner.get();
  }
  return *e;
}

namespace {

uint32_t EventIndex(const ir::Program& program, const Symbol* event) {
  const int index = program.EventIndex(event);
  return index < 0 ? ir::kNoIndex : static_cast<uint32_t>(index);
}

ir::Trigger LowerTrigger(GraphLowerer& graph, ExprLowerer& exprs, const SemanticModel& model,
                         const ir::Program& program, const ast::TriggerStmt& trigger) {
  ir::Trigger lowered;
  switch (trigger.trigger) {
    case ast::TriggerKind::Event: {
      const Symbol* event = model.schema().FindEvent(trigger.event.name);
      lowered.kind = ir::TriggerKind::Event;
      lowered.event = EventIndex(program, event);
      const uint32_t slot = graph.AddSlot(trigger.alias ? trigger.alias->name : trigger.event.name,
                                          Type::Record(event), ir::SlotKind::Trigger);
      if (trigger.alias) {
        if (const Symbol* alias = model.SymbolOf(*trigger.alias)) graph.Bind(alias, slot);
      }
      if (trigger.where) {
        lowered.where = graph.Function(*trigger.where, "trigger.where", "the trigger's `where`", event, slot);
      }
      return lowered;
    }
    case ast::TriggerKind::EnteredSegment:
    case ast::TriggerKind::LeftSegment: {
      lowered.kind = trigger.trigger == ast::TriggerKind::EnteredSegment ? ir::TriggerKind::EnteredSegment
                                                                         : ir::TriggerKind::LeftSegment;
      if (!trigger.segment) break;
      const ast::Expr& target = Bare(*trigger.segment);
      const Symbol* segment = model.SymbolOf(target);
      if (target.kind == ast::ExprKind::Call) {
        const CallInfo* call = model.CallOf(target.As<ast::CallExpr>());
        segment = call != nullptr ? call->callee : nullptr;
      }
      if (segment != nullptr) lowered.segment = exprs.SegmentIndex(segment);
      lowered.membership = graph.Function(*trigger.segment, "trigger.segment", "the trigger's segment");
      break;
    }
    case ast::TriggerKind::Daily:
      lowered.kind = ir::TriggerKind::Daily;
      if (trigger.time) lowered.time = graph.Function(*trigger.time, "trigger.at", "`daily at`");
      break;
    case ast::TriggerKind::Every:
      lowered.kind = ir::TriggerKind::Every;
      if (trigger.interval) lowered.interval = graph.Quantity(*trigger.interval, "trigger.every", "`every`");
      break;
  }
  if (trigger.where) lowered.where = graph.Function(*trigger.where, "trigger.where", "the trigger's `where`");
  return lowered;
}

ir::Condition LowerCondition(GraphLowerer& graph, const SemanticModel& model, const ir::Program& program,
                             const ast::ConditionStmt& clause, const std::string& place, const std::string& what) {
  ir::Condition condition;
  if (!clause.condition) return condition;
  const Symbol* event = model.EventConditionOf(*clause.condition);
  if (event == nullptr) {
    condition.test = graph.Function(*clause.condition, place, what);
    return condition;
  }
  const ast::Window* window = clause.window ? &*clause.window : nullptr;
  condition.event = EventIndex(program, event);
  condition.test = graph.EventCondition(*event, window, place, what);
  if (window != nullptr && window->kind == ast::WindowKind::Within && window->first) {
    condition.has_within = true;
    condition.within = graph.Quantity(*window->first, place + ".within", what);
  }
  return condition;
}

ir::NodeId WidenToDecimal(ExprLowerer& exprs, ir::NodeId id, const Type& field) {
  const Type& target = field.NonOptional();
  if (!target.is(TypeKind::Decimal) || !exprs.At(id).type.is(TypeKind::Int)) return id;
  ir::Node& node = exprs.At(id);
  if (node.op == ir::Op::Const) {
    node.value *= 10000;
    node.type = Type::Decimal();
    return id;
  }
  // decimal 0 + n: the interpreter's sum of an int and a decimal is scaled.
  ir::NodeId zero = exprs.Constant(Type::Decimal(), 0);
  ir::NodeId sum = exprs.Add(ir::Op::Add, Type::Decimal());
  exprs.At(sum).operands = {zero, id};
  return sum;
}

bool HasDefault(const Symbol& field) {
  if (field.field != nullptr && field.field->default_value) return true;
  const Type& type = field.type.NonOptional();
  if (!type.is(TypeKind::Record) || type.symbol() == nullptr || !type.symbol()->name.empty()) return false;
  for (const Symbol* member : type.symbol()->members) {
    if (HasDefault(*member)) return true;
  }
  return false;
}

ir::NodeId LowerDefault(ExprLowerer& exprs, const Symbol& field) {
  if (!HasDefault(field)) return ir::kNoNode;
  if (field.field != nullptr && field.field->default_value) {
    ir::NodeId id = exprs.LowerConstant(*field.field->default_value, "the default of `" + field.name + "`");
    // `[]` has no element type of its own: it takes the field's.
    if (exprs.At(id).op == ir::Op::ListLiteral) exprs.At(id).type = field.type.NonOptional();
    return WidenToDecimal(exprs, id, field.type);
  }
  // An inline record whose own fields have defaults.
  const Symbol& record = *field.type.NonOptional().symbol();
  std::vector<ir::NodeId> values;
  std::vector<std::string> names;
  for (const Symbol* member : record.members) {
    ir::NodeId value = LowerDefault(exprs, *member);
    values.push_back(value != ir::kNoNode ? value : exprs.Constant(Type::Null(), 0));
    names.push_back(member->name);
  }
  ir::NodeId id = exprs.Add(ir::Op::RecordLiteral, field.type.NonOptional());
  exprs.At(id).operands = std::move(values);
  exprs.At(id).names = std::move(names);
  return id;
}

}  // namespace

std::vector<ir::NodeId> LowerContactDefaults(ExprLowerer& exprs, const Symbol& contact) {
  std::vector<ir::NodeId> defaults;
  for (const Symbol* field : contact.members) defaults.push_back(LowerDefault(exprs, *field));
  return defaults;
}

ir::Journey LowerJourney(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program,
                         const Symbol& symbol) {
  const auto& decl = symbol.decl->As<ast::JourneyDecl>();
  ir::Journey journey;
  journey.name = symbol.name;
  journey.symbol = &symbol;
  GraphLowerer graph(exprs, model, program, journey.graph, symbol.name + ".", /*has_entered=*/true);

  // The trigger first: its `as` name is a slot every clause and step may read.
  SourceRange entry = decl.name.range;
  for (const ast::StmtPtr& item : decl.items) {
    if (!item || item->kind != ast::StmtKind::Trigger) continue;
    journey.trigger = LowerTrigger(graph, exprs, model, program, item->As<ast::TriggerStmt>());
    entry = item->range;
    break;
  }
  std::vector<const ast::Stmt*> steps;
  for (const ast::StmtPtr& item : decl.items) {
    if (!item) continue;
    switch (item->kind) {
      case ast::StmtKind::Trigger: break;
      case ast::StmtKind::When: {
        const auto& when = item->As<ast::WhenStmt>();
        if (when.condition) journey.when = graph.Function(*when.condition, "when", "`when`");
        break;
      }
      case ast::StmtKind::Reentry: {
        const auto& reentry = item->As<ast::ReentryStmt>();
        switch (reentry.reentry) {
          case ast::ReentryKind::Once: journey.reentry.kind = ir::ReentryKind::Once; break;
          case ast::ReentryKind::Always: journey.reentry.kind = ir::ReentryKind::Always; break;
          case ast::ReentryKind::After: journey.reentry.kind = ir::ReentryKind::After; break;
        }
        if (reentry.after) journey.reentry.after = graph.Quantity(*reentry.after, "reentry.after", "`reentry after`");
        break;
      }
      case ast::StmtKind::ExitWhen:
        journey.exit_when =
            LowerCondition(graph, model, program, item->As<ast::ConditionStmt>(), "exit_when", "`exit when`");
        break;
      case ast::StmtKind::Goal:
        journey.goal = LowerCondition(graph, model, program, item->As<ast::ConditionStmt>(), "goal", "`goal`");
        break;
      default: steps.push_back(item.get()); break;
    }
  }
  graph.LowerSteps(steps, entry);
  return journey;
}

ir::Campaign LowerCampaign(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program,
                           const Symbol& symbol) {
  const auto& decl = symbol.decl->As<ast::CampaignDecl>();
  ir::Campaign campaign;
  campaign.name = symbol.name;
  campaign.symbol = &symbol;
  campaign.attribution_click.value = 5 * kDay;
  campaign.attribution_open.value = kDay;
  GraphLowerer graph(exprs, model, program, campaign.graph, symbol.name + ".", /*has_entered=*/false);
  std::vector<const ast::Stmt*> steps;
  for (const ast::StmtPtr& item : decl.items) {
    if (!item) continue;
    switch (item->kind) {
      case ast::StmtKind::Audience: {
        const auto& audience = item->As<ast::ExprItemStmt>();
        if (audience.value) campaign.audience = graph.Function(*audience.value, "audience", "`audience`");
        break;
      }
      case ast::StmtKind::At: {
        const auto& at = item->As<ast::ExprItemStmt>();
        if (at.value) campaign.at = graph.Function(*at.value, "at", "`at`");
        break;
      }
      case ast::StmtKind::Attribution:
        for (const ast::AttributionRule& rule : item->As<ast::AttributionStmt>().rules) {
          if (!rule.window) continue;
          const bool click = rule.interaction.name == "click";
          (click ? campaign.attribution_click : campaign.attribution_open) =
              graph.Quantity(*rule.window, "attribution." + rule.interaction.name, "`attribution`");
        }
        break;
      default: steps.push_back(item.get()); break;
    }
  }
  graph.LowerSteps(steps, decl.name.range);
  return campaign;
}

ir::Popup LowerPopup(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program, const Symbol& symbol) {
  const auto& decl = symbol.decl->As<ast::PopupDecl>();
  ir::Popup popup;
  popup.name = symbol.name;
  popup.symbol = &symbol;
  const std::string prefix = symbol.name + ".";
  for (const ast::PopupItem& item : decl.items) {
    switch (item.kind) {
      case ast::PopupItemKind::ShowTo:
        if (item.audience) popup.target = exprs.LowerFunction(*item.audience, {prefix + "target", "`show to`"});
        break;
      case ast::PopupItemKind::Trigger:
        for (const ast::PopupTrigger& trigger : item.triggers) {
          ir::PopupTrigger lowered;
          switch (trigger.kind) {
            case ast::PopupTriggerKind::After: lowered.kind = ir::PopupTriggerKind::After; break;
            case ast::PopupTriggerKind::Scroll: lowered.kind = ir::PopupTriggerKind::Scroll; break;
            case ast::PopupTriggerKind::Named: lowered.kind = ir::PopupTriggerKind::ExitIntent; break;
          }
          if (trigger.value) {
            const std::string place = lowered.kind == ir::PopupTriggerKind::After ? "trigger.after" : "trigger.scroll";
            lowered.amount = LowerQuantity(exprs, *trigger.value, {prefix + place, "the popup's trigger"});
          }
          popup.triggers.push_back(std::move(lowered));
        }
        break;
      case ast::PopupItemKind::OnDevice: {
        ir::PopupDesign design;
        design.device = item.device.name;
        if (item.record) {
          for (const ast::RecordField& field : item.record->fields) {
            if (!field.value) continue;
            const ast::Expr& value = Bare(*field.value);
            if (field.name.name == "fields" && value.kind == ast::ExprKind::List) {
              for (const ast::ExprPtr& element : value.As<ast::ListExpr>().elements) {
                const Symbol* contact_field = element ? model.SymbolOf(Bare(*element)) : nullptr;
                if (contact_field != nullptr && contact_field->owner == program.contact) {
                  design.form_fields.push_back(MemberIndexOf(*program.contact, *contact_field));
                }
              }
            } else if (field.name.name == "consent") {
              const Symbol* channel = model.SymbolOf(value);
              if (channel != nullptr && channel->owner != nullptr) {
                design.consent = MemberIndexOf(*channel->owner, *channel);
              }
            } else {
              const std::string place = prefix + "on " + design.device + "." + field.name.name;
              design.values.push_back(
                  {field.name.name, exprs.LowerFunction(*field.value, {place, "the popup's `" + field.name.name + "`"})});
            }
          }
        }
        popup.designs.push_back(std::move(design));
        break;
      }
      case ast::PopupItemKind::OnSubmit:
        popup.has_submit = true;
        popup.on_submit =
            LowerEmitFields(exprs, model, program, item.event, item.record.get(), prefix + "on submit.", nullptr);
        break;
    }
  }
  return popup;
}

}  // namespace kairos::ir_internal
