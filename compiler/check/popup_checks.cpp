// Popups: who sees them, when they open, their design per device and the
// event a submission records.
#include <algorithm>
#include <map>

#include "compiler/base/suggest.h"
#include "compiler/check/declaration_checks.h"

namespace kairos {
namespace {

const std::vector<std::string> kDevices = {"mobile", "desktop", "tablet"};
const std::vector<std::string> kNamedTriggers = {"exit_intent"};

// `fields: [email, first_name]`: contact fields the form asks for.
void CheckFormFields(Checkers& c, const ast::Expr& value) {
  const ast::Expr& list = Unparenthesized(value);
  if (list.kind != ast::ExprKind::List) {
    c.ctx.sink.Error(DiagnosticKind::TypeMismatch, value.range,
                     "`fields` lists the contact fields the form asks for, such as `[email, first_name]`.");
    return;
  }
  const Symbol& contact = *c.ctx.model.schema().contact;
  for (const ast::ExprPtr& element : list.As<ast::ListExpr>().elements) {
    if (!element) continue;
    const ast::Expr& e = Unparenthesized(*element);
    if (e.kind != ast::ExprKind::Name) {
      c.ctx.sink.Error(DiagnosticKind::TypeMismatch, element->range,
                       "write the name of a contact field, such as `email`.");
      continue;
    }
    const auto& name = e.As<ast::NameExpr>();
    const Symbol* field = contact.FindMember(name.name);
    if (field == nullptr) {
      c.ctx.sink.Error(DiagnosticKind::UnknownField, name.range,
                       "the contact has no field " + Quoted(name.name) + "." +
                           FieldSuggestion(name.name, contact.MemberNames()));
      continue;
    }
    c.ctx.model.AddReference(name.range, field);
    c.ctx.model.SetSymbol(name, field);
    c.ctx.model.SetType(name, field->type);
  }
}

// `consent: sms`: the channel a submission grants consent for.
void CheckConsent(Checkers& c, const ast::Expr& value) {
  const ast::Expr& e = Unparenthesized(value);
  const Symbol& channels = *c.ctx.model.schema().channel;
  if (e.kind != ast::ExprKind::Name) {
    c.ctx.sink.Error(DiagnosticKind::TypeMismatch, value.range,
                     "`consent` names the channel the visitor agrees to, such as `email` or `sms`.");
    return;
  }
  const auto& name = e.As<ast::NameExpr>();
  const Symbol* channel = channels.FindMember(name.name);
  if (channel == nullptr) {
    c.ctx.sink.Error(DiagnosticKind::UnknownChannel, name.range,
                     "unknown channel " + Quoted(name.name) + "." +
                         DidYouMean(name.name, channels.MemberNames()) +
                         " Channels are email, sms, whatsapp, push and webhook.");
    return;
  }
  c.ctx.model.AddReference(name.range, channel);
  c.ctx.model.SetSymbol(name, channel);
  c.ctx.model.SetType(name, channel->type);
}

void CheckDesign(Checkers& c, const ast::RecordExpr& design, const Scope& scope) {
  std::map<std::string, const ast::RecordField*> seen;
  for (const ast::RecordField& field : design.fields) {
    if (auto [it, inserted] = seen.emplace(field.name.name, &field); !inserted) {
      c.ctx.sink.Error(DiagnosticKind::DuplicateField, field.name.range,
                       "the design sets " + Quoted(field.name.name) + " twice; keep one.",
                       {{it->second->name.range, "first set here"}});
      continue;
    }
    if (!field.value) continue;
    if (field.name.name == "fields") {
      CheckFormFields(c, *field.value);
    } else if (field.name.name == "consent") {
      CheckConsent(c, *field.value);
    } else {
      c.exprs.Check(*field.value, scope);
    }
  }
}

}  // namespace

void CheckPopup(Checkers& c, const ast::PopupDecl& popup) {
  Scope scope(&c.ctx.program);
  scope.Add("anonymous", c.ctx.anonymous);
  scope.Add("identified", c.ctx.identified);
  ClauseTracker clauses(c.ctx.sink);
  for (const ast::PopupItem& item : popup.items) {
    switch (item.kind) {
      case ast::PopupItemKind::ShowTo:
        clauses.First("show to", item.range, "combine the conditions with `and` in one `show to`");
        if (item.audience) c.exprs.CheckCondition(*item.audience, scope, "`show to`");
        break;
      case ast::PopupItemKind::Trigger:
        clauses.First("trigger", item.range, "list every way it opens in one `trigger`, joined by `or`");
        for (const ast::PopupTrigger& trigger : item.triggers) {
          switch (trigger.kind) {
            case ast::PopupTriggerKind::After:
              if (trigger.value) c.exprs.CheckValue(*trigger.value, scope, Type::Duration(), "`after`");
              break;
            case ast::PopupTriggerKind::Scroll:
              if (trigger.value) c.exprs.CheckValue(*trigger.value, scope, Type::Percent(), "`scroll`");
              break;
            case ast::PopupTriggerKind::Named:
              if (trigger.name.name != "exit_intent") {
                c.ctx.sink.Error(DiagnosticKind::UnknownName, trigger.name.range,
                                 "unknown popup trigger " + Quoted(trigger.name.name) + "." +
                                     DidYouMean(trigger.name.name, kNamedTriggers) +
                                     " A popup opens `after D`, on `scroll P%` or on `exit_intent`.");
              }
              break;
          }
        }
        break;
      case ast::PopupItemKind::OnDevice: {
        const std::string& device = item.device.name;
        if (std::find(kDevices.begin(), kDevices.end(), device) == kDevices.end()) {
          c.ctx.sink.Error(DiagnosticKind::UnknownName, item.device.range,
                           "unknown device " + Quoted(device) + "." + DidYouMean(device, kDevices) +
                               " Devices are mobile, desktop and tablet.");
        } else {
          clauses.First("on " + device, item.range, "keep one design for each device");
        }
        if (item.record) CheckDesign(c, *item.record, scope);
        break;
      }
      case ast::PopupItemKind::OnSubmit:
        clauses.First("on submit", item.range, "keep one `on submit`");
        c.steps.CheckEmit(item.event, item.record.get(), scope);
        break;
    }
  }
}

}  // namespace kairos
