// Steps that shape a journey's flow in time: `wait D`, `wait until ...` with
// its arms, and `split`.
#include <cstdlib>
#include <map>
#include <string>

#include "compiler/base/suggest.h"
#include "compiler/check/constant.h"
#include "compiler/check/step_checker.h"

namespace kairos {
namespace {

std::string PercentText(int64_t scaled) {
  std::string text = std::to_string(scaled / 10000);
  if (int64_t fraction = std::abs(scaled % 10000); fraction != 0) {
    std::string digits = std::to_string(10000 + fraction).substr(1);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text + "%";
}

}  // namespace

void StepChecker::CheckWait(const ast::WaitStmt& wait, const Scope& scope) {
  if (!wait.duration) return;
  Type t = exprs_.CheckValue(*wait.duration, scope, Type::Duration(), "`wait`");
  if (t.is_error()) return;
  std::optional<int64_t> seconds = ConstantSeconds(*wait.duration);
  if (seconds && *seconds <= 0) {
    ctx_.sink.Error(DiagnosticKind::NonPositiveWait, wait.duration->range,
                    "`wait` needs a positive duration such as `4h`; " +
                        CheckContext::Quote(*wait.duration) + " would not wait at all.");
  }
}

void StepChecker::CheckWaitUntil(const ast::WaitUntilStmt& wait, const Scope& scope) {
  if (!wait.target) return;
  const ast::Expr& target = Unparenthesized(*wait.target);
  const Symbol* event = nullptr;
  if (target.kind == ast::ExprKind::Name) {
    const auto& name = target.As<ast::NameExpr>();
    const Symbol* symbol = scope.Find(name.name);
    if (symbol == nullptr) {
      ctx_.sink.Error(DiagnosticKind::UnknownEvent, name.range,
                      "unknown event " + Quoted(name.name) + "." +
                          DidYouMean(name.name, ctx_.model.schema().EventNames()) +
                          " `wait until` waits for an event, a time of day or an instant.");
      for (const ast::WaitArm& arm : wait.arms) CheckBlock(arm.body, scope);
      return;
    }
    if (symbol->kind == SymbolKind::Event) event = symbol;
  }

  if (event != nullptr) {
    ctx_.model.AddReference(target.range, event);
    ctx_.model.SetSymbol(target, event);
    ctx_.model.SetType(target, Type::Event(event));
    if (&target != wait.target.get()) ctx_.model.SetType(*wait.target, Type::Event(event));
    if (wait.where) {
      Scope fields(&scope);
      fields.AddMembers(*event);
      exprs_.CheckCondition(*wait.where, fields, "the `where` of `wait until`",
                            DiagnosticKind::WhereNotBool);
    }
    if (wait.window) {
      if (wait.window->kind == ast::WindowKind::Within) {
        exprs_.CheckWindow(*wait.window, scope);
        std::optional<int64_t> seconds =
            wait.window->first ? ConstantSeconds(*wait.window->first) : std::nullopt;
        if (seconds && *seconds <= 0) {
          ctx_.sink.Error(DiagnosticKind::NonPositiveWait, wait.window->first->range,
                          "`within` needs a positive duration such as `1d`: how long to wait for " +
                              Quoted(event->name) + ".");
        }
      } else {
        ctx_.sink.Error(DiagnosticKind::TypeMismatch, wait.window->range,
                        "`wait until " + event->name + "` takes `within D`: how long to wait before "
                        "`on timeout`.");
      }
    }
    const ast::WaitArm* timeout = nullptr;
    std::map<std::string, const ast::WaitArm*> seen;
    for (const ast::WaitArm& arm : wait.arms) {
      if (arm.is_timeout) {
        if (timeout != nullptr) {
          ctx_.sink.Error(DiagnosticKind::DuplicateClause, arm.range,
                          "`wait until` has a second `on timeout`; merge them into one.",
                          {{timeout->range, "the first `on timeout`"}});
        } else if (!wait.window) {
          ctx_.sink.Error(DiagnosticKind::OnArmNotAwaited, arm.range,
                          "this `wait until` has no `within`, so it never times out and `on timeout` "
                          "can never run; add how long to wait, such as `within 1d`.");
        }
        timeout = &arm;
      } else if (arm.event.name == event->name) {
        ctx_.model.AddReference(arm.event.range, event);
        if (auto [it, inserted] = seen.emplace(arm.event.name, &arm); !inserted) {
          ctx_.sink.Error(DiagnosticKind::DuplicateClause, arm.range,
                          "`wait until` has a second `on " + arm.event.name + "`; merge them into one.",
                          {{it->second->range, "the first one"}});
        }
      } else if (const Symbol* other = ctx_.model.schema().FindEvent(arm.event.name)) {
        ctx_.model.AddReference(arm.event.range, other);
        ctx_.sink.Error(DiagnosticKind::OnArmNotAwaited, arm.event.range,
                        "this `wait until` waits for " + Quoted(event->name) + ", so `on " +
                            arm.event.name + "` can never run; write `on " + event->name +
                            "` or wait for " + Quoted(arm.event.name) + " instead.");
      } else {
        ctx_.sink.Error(DiagnosticKind::UnknownEvent, arm.event.range,
                        "unknown event " + Quoted(arm.event.name) + "." +
                            DidYouMean(arm.event.name, ctx_.model.schema().EventNames()) +
                            " This `wait until` waits for " + Quoted(event->name) + ".");
      }
      CheckBlock(arm.body, scope);
    }
    return;
  }

  // A clock time or an instant.
  Type t = exprs_.Check(*wait.target, scope);
  if (!t.is_error() && !t.is(TypeKind::Time) && !t.is(TypeKind::Timestamp)) {
    if (t.is_optional() && (t.element().is(TypeKind::Time) || t.element().is(TypeKind::Timestamp))) {
      ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, wait.target->range,
                      CheckContext::Quote(*wait.target) + " may be missing; give it a default with `??`.");
    } else {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, wait.target->range,
                      "`wait until` takes an event, a time of day (`09:00`) or an instant "
                      "(`2026-11-27 09:00`, `cart.at + 1d`), but " +
                          CheckContext::Quote(*wait.target) + " is " + t.ToString() + ".");
    }
  }
  if (wait.where) {
    ctx_.sink.Error(DiagnosticKind::WindowOnNonHistory, wait.where->range,
                    "`where` filters the event a `wait until` waits for; this one waits for a time.");
  }
  if (wait.window) {
    ctx_.sink.Error(DiagnosticKind::WindowOnNonHistory, wait.window->range,
                    "a window limits how long to wait for an event; this `wait until` waits for a time.");
  }
  for (const ast::WaitArm& arm : wait.arms) {
    ctx_.sink.Error(DiagnosticKind::OnArmNotAwaited, arm.range,
                    "this `wait until` waits for a time, not an event, so it has no `on` arms; put "
                    "the steps after the wait.");
    CheckBlock(arm.body, scope);
  }
}

void StepChecker::CheckSplit(const ast::SplitStmt& split, const Scope& scope) {
  int64_t total = 0;
  bool constant = true;
  for (const ast::SplitArm& arm : split.arms) {
    if (arm.percent) {
      const ast::Expr& percent = Unparenthesized(*arm.percent);
      exprs_.CheckValue(*arm.percent, scope, Type::Percent(), "a `split` arm");
      if (percent.kind == ast::ExprKind::Literal &&
          percent.As<ast::LiteralExpr>().literal == ast::LiteralKind::Percent) {
        total += percent.As<ast::LiteralExpr>().scaled_value;
      } else {
        constant = false;
      }
    }
    CheckBlock(arm.body, scope);
  }
  if (constant && total != kHundredPercent) {
    ctx_.sink.Error(DiagnosticKind::SplitNotHundred, split.range,
                    "the arms of this `split` add up to " + PercentText(total) +
                        "; they must add up to 100% so every contact takes one.");
  }
}

}  // namespace kairos
