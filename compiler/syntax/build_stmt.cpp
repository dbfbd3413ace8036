// The AST builder: journey clauses, steps and campaign items.
#include "compiler/syntax/parse_internal.h"

namespace kairos::syntax_internal {

ast::StmtPtr AstBuilder::JourneyItem(JP::JourneyItemContext* context) {
  if (auto* clause = context->clause()) return Clause(clause);
  return Step(context->step());
}

ast::StmtPtr AstBuilder::Clause(JP::ClauseContext* context) {
  SourceRange range = Range(context);
  if (auto* trigger = dynamic_cast<JP::TriggerClauseContext*>(context)) {
    return Trigger(trigger->trigger(), range);
  }
  if (auto* when = dynamic_cast<JP::WhenClauseContext*>(context)) {
    return std::make_unique<ast::WhenStmt>(Expr(when->expr()), range);
  }
  if (auto* reentry = dynamic_cast<JP::ReentryClauseContext*>(context)) {
    if (reentry->ONCE()) return std::make_unique<ast::ReentryStmt>(ast::ReentryKind::Once, nullptr, range);
    if (reentry->ALWAYS()) return std::make_unique<ast::ReentryStmt>(ast::ReentryKind::Always, nullptr, range);
    return std::make_unique<ast::ReentryStmt>(ast::ReentryKind::After, Expr(reentry->expr()), range);
  }
  if (auto* exit = dynamic_cast<JP::ExitWhenClauseContext*>(context)) {
    std::optional<ast::Window> window;
    if (auto* w = exit->window()) window = Window(w);
    return std::make_unique<ast::ConditionStmt>(ast::StmtKind::ExitWhen, Expr(exit->expr()),
                                                std::move(window), range);
  }
  auto* goal = static_cast<JP::GoalClauseContext*>(context);
  std::optional<ast::Window> window;
  if (auto* w = goal->window()) window = Window(w);
  return std::make_unique<ast::ConditionStmt>(ast::StmtKind::Goal, Expr(goal->expr()), std::move(window),
                                              range);
}

ast::StmtPtr AstBuilder::Trigger(JP::TriggerContext* context, SourceRange range) {
  if (auto* segment = dynamic_cast<JP::SegmentTriggerContext*>(context)) {
    auto kind = segment->ENTERED_SEGMENT() ? ast::TriggerKind::EnteredSegment : ast::TriggerKind::LeftSegment;
    auto trigger = std::make_unique<ast::TriggerStmt>(kind, range);
    trigger->segment = Expr(segment->expr());
    return trigger;
  }
  if (auto* daily = dynamic_cast<JP::DailyTriggerContext*>(context)) {
    auto trigger = std::make_unique<ast::TriggerStmt>(ast::TriggerKind::Daily, range);
    trigger->time = Expr(daily->expr(0));
    if (daily->WHERE()) trigger->where = Expr(daily->expr(1));
    return trigger;
  }
  if (auto* every = dynamic_cast<JP::EveryTriggerContext*>(context)) {
    auto trigger = std::make_unique<ast::TriggerStmt>(ast::TriggerKind::Every, range);
    trigger->interval = Expr(every->expr(0));
    if (every->WHERE()) trigger->where = Expr(every->expr(1));
    return trigger;
  }
  auto* event = static_cast<JP::EventTriggerContext*>(context);
  auto trigger = std::make_unique<ast::TriggerStmt>(ast::TriggerKind::Event, range);
  trigger->event = Ident(event->ident(0));
  if (event->AS()) trigger->alias = Ident(event->ident(1));
  if (event->WHERE()) trigger->where = Expr(event->expr());
  return trigger;
}

ast::StmtPtr AstBuilder::CampaignItem(JP::CampaignItemContext* context) {
  SourceRange range = Range(context);
  if (auto* audience = dynamic_cast<JP::AudienceItemContext*>(context)) {
    return std::make_unique<ast::ExprItemStmt>(ast::StmtKind::Audience, Expr(audience->expr()), range);
  }
  if (auto* at = dynamic_cast<JP::AtItemContext*>(context)) {
    return std::make_unique<ast::ExprItemStmt>(ast::StmtKind::At, Expr(at->expr()), range);
  }
  if (auto* attribution = dynamic_cast<JP::AttributionItemContext*>(context)) {
    auto stmt = std::make_unique<ast::AttributionStmt>(range);
    for (JP::AttributionRuleContext* rule : attribution->attributionRule()) {
      stmt->rules.push_back({Expr(rule->expr()), Ident(rule->ident()), Range(rule)});
    }
    return stmt;
  }
  return Step(static_cast<JP::CampaignStepContext*>(context)->step());
}

ast::Block AstBuilder::Block(JP::BlockContext* context) {
  ast::Block block;
  block.range = Range(context);
  for (JP::StepContext* step : context->step()) block.steps.push_back(Step(step));
  return block;
}

ast::WaitArm AstBuilder::WaitArm(JP::WaitArmContext* context) {
  ast::WaitArm arm;
  arm.range = Range(context);
  if (auto* timeout = dynamic_cast<JP::TimeoutArmContext*>(context)) {
    arm.is_timeout = true;
    arm.body = Block(timeout->block());
  } else {
    auto* event = static_cast<JP::EventArmContext*>(context);
    arm.event = Ident(event->ident());
    arm.body = Block(event->block());
  }
  return arm;
}

ast::StmtPtr AstBuilder::Step(JP::StepContext* context) {
  SourceRange range = Range(context);
  if (auto* wait = dynamic_cast<JP::WaitStepContext*>(context)) {
    return std::make_unique<ast::WaitStmt>(Expr(wait->expr()), range);
  }
  if (auto* until = dynamic_cast<JP::WaitUntilStepContext*>(context)) {
    auto stmt = std::make_unique<ast::WaitUntilStmt>(range);
    stmt->target = Expr(until->expr(0));
    if (until->WHERE()) stmt->where = Expr(until->expr(1));
    if (auto* window = until->window()) stmt->window = Window(window);
    for (JP::WaitArmContext* arm : until->waitArm()) stmt->arms.push_back(WaitArm(arm));
    return stmt;
  }
  if (auto* if_step = dynamic_cast<JP::IfStepContext*>(context)) {
    auto stmt = std::make_unique<ast::IfStmt>(range);
    std::vector<JP::ExprContext*> conditions = if_step->expr();
    std::vector<JP::BlockContext*> blocks = if_step->block();
    for (size_t i = 0; i < conditions.size(); ++i) {
      stmt->branches.push_back({Expr(conditions[i]), Block(blocks[i])});
    }
    if (blocks.size() > conditions.size()) stmt->else_body = Block(blocks.back());
    return stmt;
  }
  if (auto* split = dynamic_cast<JP::SplitStepContext*>(context)) {
    auto stmt = std::make_unique<ast::SplitStmt>(range);
    for (JP::SplitArmContext* arm : split->splitArm()) {
      SourceRange percent_range = SourceRange::Join(Range(arm->number()), Range(arm->PERCENT()));
      stmt->arms.push_back({Percent(arm->number(), percent_range), Block(arm->block()), Range(arm)});
    }
    return stmt;
  }
  if (auto* send = dynamic_cast<JP::SendStepContext*>(context)) {
    auto stmt = std::make_unique<ast::SendStmt>(range);
    stmt->channel = Ident(send->ident());
    stmt->provider_template = send->TEMPLATE() != nullptr;
    stmt->message = String(send->STRING());
    if (auto* record = send->recordLiteral()) stmt->data = Record(record);
    return stmt;
  }
  if (auto* let = dynamic_cast<JP::LetStepContext*>(context)) {
    return std::make_unique<ast::LetStmt>(Ident(let->ident()), Expr(let->expr()), range);
  }
  if (auto* issue = dynamic_cast<JP::IssueStepContext*>(context)) {
    return std::make_unique<ast::IssueStmt>(Ident(issue->ident()), range);
  }
  if (auto* tag = dynamic_cast<JP::TagStepContext*>(context)) {
    return std::make_unique<ast::TagStmt>(tag->UNTAG() != nullptr, Expr(tag->expr()), range);
  }
  if (auto* set = dynamic_cast<JP::SetStepContext*>(context)) {
    return std::make_unique<ast::SetStmt>(Expr(set->expr(0)), Expr(set->expr(1)), range);
  }
  if (auto* notify = dynamic_cast<JP::NotifyStepContext*>(context)) {
    return std::make_unique<ast::NotifyStmt>(Postfix(notify->postfix()), Expr(notify->expr()), range);
  }
  if (auto* score = dynamic_cast<JP::ScoreStepContext*>(context)) {
    return std::make_unique<ast::ScoreStmt>(Expr(score->expr()), range);
  }
  if (auto* emit = dynamic_cast<JP::EmitStepContext*>(context)) {
    std::unique_ptr<ast::RecordExpr> fields;
    if (auto* record = emit->recordLiteral()) fields = Record(record);
    return std::make_unique<ast::EmitStmt>(Ident(emit->ident()), std::move(fields), range);
  }
  return std::make_unique<ast::ExitStmt>(range);
}

}  // namespace kairos::syntax_internal
