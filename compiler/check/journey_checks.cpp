// Journeys (trigger, clauses, steps) and campaigns.
#include "compiler/base/suggest.h"
#include "compiler/check/constant.h"
#include "compiler/check/declaration_checks.h"

namespace kairos {

bool ClauseTracker::First(const std::string& key, SourceRange range, const std::string& hint) {
  auto [it, inserted] = seen_.emplace(key, range);
  if (inserted) return true;
  sink_.Error(DiagnosticKind::DuplicateClause, range, "`" + key + "` is written twice; " + hint + ".",
              {{it->second, "the first `" + key + "`"}});
  return false;
}

namespace {

// `entered_segment S` / `left_segment S`: S names a segment (or calls a
// parameterised one).
void CheckSegmentTrigger(Checkers& c, const ast::TriggerStmt& trigger, const Scope& scope) {
  if (!trigger.segment) return;
  const ast::Expr& target = Unparenthesized(*trigger.segment);
  const ast::NameExpr* name = nullptr;
  if (target.kind == ast::ExprKind::Name) {
    name = &target.As<ast::NameExpr>();
  } else if (target.kind == ast::ExprKind::Call) {
    const auto& call = target.As<ast::CallExpr>();
    if (call.callee && Unparenthesized(*call.callee).kind == ast::ExprKind::Name) {
      name = &Unparenthesized(*call.callee).As<ast::NameExpr>();
    }
  }
  const char* keyword = trigger.trigger == ast::TriggerKind::EnteredSegment ? "entered_segment"
                                                                            : "left_segment";
  if (name == nullptr) {
    c.ctx.sink.Error(DiagnosticKind::TypeMismatch, trigger.segment->range,
                     std::string("`") + keyword + "` takes the name of a segment.");
    return;
  }
  const Symbol* segment = c.ctx.model.FindDeclaration(SymbolKind::Segment, name->name);
  if (segment == nullptr) {
    c.ctx.sink.Error(DiagnosticKind::UnknownName, name->range,
                     "unknown segment " + Quoted(name->name) + "." +
                         DidYouMean(name->name, c.ctx.DeclarationNames(SymbolKind::Segment)));
    return;
  }
  c.exprs.CheckCondition(*trigger.segment, scope, std::string("`") + keyword + "`");
}

void CheckTrigger(Checkers& c, const ast::TriggerStmt& trigger, Scope& scope) {
  switch (trigger.trigger) {
    case ast::TriggerKind::Event: {
      const Symbol* event = c.ctx.model.schema().FindEvent(trigger.event.name);
      if (event == nullptr) {
        c.ctx.sink.Error(DiagnosticKind::UnknownEvent, trigger.event.range,
                         "unknown event " + Quoted(trigger.event.name) + "." +
                             DidYouMean(trigger.event.name, c.ctx.model.schema().EventNames()));
      } else {
        c.ctx.model.AddReference(trigger.event.range, event);
      }
      if (trigger.alias) {
        Symbol& alias = c.ctx.model.NewSymbol(SymbolKind::Local, trigger.alias->name);
        alias.type = event != nullptr ? Type::Record(event) : Type::Error();
        alias.name_range = trigger.alias->range;
        alias.decl_range = trigger.range;
        alias.doc = "The event that started this journey.";
        c.ctx.model.AddReference(trigger.alias->range, &alias, /*is_definition=*/true);
        scope.Add(alias.name, &alias);
      }
      // Without the event its fields are unknown: checking would only cascade.
      if (trigger.where && event != nullptr) {
        Scope fields(&scope);
        fields.AddMembers(*event);
        c.exprs.CheckCondition(*trigger.where, fields, "the trigger's `where`");
      }
      return;
    }
    case ast::TriggerKind::EnteredSegment:
    case ast::TriggerKind::LeftSegment:
      CheckSegmentTrigger(c, trigger, scope);
      break;
    case ast::TriggerKind::Daily:
      if (trigger.time) c.exprs.CheckValue(*trigger.time, scope, Type::Time(), "`daily at`");
      break;
    case ast::TriggerKind::Every:
      if (trigger.interval) {
        Type t = c.exprs.CheckValue(*trigger.interval, scope, Type::Duration(), "`every`");
        std::optional<int64_t> seconds = ConstantSeconds(*trigger.interval);
        if (!t.is_error() && seconds && *seconds <= 0) {
          c.ctx.sink.Error(DiagnosticKind::NonPositiveWait, trigger.interval->range,
                           "`every` needs a positive duration such as `1d`.");
        }
      }
      break;
  }
  if (trigger.where) c.exprs.CheckCondition(*trigger.where, scope, "the trigger's `where`");
}

// `exit when` and `goal`: a condition, or a bare event name with an optional
// window meaning "such an event exists in it".
void CheckConditionClause(Checkers& c, const ast::ConditionStmt& clause, const Scope& scope,
                          const std::string& what) {
  if (!clause.condition) return;
  const ast::Expr& condition = Unparenthesized(*clause.condition);
  if (condition.kind == ast::ExprKind::Name) {
    const auto& name = condition.As<ast::NameExpr>();
    const Symbol* symbol = scope.Find(name.name);
    if (symbol != nullptr && symbol->kind == SymbolKind::Event) {
      c.ctx.model.AddReference(name.range, symbol);
      c.ctx.model.SetSymbol(name, symbol);
      c.ctx.model.SetType(name, Type::Bool());
      c.ctx.model.SetType(*clause.condition, Type::Bool());
      c.ctx.model.SetEventCondition(*clause.condition, symbol);
      if (clause.window) c.exprs.CheckWindow(*clause.window, scope);
      return;
    }
    if (symbol == nullptr && clause.window) {
      c.ctx.sink.Error(DiagnosticKind::UnknownEvent, name.range,
                       "unknown event " + Quoted(name.name) + "." +
                           DidYouMean(name.name, c.ctx.model.schema().EventNames()));
      return;
    }
  }
  c.exprs.CheckCondition(*clause.condition, scope, what);
  if (clause.window) {
    c.ctx.sink.Error(DiagnosticKind::WindowOnNonHistory, clause.window->range,
                     "a window here applies to a bare event (`" + what.substr(1, what.size() - 2) +
                         " order_placed within 7d`); for a condition put it inside a history "
                         "function, such as `exists(order_placed within 7d)`.");
  }
}

}  // namespace

void CheckJourney(Checkers& c, const ast::JourneyDecl& journey) {
  Scope journey_scope(&c.ctx.program);
  journey_scope.Add("entered", c.ctx.entered);

  const ast::TriggerStmt* trigger = nullptr;
  for (const ast::StmtPtr& item : journey.items) {
    if (item && item->kind == ast::StmtKind::Trigger) {
      trigger = &item->As<ast::TriggerStmt>();
      break;
    }
  }
  if (trigger == nullptr) {
    c.ctx.sink.Error(DiagnosticKind::MissingTrigger, journey.name.range,
                     "journey " + Quoted(journey.name.name) +
                         " has no trigger; add one, such as `trigger order_placed as o`, "
                         "`trigger entered_segment vip` or `trigger daily at 09:00`.");
  } else {
    CheckTrigger(c, *trigger, journey_scope);
  }

  ClauseTracker clauses(c.ctx.sink);
  Scope steps(&journey_scope);
  StepChecker::Flow flow;
  for (const ast::StmtPtr& item : journey.items) {
    if (!item) continue;
    switch (item->kind) {
      case ast::StmtKind::Trigger:
        if (!clauses.First("trigger", item->range,
                           "a journey has one trigger: split it into two journeys")) {
          Scope ignored(&journey_scope);
          CheckTrigger(c, item->As<ast::TriggerStmt>(), ignored);
        }
        break;
      case ast::StmtKind::When: {
        clauses.First("when", item->range, "combine the conditions with `and` in one `when`");
        const auto& when = item->As<ast::WhenStmt>();
        if (when.condition) c.exprs.CheckCondition(*when.condition, journey_scope, "`when`");
        break;
      }
      case ast::StmtKind::Reentry: {
        clauses.First("reentry", item->range, "keep one `reentry`");
        const auto& reentry = item->As<ast::ReentryStmt>();
        if (reentry.after) {
          c.exprs.CheckValue(*reentry.after, journey_scope, Type::Duration(), "`reentry after`");
        }
        break;
      }
      case ast::StmtKind::ExitWhen:
        clauses.First("exit when", item->range, "combine the conditions with `or` in one `exit when`");
        CheckConditionClause(c, item->As<ast::ConditionStmt>(), journey_scope, "`exit when`");
        break;
      case ast::StmtKind::Goal:
        clauses.First("goal", item->range, "combine the goals with `or` in one `goal`");
        CheckConditionClause(c, item->As<ast::ConditionStmt>(), journey_scope, "`goal`");
        break;
      default:
        c.steps.CheckStep(*item, steps, flow);
        break;
    }
  }
}

void CheckCampaign(Checkers& c, const ast::CampaignDecl& campaign) {
  ClauseTracker clauses(c.ctx.sink);
  Scope scope(&c.ctx.program);
  Scope steps(&scope);
  StepChecker::Flow flow;
  for (const ast::StmtPtr& item : campaign.items) {
    if (!item) continue;
    switch (item->kind) {
      case ast::StmtKind::Audience: {
        clauses.First("audience", item->range, "combine the conditions with `and` in one `audience`");
        const auto& audience = item->As<ast::ExprItemStmt>();
        if (audience.value) c.exprs.CheckCondition(*audience.value, scope, "`audience`");
        break;
      }
      case ast::StmtKind::At: {
        clauses.First("at", item->range, "a campaign goes out once; keep one `at`");
        const auto& at = item->As<ast::ExprItemStmt>();
        if (!at.value) break;
        Type t = c.exprs.Check(*at.value, scope);
        if (t.is_error() || t.is(TypeKind::Timestamp)) break;
        std::string hint = t.is(TypeKind::Date)
                               ? " Add a time of day: `" + std::string(CheckContext::Text(at.value->range)) + " 09:00`."
                               : "";
        c.ctx.sink.Error(DiagnosticKind::TypeMismatch, at.value->range,
                         "`at` needs a date and time such as `2026-11-27 09:00`, but " +
                             CheckContext::Quote(*at.value) + " is " + t.ToString() + "." + hint);
        break;
      }
      case ast::StmtKind::Attribution: {
        clauses.First("attribution", item->range, "list every rule in one `attribution`");
        ClauseTracker rules(c.ctx.sink);
        for (const ast::AttributionRule& rule : item->As<ast::AttributionStmt>().rules) {
          if (rule.window) c.exprs.CheckValue(*rule.window, scope, Type::Duration(), "`attribution`");
          const std::string& interaction = rule.interaction.name;
          if (interaction != "click" && interaction != "open") {
            c.ctx.sink.Error(DiagnosticKind::UnknownName, rule.interaction.range,
                             "attribution counts orders `after click` or `after open`, not after " +
                                 Quoted(interaction) + "." + DidYouMean(interaction, {"click", "open"}));
            continue;
          }
          rules.First("after " + interaction, rule.range, "keep one window for each interaction");
        }
        break;
      }
      default:
        c.steps.CheckStep(*item, steps, flow);
        break;
    }
  }
}

}  // namespace kairos
