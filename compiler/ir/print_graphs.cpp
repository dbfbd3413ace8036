// The text form of journeys, campaigns and popups: their clauses, slots and
// steps, then the functions they call.
#include "compiler/ir/print_internal.h"

namespace kairos::ir_internal {
namespace {

using namespace ir;

std::string_view SlotKindName(SlotKind kind) {
  switch (kind) {
    case SlotKind::Entered: return "entered";
    case SlotKind::Trigger: return "trigger";
    case SlotKind::Awaited: return "awaited";
    case SlotKind::Let: return "let";
    case SlotKind::Coupon: return "coupon";
  }
  return "?";
}

std::string_view PopupTriggerName(PopupTriggerKind kind) {
  switch (kind) {
    case PopupTriggerKind::After: return "after";
    case PopupTriggerKind::Scroll: return "scroll";
    case PopupTriggerKind::ExitIntent: return "exit_intent";
  }
  return "?";
}

std::string LineOf(SourceRange range) {
  if (range.file == nullptr) return "";
  return " (line " + std::to_string(range.file->Locate(range.begin).line) + ")";
}

}  // namespace

std::string Quote(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '\n') {
      quoted += "\\n";
    } else {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string GraphPrinter::CallText(const Call& call) {
  if (!call.valid()) return "(none)";
  if (printed_.size() < program_.functions.size()) printed_.resize(program_.functions.size(), false);
  pending_.push_back(call.function);
  std::string text = program_.functions[call.function].name + "(";
  for (size_t i = 0; i < call.args.size(); ++i) {
    text += (i == 0 ? "slot " : ", slot ") + std::to_string(call.args[i]);
  }
  return text + ")";
}

std::string GraphPrinter::QuantityText(const Quantity& quantity, std::string_view unit) {
  if (quantity.computed.valid()) return CallText(quantity.computed);
  return unit == "%" ? PercentText(quantity.value) : SecondsText(quantity.value);
}

std::string GraphPrinter::StepRef(StepId id) const {
  return id == kNoStep ? "-> (none)" : "-> " + std::to_string(id);
}

std::string GraphPrinter::EventName(uint32_t event) const {
  if (event >= program_.events.size()) return "?";
  return program_.events[event].name + " #" + std::to_string(event);
}

void GraphPrinter::PrintSlots(const StepGraph& graph) {
  for (size_t i = 0; i < graph.slots.size(); ++i) {
    const Slot& slot = graph.slots[i];
    out_ << "  slot " << i << " " << slot.name << " : " << TypeText(slot.type) << " (" << SlotKindName(slot.kind)
         << ")\n";
  }
}

void GraphPrinter::PrintSteps(const StepGraph& graph) {
  for (size_t i = 0; i < graph.steps.size(); ++i) PrintStep(graph.steps[i], static_cast<StepId>(i), graph);
}

void GraphPrinter::PrintStep(const Step& step, StepId id, const StepGraph& graph) {
  out_ << "  step " << id;
  switch (step.kind()) {
    case StepKind::Trigger:
      out_ << " entry " << StepRef(step.As<TriggerStep>().next) << LineOf(step.range) << "\n";
      return;
    case StepKind::Wait: {
      const auto& wait = step.As<WaitStep>();
      switch (wait.kind) {
        case WaitKind::For: out_ << " wait " << QuantityText(wait.duration, "s"); break;
        case WaitKind::UntilInstant: out_ << " wait until instant " << CallText(wait.until); break;
        case WaitKind::UntilTime: out_ << " wait until time of day " << CallText(wait.until); break;
      }
      out_ << " " << StepRef(wait.next) << LineOf(step.range) << "\n";
      return;
    }
    case StepKind::WaitUntil: {
      const auto& wait = step.As<WaitUntilStep>();
      out_ << " wait until event" << LineOf(step.range) << "\n";
      for (const WaitArm& arm : wait.arms) {
        out_ << "    on " << EventName(arm.event) << " into slot " << arm.slot
             << (arm.own_messages ? " (messages of this run)" : "");
        if (arm.where.valid()) out_ << " where " << CallText(arm.where);
        out_ << " " << StepRef(arm.next) << "\n";
      }
      if (wait.has_timeout) {
        out_ << "    on timeout " << QuantityText(wait.timeout, "s") << " " << StepRef(wait.timeout_next) << "\n";
      } else {
        out_ << "    no timeout\n";
      }
      return;
    }
    case StepKind::Branch: {
      const auto& branch = step.As<BranchStep>();
      out_ << " branch" << LineOf(step.range) << "\n";
      for (size_t i = 0; i < branch.arms.size(); ++i) {
        out_ << "    " << (i == 0 ? "if " : "else if ") << CallText(branch.arms[i].condition) << " "
             << StepRef(branch.arms[i].next) << "\n";
      }
      out_ << "    else " << StepRef(branch.else_next) << "\n";
      return;
    }
    case StepKind::Split: {
      const auto& split = step.As<SplitStep>();
      out_ << " split" << LineOf(step.range) << "\n";
      for (const SplitArm& arm : split.arms) out_ << "    " << PercentText(arm.percent) << " " << StepRef(arm.next) << "\n";
      return;
    }
    case StepKind::Action: {
      const auto& action = step.As<ActionStep>();
      PrintAction(action.action, graph, action.next);
      out_ << LineOf(step.range) << "\n";
      // The details of sends, notifications and emits follow on their own lines.
      if (const auto* send = std::get_if<SendAction>(&action.action)) {
        PrintText(send->body, 2);
        for (const NamedCall& field : send->data) out_ << "    " << field.name << ": " << CallText(field.value) << "\n";
      } else if (const auto* notify = std::get_if<NotifyAction>(&action.action)) {
        PrintText(notify->text, 2);
      } else if (const auto* emit = std::get_if<EmitAction>(&action.action)) {
        PrintEmitFields(*emit, 2);
      }
      return;
    }
    case StepKind::Exit:
      out_ << (step.As<ExitStep>().written ? " exit" : " end") << LineOf(step.range) << "\n";
      return;
  }
}

void GraphPrinter::PrintAction(const Action& action, const StepGraph& graph, StepId next) {
  const std::string after = " " + StepRef(next);
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, SendAction>) {
          out_ << " send " << a.channel_name << " #" << a.channel << (a.provider_template ? " template" : "");
          if (a.body.empty()) out_ << " " << Quote(a.template_name);
          out_ << after;
        } else if constexpr (std::is_same_v<T, IssueAction>) {
          out_ << " issue coupon "
               << (a.pool < program_.coupons.size() ? program_.coupons[a.pool].name : std::string("?")) << " #"
               << a.pool;
          if (a.slot != kNoIndex) out_ << " into slot " << a.slot;
          out_ << after;
        } else if constexpr (std::is_same_v<T, TagAction>) {
          out_ << (a.untag ? " untag " : " tag ") << CallText(a.tag) << after;
        } else if constexpr (std::is_same_v<T, SetAction>) {
          out_ << " set contact";
          const Symbol* record = program_.contact;
          for (uint32_t field : a.path) {
            out_ << "." << FieldName(record, field);
            const Symbol* member =
                record != nullptr && field < record->members.size() ? record->members[field] : nullptr;
            record = member != nullptr ? member->type.NonOptional().symbol() : nullptr;
          }
          out_ << " = " << CallText(a.value) << after;
        } else if constexpr (std::is_same_v<T, NotifyAction>) {
          out_ << " notify " << CallText(a.recipient) << after;
        } else if constexpr (std::is_same_v<T, ScoreAction>) {
          out_ << " score " << CallText(a.delta) << after;
        } else if constexpr (std::is_same_v<T, EmitAction>) {
          out_ << " emit " << EventName(a.event) << after;
        } else if constexpr (std::is_same_v<T, LetAction>) {
          out_ << " let slot " << a.slot << " " << (a.slot < graph.slots.size() ? graph.slots[a.slot].name : "?")
               << " = " << CallText(a.value) << after;
        }
      },
      action);
}

