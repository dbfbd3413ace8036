#include "compiler/check/step_checker.h"

#include <map>

#include "compiler/base/suggest.h"
#include "compiler/check/constant.h"
#include "compiler/template/template.h"

namespace kairos {
namespace {

constexpr int64_t kHundredPercent = 100 * 10000;  // percents are scaled by 10^4

std::string PercentText(int64_t scaled) {
  std::string text = std::to_string(scaled / 10000);
  if (int64_t fraction = std::abs(scaled % 10000); fraction != 0) {
    std::string digits = std::to_string(10000 + fraction).substr(1);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text + "%";
}

// Whether a value of this type can be written into a message's text.
bool IsRenderable(const Type& type) {
  switch (type.NonOptional().kind()) {
    case TypeKind::Record:
    case TypeKind::List:
    case TypeKind::Set:
    case TypeKind::Event:
    case TypeKind::Coupon:
      return false;
    default:
      return true;
  }
}

}  // namespace

void StepChecker::CheckStep(const ast::Stmt& step, Scope& scope, Flow& flow) {
  if (flow.exited && !flow.reported) {
    ctx_.sink.Error(DiagnosticKind::UnreachableStep, step.range,
                    "this step can never run: an `exit` above it ends the journey; remove it or move "
                    "the `exit` below it.");
    flow.reported = true;
  }
  switch (step.kind) {
    case ast::StmtKind::Wait:
      CheckWait(step.As<ast::WaitStmt>(), scope);
      break;
    case ast::StmtKind::WaitUntil:
      CheckWaitUntil(step.As<ast::WaitUntilStmt>(), scope);
      break;
    case ast::StmtKind::If: {
      const auto& stmt = step.As<ast::IfStmt>();
      for (const ast::IfBranch& branch : stmt.branches) {
        if (branch.condition) exprs_.CheckCondition(*branch.condition, scope, "`if`");
        CheckBlock(branch.body, scope);
      }
      if (stmt.else_body) CheckBlock(*stmt.else_body, scope);
      break;
    }
    case ast::StmtKind::Split:
      CheckSplit(step.As<ast::SplitStmt>(), scope);
      break;
    case ast::StmtKind::Send:
      CheckSend(step.As<ast::SendStmt>(), scope);
      break;
    case ast::StmtKind::Let:
      CheckLet(step.As<ast::LetStmt>(), scope);
      break;
    case ast::StmtKind::Issue:
      CheckIssue(step.As<ast::IssueStmt>().pool);
      break;
    case ast::StmtKind::Tag: {
      const auto& tag = step.As<ast::TagStmt>();
      if (tag.tag) {
        exprs_.CheckValue(*tag.tag, scope, Type::String(),
                          tag.untag ? "`untag contact`" : "`tag contact`");
      }
      break;
    }
    case ast::StmtKind::Set:
      CheckSet(step.As<ast::SetStmt>(), scope);
      break;
    case ast::StmtKind::Notify:
      CheckNotify(step.As<ast::NotifyStmt>(), scope);
      break;
    case ast::StmtKind::Score: {
      const auto& score = step.As<ast::ScoreStmt>();
      if (score.delta) exprs_.CheckValue(*score.delta, scope, Type::Int(), "`score`");
      break;
    }
    case ast::StmtKind::Emit: {
      const auto& emit = step.As<ast::EmitStmt>();
      CheckEmit(emit.event, emit.fields.get(), scope);
      break;
    }
    case ast::StmtKind::Exit:
      flow.exited = true;
      break;
    default:
      // Clauses and campaign items are checked by their declaration.
      break;
  }
}

void StepChecker::CheckBlock(const ast::Block& block, const Scope& scope) {
  Scope inner(&scope);
  Flow flow;
  for (const ast::StmtPtr& step : block.steps) {
    if (step) CheckStep(*step, inner, flow);
  }
}

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

void StepChecker::CheckSend(const ast::SendStmt& send, const Scope& scope) {
  const Symbol* channel = ctx_.model.schema().channel->FindMember(send.channel.name);
  if (channel == nullptr) {
    ctx_.sink.Error(DiagnosticKind::UnknownChannel, send.channel.range,
                    "unknown channel " + Quoted(send.channel.name) + "." +
                        DidYouMean(send.channel.name, ctx_.model.schema().channel->MemberNames()) +
                        " Channels are email, sms, whatsapp, push and webhook.");
  } else {
    ctx_.model.AddReference(send.channel.range, channel);
  }
  if (send.message) {
    ctx_.model.SetType(*send.message, Type::String());
    const std::string& name = send.channel.name;
    if (send.provider_template && channel != nullptr && name != "whatsapp") {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, send.message->range,
                      "`template` names an approved WhatsApp template; for " + name +
                          " the text already names a template, so remove `template`.");
    } else if (channel != nullptr && (name == "sms" || (name == "whatsapp" && !send.provider_template))) {
      CheckMessageTemplate(*send.message, scope, name == "sms");
    } else if (channel != nullptr && send.message->string_value.empty()) {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, send.message->range,
                      "name the template to send, such as `send " + name + " \"welcome\"`.");
    }
  }
  if (send.data) CheckDataRecord(*send.data, scope);
}

