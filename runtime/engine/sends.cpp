// Sending: the policy every send passes (consent, an address, quiet hours,
// frequency caps; LANGUAGE.md §4 and §5), the message rendered, and the
// outbox.
#include "compiler/template/template.h"
#include "runtime/engine/engine_impl.h"
#include "runtime/format/text_forms.h"
#include "runtime/format/value_forms.h"

namespace kairos::runtime {
namespace {

int FieldIndex(const Symbol* record, std::string_view name) {
  if (record == nullptr) return -1;
  for (size_t i = 0; i < record->members.size(); ++i) {
    if (record->members[i]->name == name) return static_cast<int>(i);
  }
  return -1;
}

bool InQuietHours(const ir::Policy& policy, int64_t time_of_day) {
  if (policy.quiet_from <= policy.quiet_to) {
    return time_of_day >= policy.quiet_from && time_of_day < policy.quiet_to;
  }
  return time_of_day >= policy.quiet_from || time_of_day < policy.quiet_to;  // across midnight
}

}  // namespace

void Engine::Impl::SetUpPolicy() {
  const Symbol* contact = program.contact;
  places.consent = FieldIndex(contact, "consent");
  places.email = FieldIndex(contact, "email");
  places.phone = FieldIndex(contact, "phone");
  places.tags = FieldIndex(contact, "tags");
  if (places.consent >= 0 && program.channel != nullptr) {
    const Symbol* consent = contact->members[static_cast<size_t>(places.consent)]->type.NonOptional().symbol();
    for (const Symbol* channel : program.channel->members) {
      places.consent_member.push_back(FieldIndex(consent, channel->name));
    }
  }
  for (size_t i = 0; i < program.events.size(); ++i) {
    const std::string& name = program.events[i].name;
    const int index = static_cast<int>(i);
    if (name == "message_sent") places.message_sent = index;
    if (name == "coupon_issued") places.coupon_issued = index;
    if (name == "entered_segment") places.entered_segment = index;
    if (name == "left_segment") places.left_segment = index;
    if (name == "unsubscribed") {
      places.unsubscribed = index;
      places.unsubscribed_channel = program.events[i].Column("channel");
    }
  }
}

uint64_t Engine::Impl::CountSent(const ContactState& contact, uint32_t channel, int64_t since) const {
  if (places.message_sent < 0) return 0;
  const ir::EventLayout& layout = program.events[static_cast<size_t>(places.message_sent)];
  const EventTable& table = contact.history->events[static_cast<size_t>(places.message_sent)];
  const RowRange rows = table.Rows(since, false, now);
  if (channel == ir::kNoIndex) return rows.size();
  const Column& column = table.column(static_cast<size_t>(layout.Column("channel")));
  uint64_t count = 0;
  for (size_t row = rows.begin; row < rows.end; ++row) count += column.scalars[row] == channel ? 1 : 0;
  return count;
}

std::string Engine::Impl::RenderText(const Run& run, const std::vector<ir::TextPart>& parts) {
  std::string text;
  for (const ir::TextPart& part : parts) {
    if (!part.value.valid()) {
      text += part.text;
      continue;
    }
    const Value value = Eval(run.contact, run.slots, part.value);
    const ir::Segment& fn = program.functions[part.value.function];
    text += ValueText(value, program.node(fn.body).type, store.strings());
  }
  return text;
}

std::string Engine::Impl::RenderData(const Run& run, const std::vector<ir::NamedCall>& data) {
  std::string json = "{";
  for (const ir::NamedCall& field : data) {
    if (json.size() > 1) json += ',';
    AppendJsonString(json, field.name);
    json += ':';
    const Value value = Eval(run.contact, run.slots, field.value);
    const ir::Segment& fn = program.functions[field.value.function];
    AppendValueJson(json, value, program.node(fn.body).type, store.strings());
  }
  json += '}';
  return json;
}

StepOutcome Engine::Impl::Send(uint32_t run_id, const ir::SendAction& send) {
  Run& run = runs[run_id];
  ContactState& state = contacts[run.contact];
  const std::vector<Value>& fields = state.history->fields;
  const Flow& flow = flows[run.flow];
  const uint32_t channel = send.channel;

  if (places.consent >= 0 && channel < places.consent_member.size() && places.consent_member[channel] >= 0) {
    const Value& consent = fields[static_cast<size_t>(places.consent)];
    const auto member = static_cast<size_t>(places.consent_member[channel]);
    const bool given = consent.kind == Value::Kind::Record && member < consent.elements.size() &&
                       !consent.elements[member].is_null() && consent.elements[member].scalar != 0;
    if (!given) {
      Skip(run, "no_consent", send.channel_name);
      return StepOutcome::Next;
    }
  }
  const int address_field = send.channel_name == "email"                                  ? places.email
                            : send.channel_name == "sms" || send.channel_name == "whatsapp" ? places.phone
                                                                                           : -1;
  std::string address;
  if (address_field >= 0) {
    const Value& value = fields[static_cast<size_t>(address_field)];
    if (value.is_null()) {
      Skip(run, "no_address", send.channel_name);
      return StepOutcome::Next;
    }
    address = store.strings().Text(static_cast<uint32_t>(value.scalar));
  }
  const ir::Policy& policy = program.policy;
  if (policy.has_quiet_hours && send.channel_name != "webhook" && !run.deferred) {
    const int64_t local = LocalSeconds(state.zone, now);
    const int64_t time_of_day = ((local % 86400) + 86400) % 86400;
    if (InQuietHours(policy, time_of_day)) {
      const int64_t until = NextTimeOfDay(state.zone, now, policy.quiet_to);
      Begin(run, ActionKind::Skip, "/deferred");
      std::string json;
      AppendJsonString(json, "quiet_hours_deferred");
      action.fields.emplace_back("reason", json);
      json.clear();
      AppendJsonString(json, send.channel_name);
      action.fields.emplace_back("channel", json);
      json.clear();
      AppendJsonString(json, FormatInstant(until));
      action.fields.emplace_back("until", json);
      ++flows[run.flow].counters.skips["quiet_hours_deferred"];
      Publish();
      SetTimer(run_id, until);
      return StepOutcome::Paused;
    }
  }
  run.deferred = false;
  for (const ir::CapRule& cap : policy.caps) {
    if (cap.channel != ir::kNoIndex && cap.channel != channel) continue;
    if (CountSent(state, cap.channel, now - cap.period) >= static_cast<uint64_t>(cap.count)) {
      Skip(run, "frequency_cap", send.channel_name);
      return StepOutcome::Next;
    }
  }

  stdlib::Message message;
  message.channel = send.channel_name;
  message.contact = state.id;
  message.address = std::move(address);
  message.template_name = send.template_name;
  if (!send.body.empty()) message.body = RenderText(run, send.body);
  if (!send.data.empty()) message.data_json = RenderData(run, send.data);
  if (send.channel_name == "sms") {
    const SmsLength length = MeasureSms(message.body);
    message.sms_segments = length.segments;
    message.gsm7 = length.gsm7;
  }
  Begin(run, ActionKind::Send, "");
  message.key = action.key;
  std::string error;
  switch (outbox.Send(message, error)) {
    case stdlib::Outbox::Result::Duplicate: return StepOutcome::Next;
    case stdlib::Outbox::Result::Failed: {
      Skip(run, "send_failed", send.channel_name);
      return StepOutcome::Next;
    }
    case stdlib::Outbox::Result::Delivered: break;
  }
  Begin(run, ActionKind::Send, "");
  std::string json;
  AppendJsonString(json, message.channel);
  action.fields.emplace_back("channel", json);
  if (!message.template_name.empty()) {
    json.clear();
    AppendJsonString(json, message.template_name);
    action.fields.emplace_back("template", json);
  }
  if (!send.body.empty()) {
    json.clear();
    AppendJsonString(json, message.body);
    action.fields.emplace_back("text", json);
  }
  if (send.channel_name == "sms") {
    action.fields.emplace_back("segments", std::to_string(message.sms_segments));
    json.clear();
    AppendJsonString(json, message.gsm7 ? "GSM-7" : "UCS-2");
    action.fields.emplace_back("encoding", json);
  }
  if (!message.data_json.empty()) action.fields.emplace_back("data", message.data_json);
  Publish();
  ++flows[run.flow].counters.sent_by_channel[channel];

  // The message's name: its template, or for a body written in the journey, its step.
  const std::string name = !message.template_name.empty() ? message.template_name : flow.name + ":" + flow.labels[run.step];
  const uint32_t name_id = store.strings().Intern(name);
  run.sent.push_back(name_id);
  if (places.message_sent >= 0) {
    const ir::EventLayout& layout = program.events[static_cast<size_t>(places.message_sent)];
    std::vector<Value> cells(layout.fields.size());
    cells[0] = Value::Scalar(now);
    cells[1] = Value::Scalar(store.strings().Intern(state.id));
    auto put = [&](std::string_view column_name, Value v) {
      const int column = layout.Column(column_name);
      if (column >= 0) cells[static_cast<size_t>(column)] = std::move(v);
    };
    put("channel", Value::Scalar(channel));
    put(flow.journey != nullptr ? "journey" : "campaign", Value::Scalar(store.strings().Intern(flow.name)));
    put("message", Value::Scalar(name_id));
    Record(run.contact, static_cast<uint32_t>(places.message_sent), std::move(cells));
  }
  return StepOutcome::Next;
}

}  // namespace kairos::runtime