void GraphPrinter::PrintText(const std::vector<TextPart>& parts, int depth) {
  for (const TextPart& part : parts) {
    out_ << std::string(static_cast<size_t>(depth) * 2, ' ') << "text "
         << (part.value.valid() ? CallText(part.value) : Quote(part.text)) << "\n";
  }
}

void GraphPrinter::PrintEmitFields(const EmitAction& emit, int depth) {
  const Symbol* event = emit.event < program_.events.size() ? program_.events[emit.event].symbol : nullptr;
  for (const EmitField& field : emit.fields) {
    out_ << std::string(static_cast<size_t>(depth) * 2, ' ') << FieldName(event, field.column) << ": "
         << CallText(field.value) << "\n";
  }
}

void GraphPrinter::FlushFunctions() {
  for (uint32_t function : pending_) {
    if (printed_[function]) continue;
    printed_[function] = true;
    nodes_.PrintFunction("function", program_.functions[function]);
  }
  pending_.clear();
}

void GraphPrinter::PrintRemainingFunctions() {
  printed_.resize(program_.functions.size(), false);
  for (uint32_t i = 0; i < program_.functions.size(); ++i) {
    if (!printed_[i]) pending_.push_back(i);
  }
  FlushFunctions();
}

void GraphPrinter::PrintJourney(const Journey& journey) {
  out_ << "journey " << journey.name << "\n";
  const Trigger& trigger = journey.trigger;
  out_ << "  trigger ";
  switch (trigger.kind) {
    case TriggerKind::Event: out_ << "event " << EventName(trigger.event) << " into slot " << kTriggerSlot; break;
    case TriggerKind::EnteredSegment:
    case TriggerKind::LeftSegment:
      out_ << (trigger.kind == TriggerKind::EnteredSegment ? "entered_segment " : "left_segment ")
           << (trigger.segment < program_.segments.size() ? program_.segments[trigger.segment].name : "?") << " #"
           << trigger.segment << " " << CallText(trigger.membership);
      break;
    case TriggerKind::Daily: out_ << "daily at " << CallText(trigger.time); break;
    case TriggerKind::Every: out_ << "every " << QuantityText(trigger.interval, "s"); break;
  }
  out_ << "\n";
  if (trigger.where.valid()) out_ << "  where " << CallText(trigger.where) << "\n";
  if (journey.when.valid()) out_ << "  when " << CallText(journey.when) << "\n";
  switch (journey.reentry.kind) {
    case ReentryKind::Once: out_ << "  reentry once\n"; break;
    case ReentryKind::Always: out_ << "  reentry always\n"; break;
    case ReentryKind::After: out_ << "  reentry after " << QuantityText(journey.reentry.after, "s") << "\n"; break;
  }
  auto condition = [&](std::string_view keyword, const Condition& c) {
    if (!c.test.valid()) return;
    out_ << "  " << keyword << " " << CallText(c.test);
    if (c.event != kNoIndex) {
      out_ << " (event " << EventName(c.event);
      if (c.has_within) out_ << " within " << QuantityText(c.within, "s");
      out_ << ")";
    }
    out_ << "\n";
  };
  condition("exit when", journey.exit_when);
  condition("goal", journey.goal);
  PrintSlots(journey.graph);
  PrintSteps(journey.graph);
  FlushFunctions();
}