void StepChecker::CheckDataRecord(const ast::RecordExpr& record, const Scope& scope) {
  std::map<std::string, const ast::RecordField*> seen;
  for (const ast::RecordField& field : record.fields) {
    if (auto [it, inserted] = seen.emplace(field.name.name, &field); !inserted) {
      ctx_.sink.Error(DiagnosticKind::DuplicateField, field.name.range,
                      "the data sets " + Quoted(field.name.name) + " twice; keep one.",
                      {{it->second->name.range, "first set here"}});
    }
    if (!field.value) continue;
    Type t = exprs_.Check(*field.value, scope);
    if (t.is(TypeKind::Event)) {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, field.value->range,
                      Quoted(t.symbol()->name) + " is an event type, not a value; pass one event "
                      "(the trigger's `as` name) or a field of it.");
    }
  }
}

void StepChecker::CheckMessageTemplate(const ast::LiteralExpr& literal, const Scope& scope,
                                       bool is_sms) {
  if (literal.literal != ast::LiteralKind::String) return;
  ParsedTemplate parsed = ParseTemplate(literal, ctx_.sink);
  exprs_.set_template_mode(true);
  for (const TemplatePart& part : parsed.parts) {
    if (!part.is_placeholder || !part.expr) continue;
    Type t = exprs_.Check(*part.expr, scope);
    if (t.is_error()) continue;
    const std::string text = CheckContext::Quote(*part.expr);
    if (t.is_optional()) {
      ctx_.sink.Error(DiagnosticKind::OptionalNotHandled, part.expr->range,
                      text + " may be missing and the message would show nothing; give a default: `{{" +
                          text.substr(1, text.size() - 2) + " ?? '...'}}`.");
    } else if (t.is(TypeKind::Coupon)) {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, part.expr->range,
                      text + " is a coupon; show its code: `{{" + text.substr(1, text.size() - 2) +
                          ".code}}`.");
    } else if (!IsRenderable(t)) {
      ctx_.sink.Error(DiagnosticKind::TypeMismatch, part.expr->range,
                      text + " is " + t.ToString() +
                          ", which cannot be written into text; show one of its fields.");
    }
  }
  exprs_.set_template_mode(false);

  if (is_sms) {
    const SmsLength length = MeasureSms(parsed.FixedText());
    const int limit = ctx_.model.sms_segment_limit();
    if (length.segments > limit) {
      ctx_.sink.Error(
          DiagnosticKind::SmsTooLong, literal.range,
          "this SMS takes " + std::to_string(length.segments) + " segments (" +
              std::to_string(length.units) + (length.gsm7 ? " GSM-7 characters" : " UCS-2 characters") +
              ", placeholders not counted); the limit is " + std::to_string(limit) +
              ". Shorten it" +
              (length.gsm7 ? "." : " (Hebrew, emoji and other non-GSM characters allow 70 characters a segment, 67 when split).") +
              " The policy can raise the limit: `sms limit N segments`.");
    }
  }
  ctx_.model.SetTemplate(literal, std::move(parsed));
}

void StepChecker::CheckLet(const ast::LetStmt& let, Scope& scope) {
  Type t = let.value ? exprs_.Check(*let.value, scope) : Type::Error();
  if (t.is(TypeKind::Event)) {
    const std::string& event = t.symbol()->name;
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, let.value->range,
                    Quoted(event) + " is an event type, not a value; take one event, such as `last(" +
                        event + ")`.");
    t = Type::Error();
  }
  if (const Symbol* previous = scope.Find(let.name.name);
      previous != nullptr && previous->kind == SymbolKind::Local) {
    ctx_.sink.Error(DiagnosticKind::DuplicateDeclaration, let.name.range,
                    Quoted(let.name.name) + " is already a name here; choose another name.",
                    {{previous->name_range, "declared here"}});
  }
  Symbol& symbol = ctx_.model.NewSymbol(SymbolKind::Local, let.name.name);
  symbol.type = std::move(t);
  symbol.name_range = let.name.range;
  symbol.decl_range = let.range;
  ctx_.model.AddReference(let.name.range, &symbol, /*is_definition=*/true);
  scope.Add(let.name.name, &symbol);
}

void StepChecker::CheckIssue(const ast::Ident& pool) {
  const Symbol* coupon = ctx_.FindCoupon(pool.name);
  if (coupon == nullptr) {
    ctx_.sink.Error(DiagnosticKind::UnknownCouponPool, pool.range,
                    "there is no coupon pool " + Quoted(pool.name) + "." +
                        DidYouMean(pool.name, ctx_.DeclarationNames(SymbolKind::Coupon)) +
                        " Declare it with `coupon " + pool.name + " { ... }`.");
    return;
  }
  ctx_.model.AddReference(pool.range, coupon);
}

