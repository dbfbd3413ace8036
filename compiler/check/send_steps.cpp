// `send` steps and message bodies: channels, templates and SMS length.
#include <map>

#include "compiler/base/suggest.h"
#include "compiler/check/step_checker.h"
#include "compiler/template/template.h"

namespace kairos {
namespace {

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

}  // namespace kairos