void GraphPrinter::PrintCampaign(const Campaign& campaign) {
  out_ << "campaign " << campaign.name << "\n";
  out_ << "  audience " << (campaign.audience.valid() ? CallText(campaign.audience) : "everyone") << "\n";
  out_ << "  at " << CallText(campaign.at) << "\n";
  out_ << "  attribution " << QuantityText(campaign.attribution_click, "s") << " after click, "
       << QuantityText(campaign.attribution_open, "s") << " after open\n";
  PrintSlots(campaign.graph);
  PrintSteps(campaign.graph);
  FlushFunctions();
}

void GraphPrinter::PrintPopup(const Popup& popup) {
  out_ << "popup " << popup.name << "\n";
  out_ << "  show to " << (popup.target.valid() ? CallText(popup.target) : "everyone") << "\n";
  for (const PopupTrigger& trigger : popup.triggers) {
    out_ << "  trigger " << PopupTriggerName(trigger.kind);
    if (trigger.kind == PopupTriggerKind::After) out_ << " " << QuantityText(trigger.amount, "s");
    if (trigger.kind == PopupTriggerKind::Scroll) out_ << " " << QuantityText(trigger.amount, "%");
    out_ << "\n";
  }
  const Symbol* channel = program_.channel;
  for (const PopupDesign& design : popup.designs) {
    out_ << "  on " << design.device << "\n";
    for (const NamedCall& value : design.values) out_ << "    " << value.name << ": " << CallText(value.value) << "\n";
    if (!design.form_fields.empty()) {
      out_ << "    fields:";
      for (uint32_t field : design.form_fields) out_ << " " << FieldName(program_.contact, field);
      out_ << "\n";
    }
    if (design.consent != kNoIndex) out_ << "    consent: " << FieldName(channel, design.consent) << "\n";
  }
  if (popup.has_submit) {
    out_ << "  on submit emit " << EventName(popup.on_submit.event) << "\n";
    PrintEmitFields(popup.on_submit, 2);
  }
  FlushFunctions();
}

}  // namespace kairos::ir_internal