void StepChecker::CheckSet(const ast::SetStmt& set, const Scope& scope) {
  if (!set.target) return;
  // The target is a path of fields rooted at `contact`.
  const ast::Expr* root = &Unparenthesized(*set.target);
  bool is_path = root->kind == ast::ExprKind::Member;
  while (root->kind == ast::ExprKind::Member) {
    const auto& member = root->As<ast::MemberExpr>();
    if (member.safe || !member.object) is_path = false;
    if (!member.object) break;
    root = &Unparenthesized(*member.object);
  }
  if (!is_path || root->kind != ast::ExprKind::Name || root->As<ast::NameExpr>().name != "contact") {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, set.target->range,
                    "`set` changes a field of the contact, such as `set contact.vip = true`; " +
                        CheckContext::Quote(*set.target) + " is not one.");
    if (set.value) exprs_.Check(*set.value, scope);
    return;
  }
  Type field_type = exprs_.Check(*set.target, scope);
  if (field_type.is_error()) {
    if (set.value) exprs_.Check(*set.value, scope);
    return;
  }
  const Symbol* field = ctx_.model.SymbolOf(Unparenthesized(*set.target));
  if (field != nullptr && field->field != nullptr && field->field->is_key) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, set.target->range,
                    Quoted(field->name) + " is the contact's key and cannot be changed.");
    return;
  }
  if (set.value) {
    exprs_.CheckValue(*set.value, scope, field_type,
                      "field " + Quoted(field != nullptr ? field->name : std::string("?")));
  }
}

void StepChecker::CheckNotify(const ast::NotifyStmt& notify, const Scope& scope) {
  if (notify.recipient) {
    exprs_.CheckValue(*notify.recipient, scope, Type::String(), "the recipient of `notify`");
  }
  if (!notify.message) return;
  const ast::Expr& message = Unparenthesized(*notify.message);
  if (message.kind == ast::ExprKind::Literal &&
      message.As<ast::LiteralExpr>().literal == ast::LiteralKind::String) {
    ctx_.model.SetType(*notify.message, Type::String());
    CheckMessageTemplate(message.As<ast::LiteralExpr>(), scope, /*is_sms=*/false);
    return;
  }
  exprs_.CheckValue(*notify.message, scope, Type::String(), "the text of `notify`");
}

void StepChecker::CheckEmit(const ast::Ident& event_name, const ast::RecordExpr* fields,
                            const Scope& scope) {
  const Symbol* event = ctx_.model.schema().FindEvent(event_name.name);
  if (event == nullptr) {
    ctx_.sink.Error(DiagnosticKind::UnknownEvent, event_name.range,
                    "unknown event " + Quoted(event_name.name) + "." +
                        DidYouMean(event_name.name, ctx_.model.schema().EventNames()) +
                        " `emit` records an event of the schema.");
    if (fields != nullptr) {
      for (const ast::RecordField& field : fields->fields) {
        if (field.value) exprs_.Check(*field.value, scope);
      }
    }
    return;
  }
  ctx_.model.AddReference(event_name.range, event);

  std::map<std::string, const ast::RecordField*> given;
  if (fields != nullptr) {
    for (const ast::RecordField& field : fields->fields) {
      if (auto [it, inserted] = given.emplace(field.name.name, &field); !inserted) {
        ctx_.sink.Error(DiagnosticKind::DuplicateField, field.name.range,
                        "`emit` sets " + Quoted(field.name.name) + " twice; keep one.",
                        {{it->second->name.range, "first set here"}});
        continue;
      }
      const Symbol* member = event->FindMember(field.name.name);
      if (member == nullptr) {
        ctx_.sink.Error(DiagnosticKind::UnknownField, field.name.range,
                        "event " + Quoted(event->name) + " has no field " + Quoted(field.name.name) +
                            "." + DidYouMean(field.name.name, event->MemberNames()));
        if (field.value) exprs_.Check(*field.value, scope);
        continue;
      }
      ctx_.model.AddReference(field.name.range, member);
      if (field.value) {
        exprs_.CheckValue(*field.value, scope, member->type,
                          "field " + Quoted(member->name) + " of " + Quoted(event->name));
      }
    }
  }
  // `at` and `contact` are filled in by the runtime.
  std::string missing;
  for (const Symbol* member : event->members) {
    if (!member->name_range.valid() || given.count(member->name) != 0) continue;
    if (member->type.is_optional()) continue;
    if (member->field != nullptr && member->field->default_value) continue;
    missing += (missing.empty() ? "" : ", ") + Quoted(member->name) + " (" + member->type.ToString() + ")";
  }
  if (!missing.empty()) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, event_name.range,
                    "`emit " + event->name + "` must set " + missing + "; every " + event->name +
                        " has it.");
  }
}

}  // namespace kairos
