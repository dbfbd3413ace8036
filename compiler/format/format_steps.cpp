// Journey clauses, steps and campaign items: one per line, blocks indented.
#include <algorithm>
#include <string>

#include "compiler/format/expr_text.h"
#include "compiler/format/formatter.h"

namespace kairos::format_internal {
namespace {

std::string WhereText(const ast::ExprPtr& where) {
  return where ? " where " + ExprText(*where) : std::string();
}

std::string TriggerText(const ast::TriggerStmt& trigger) {
  switch (trigger.trigger) {
    case ast::TriggerKind::Event: {
      std::string text = "trigger " + trigger.event.name;
      if (trigger.alias) text += " as " + trigger.alias->name;
      return text + WhereText(trigger.where);
    }
    case ast::TriggerKind::EnteredSegment:
      return "trigger entered_segment " + ExprText(*trigger.segment) + WhereText(trigger.where);
    case ast::TriggerKind::LeftSegment:
      return "trigger left_segment " + ExprText(*trigger.segment) + WhereText(trigger.where);
    case ast::TriggerKind::Daily:
      return "trigger daily at " + ExprText(*trigger.time) + WhereText(trigger.where);
    case ast::TriggerKind::Every:
      return "trigger every " + ExprText(*trigger.interval) + WhereText(trigger.where);
  }
  return {};
}

}  // namespace

void Formatter::Steps(const std::vector<ast::StmtPtr>& steps, int indent) {
  for (size_t i = 0; i < steps.size(); ++i) {
    Step(*steps[i], indent, i + 1 < steps.size() ? steps[i + 1].get() : nullptr);
  }
}

void Formatter::Step(const ast::Stmt& step, int indent, const ast::Stmt* next) {
  switch (step.kind) {
    case ast::StmtKind::Trigger:
      ItemLine(indent, TriggerText(step.As<ast::TriggerStmt>()), step.range);
      break;
    case ast::StmtKind::When: {
      const ast::Expr& condition = *step.As<ast::WhenStmt>().condition;
      ConditionLine(indent, "when", condition, "", step.range, condition.range.begin);
      break;
    }
    case ast::StmtKind::Reentry: {
      const auto& reentry = step.As<ast::ReentryStmt>();
      std::string text = reentry.reentry == ast::ReentryKind::Once ? "reentry once"
                         : reentry.reentry == ast::ReentryKind::Always
                             ? "reentry always"
                             : "reentry after " + ExprText(*reentry.after);
      ItemLine(indent, text, step.range);
      break;
    }
    case ast::StmtKind::ExitWhen:
    case ast::StmtKind::Goal: {
      const auto& condition = step.As<ast::ConditionStmt>();
      std::string head = step.kind == ast::StmtKind::Goal ? "goal" : "exit when";
      std::string tail = condition.window ? " " + WindowText(*condition.window) : "";
      ConditionLine(indent, head, *condition.condition, tail, step.range,
                    condition.condition->range.begin);
      break;
    }
    case ast::StmtKind::Wait:
      ItemLine(indent, "wait " + ExprText(*step.As<ast::WaitStmt>().duration), step.range);
      break;
    case ast::StmtKind::WaitUntil:
      WaitUntil(step.As<ast::WaitUntilStmt>(), indent);
      break;
    case ast::StmtKind::If:
      If(step.As<ast::IfStmt>(), indent);
      break;
    case ast::StmtKind::Split:
      Split(step.As<ast::SplitStmt>(), indent);
      break;
    case ast::StmtKind::Send: {
      const auto& send = step.As<ast::SendStmt>();
      std::string head = "send " + send.channel.name;
      if (send.provider_template) head += " template";
      head += " " + send.message->text;
      RecordLine(indent, head, send.data.get(), step.range);
      break;
    }
    case ast::StmtKind::Let: {
      const auto& let = step.As<ast::LetStmt>();
      ItemLine(indent, "let " + let.name.name + " = " + ExprText(*let.value), step.range);
      break;
    }
    case ast::StmtKind::Issue:
      ItemLine(indent, "issue coupon " + step.As<ast::IssueStmt>().pool.name, step.range);
      break;
    case ast::StmtKind::Tag: {
      const auto& tag = step.As<ast::TagStmt>();
      ItemLine(indent, (tag.untag ? "untag contact " : "tag contact ") + ExprText(*tag.tag),
               step.range);
      break;
    }
    case ast::StmtKind::Set: {
      const auto& set = step.As<ast::SetStmt>();
      ItemLine(indent, "set " + ExprText(*set.target) + " = " + ExprText(*set.value), step.range);
      break;
    }
    case ast::StmtKind::Notify: {
      const auto& notify = step.As<ast::NotifyStmt>();
      ItemLine(indent, "notify " + ExprText(*notify.recipient) + " " + ExprText(*notify.message),
               step.range);
      break;
    }
    case ast::StmtKind::Score:
      ItemLine(indent, "score " + ExprText(*step.As<ast::ScoreStmt>().delta), step.range);
      break;
    case ast::StmtKind::Emit: {
      const auto& emit = step.As<ast::EmitStmt>();
      RecordLine(indent, "emit " + emit.event.name, emit.fields.get(), step.range);
      break;
    }
    case ast::StmtKind::Exit:
      // Without the `;`, `exit` and a following `when` clause would read as
      // one `exit when` clause.
      ItemLine(indent, next && next->kind == ast::StmtKind::When ? "exit;" : "exit", step.range);
      break;
    case ast::StmtKind::Audience: {
      const ast::Expr& audience = *step.As<ast::ExprItemStmt>().value;
      ConditionLine(indent, "audience", audience, "", step.range, audience.range.begin);
      break;
    }
    case ast::StmtKind::At:
      ItemLine(indent, "at " + ExprText(*step.As<ast::ExprItemStmt>().value), step.range);
      break;
    case ast::StmtKind::Attribution: {
      std::string text = "attribution";
      const auto& rules = step.As<ast::AttributionStmt>().rules;
      for (size_t i = 0; i < rules.size(); ++i) {
        text += i == 0 ? " " : ", ";
        text += ExprText(*rules[i].window) + " after " + rules[i].interaction.name;
      }
      ItemLine(indent, text, step.range);
      break;
    }
  }
}

void Formatter::BlockBody(const ast::Block& block, int indent) {
  writer_.EnterBlock();
  Steps(block.steps, indent + kIndent);
}

void Formatter::WaitUntil(const ast::WaitUntilStmt& wait, int indent) {
  std::string head = "wait until " + ExprText(*wait.target) + WhereText(wait.where);
  uint32_t head_end = wait.target->range.end;
  if (wait.where) head_end = std::max(head_end, wait.where->range.end);
  if (wait.window) {
    head += " " + WindowText(*wait.window);
    head_end = std::max(head_end, wait.window->range.end);
  }
  if (wait.arms.empty()) {
    ItemLine(indent, head, wait.range);
    return;
  }
  writer_.Line(LineKind::Header, indent, head, wait.range.begin, head_end);
  writer_.EnterBlock();
  int arm_indent = indent + kIndent;
  for (const ast::WaitArm& arm : wait.arms) {
    std::string arm_head = arm.is_timeout ? "on timeout {" : "on " + arm.event.name + " {";
    writer_.Line(LineKind::Header, arm_indent, arm_head, arm.range.begin, arm.body.range.begin + 1);
    BlockBody(arm.body, arm_indent);
    CloseBlock(arm_indent, ClosingBrace(arm.body.range));
  }
}

void Formatter::If(const ast::IfStmt& if_stmt, int indent) {
  uint32_t rbrace = 0;
  for (size_t i = 0; i < if_stmt.branches.size(); ++i) {
    const ast::IfBranch& branch = if_stmt.branches[i];
    std::string condition = ExprText(*branch.condition);
    uint32_t lbrace_end = branch.body.range.begin + 1;
    if (i == 0) {
      writer_.Line(LineKind::Header, indent, "if " + condition + " {", if_stmt.range.begin,
                   lbrace_end);
    } else {
      writer_.Comments(rbrace, indent + kIndent);
      writer_.Line(LineKind::Closing, indent, "} else if " + condition + " {", rbrace, lbrace_end);
    }
    BlockBody(branch.body, indent);
    rbrace = ClosingBrace(branch.body.range);
  }
  if (if_stmt.else_body) {
    writer_.Comments(rbrace, indent + kIndent);
    writer_.Line(LineKind::Closing, indent, "} else {", rbrace, if_stmt.else_body->range.begin + 1);
    BlockBody(*if_stmt.else_body, indent);
    rbrace = ClosingBrace(if_stmt.else_body->range);
  }
  CloseBlock(indent, rbrace);
}

void Formatter::Split(const ast::SplitStmt& split, int indent) {
  uint32_t rbrace = 0;
  for (size_t i = 0; i < split.arms.size(); ++i) {
    const ast::SplitArm& arm = split.arms[i];
    std::string percent = ExprText(*arm.percent);
    uint32_t lbrace_end = arm.body.range.begin + 1;
    if (i == 0) {
      writer_.Line(LineKind::Header, indent, "split " + percent + " {", split.range.begin,
                   lbrace_end);
    } else {
      writer_.Comments(rbrace, indent + kIndent);
      writer_.Line(LineKind::Closing, indent, "} " + percent + " {", rbrace, lbrace_end);
    }
    BlockBody(arm.body, indent);
    rbrace = ClosingBrace(arm.body.range);
  }
  CloseBlock(indent, rbrace);
}

}  // namespace kairos::format_internal
