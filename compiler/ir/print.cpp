#include "compiler/ir/print.h"

#include <cstdio>
#include <set>

#include "compiler/base/scalars.h"
#include "compiler/ir/print_internal.h"

namespace kairos::ir_internal {
namespace {

using namespace ir;

std::string Scaled(int64_t value) {
  const bool negative = value < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s%llu.%04llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / 10000),
                static_cast<unsigned long long>(magnitude % 10000));
  return buffer;
}

std::string ConstantText(const Program& program, const Node& node) {
  const Type& type = node.type;
  switch (type.kind()) {
    case TypeKind::Null: return "null";
    case TypeKind::Bool: return node.value != 0 ? "true" : "false";
    case TypeKind::Decimal: return Scaled(node.value);
    case TypeKind::Percent: return Scaled(node.value) + "%";
    case TypeKind::Money: return Scaled(node.value) + " " + type.currency();
    case TypeKind::Duration: return std::to_string(node.value) + "s";
    case TypeKind::Timestamp: return scalars::FormatDateTime(node.value) + "Z";
    case TypeKind::Date: return scalars::FormatDate(node.value);
    case TypeKind::Time: return std::to_string(node.value) + "s after midnight";
    case TypeKind::Enum: {
      const Symbol* e = type.symbol();
      const auto index = static_cast<size_t>(node.value);
      return e != nullptr && index < e->members.size() ? e->members[index]->name : "?";
    }
    default:
      if (type.is_string_like()) {
        return "\"" + program.strings[static_cast<size_t>(node.value)] + "\" #" + std::to_string(node.value);
      }
      return std::to_string(node.value);
  }
}

std::string_view WindowName(WindowKind kind) {
  switch (kind) {
    case WindowKind::None: return "none";
    case WindowKind::Within: return "within";
    case WindowKind::Since: return "since";
    case WindowKind::Between: return "between";
  }
  return "?";
}

constexpr std::string_view kCouponFields[] = {"code", "expires_at"};

}  // namespace

std::string TypeText(const Type& type) {
  const Type& t = type.NonOptional();
  if (!t.is(TypeKind::Money) || t.currency().empty()) return type.ToString();
  return "money " + t.currency() + (type.is_optional() ? "?" : "");
}

std::string FieldName(const Symbol* owner, uint32_t index) {
  if (owner == nullptr || index >= owner->members.size()) return "#" + std::to_string(index);
  return owner->members[index]->name + " #" + std::to_string(index);
}

std::string SecondsText(int64_t seconds) { return std::to_string(seconds) + "s"; }

std::string PercentText(int64_t scaled) {
  std::string text = Scaled(scaled);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "%";
}

void NodePrinter::Print(NodeId id, int depth, std::string_view label) {
  const Node& node = program_.node(id);
  Indent(depth);
  if (!label.empty()) out_ << label << ": ";
  out_ << OpName(node.op);
  Details(node);
  out_ << " : " << TypeText(node.type) << "\n";
  if (node.op == Op::History) {
    const HistoryCall& h = node.history;
    events_.push_back(program_.events[h.event].symbol);
    if (h.where != kNoNode) Print(h.where, depth + 1, "where");
    events_.pop_back();
    if (h.window_first != kNoNode) Print(h.window_first, depth + 1, WindowName(h.window));
    if (h.window_second != kNoNode) Print(h.window_second, depth + 1, "and");
    return;
  }
  for (size_t i = 0; i < node.operands.size(); ++i) {
    Print(node.operands[i], depth + 1,
          node.op == Op::RecordLiteral && i < node.names.size() ? node.names[i] : std::string_view{});
  }
}

void NodePrinter::PrintFunction(std::string_view keyword, const Segment& function) {
  out_ << keyword << " " << function.name << "(";
  for (size_t i = 0; i < function.params.size(); ++i) {
    out_ << (i == 0 ? "" : ", ") << function.params[i].name << ": " << TypeText(function.params[i].type);
  }
  out_ << ") : " << (function.body != kNoNode ? TypeText(program_.node(function.body).type) : "bool") << "\n";
  if (function.body == kNoNode) return;
  set_params(&function.params);
  Print(function.body, 1);
  set_params(nullptr);
}

void NodePrinter::Indent(int depth) {
  for (int i = 0; i < depth; ++i) out_ << "  ";
}

void NodePrinter::Details(const Node& node) {
  switch (node.op) {
    case Op::Const: out_ << " " << ConstantText(program_, node); break;
    case Op::LocalDateTime: out_ << " " << scalars::FormatDateTime(node.value) << " (schema zone)"; break;
    case Op::Param:
      out_ << " #" << node.index;
      if (params_ != nullptr && node.index < params_->size()) out_ << " " << (*params_)[node.index].name;
      break;
    case Op::ContactField: out_ << " " << FieldName(program_.contact, node.index); break;
    case Op::EventField:
      out_ << " " << FieldName(events_.empty() ? nullptr : events_.back(), node.index);
      break;
    case Op::Element: out_ << " depth " << node.index; break;
    case Op::Member: {
      const Type& object = program_.node(node.operands[0]).type.NonOptional();
      out_ << (node.safe ? " ?." : " .");
      if (object.is(TypeKind::Coupon) && node.index < std::size(kCouponFields)) {
        out_ << kCouponFields[node.index] << " #" << node.index;
      } else {
        out_ << FieldName(object.symbol(), node.index);
      }
      break;
    }
    case Op::Property: out_ << (node.safe ? " ?." : " .") << node.name; break;
    case Op::History: {
      const HistoryCall& h = node.history;
      const EventLayout& event = program_.events[h.event];
      out_ << " " << FnName(node.fn) << " " << event.name;
      if (node.fn == Fn::Sum || node.fn == Fn::Avg || node.fn == Fn::Min || node.fn == Fn::Max) {
        out_ << "." << FieldName(event.symbol, h.field);
      }
      break;
    }
    case Op::ListFn: out_ << " " << FnName(node.fn); break;
    case Op::Segment: out_ << " " << program_.segments[node.index].name; break;
    case Op::Builtin: out_ << " " << node.name; break;
    default: break;
  }
}

namespace {

// The events whose columns the program reads or writes: history functions,
// triggers, awaited and emitted events.
std::set<uint32_t> UsedEvents(const Program& program) {
  std::set<uint32_t> used;
  for (const Node& node : program.nodes) {
    if (node.op == Op::History) used.insert(node.history.event);
  }
  auto add_graph = [&](const StepGraph& graph) {
    for (const Step& step : graph.steps) {
      if (step.kind() == StepKind::WaitUntil) {
        for (const WaitArm& arm : step.As<WaitUntilStep>().arms) used.insert(arm.event);
      }
      if (step.kind() == StepKind::Action) {
        if (const auto* emit = std::get_if<EmitAction>(&step.As<ActionStep>().action)) used.insert(emit->event);
      }
    }
  };
  for (const Journey& journey : program.journeys) {
    if (journey.trigger.kind == TriggerKind::Event) used.insert(journey.trigger.event);
    add_graph(journey.graph);
  }
  for (const Campaign& campaign : program.campaigns) add_graph(campaign.graph);
  for (const Popup& popup : program.popups) {
    if (popup.has_submit) used.insert(popup.on_submit.event);
  }
  used.erase(kNoIndex);
  return used;
}

}  // namespace
}  // namespace kairos::ir_internal

namespace kairos::ir {

void PrintProgram(std::ostream& out, const Program& program) {
  using namespace ir_internal;
  out << "currency " << (program.currency.empty() ? "(none)" : program.currency) << "\n";
  out << "timezone " << (program.timezone.empty() ? "(none)" : program.timezone) << "\n";
  for (uint32_t index : UsedEvents(program)) {
    const EventLayout& event = program.events[index];
    out << "event " << event.name << " #" << index << "\n";
    for (size_t i = 0; i < event.fields.size(); ++i) {
      out << "  column " << i << " " << event.fields[i]->name << " : " << TypeText(event.fields[i]->type)
          << "\n";
    }
  }
  NodePrinter nodes(out, program);
  for (size_t i = 0; i < program.contact_defaults.size(); ++i) {
    if (program.contact_defaults[i] == kNoNode) continue;
    out << "default contact." << FieldName(program.contact, static_cast<uint32_t>(i)) << "\n";
    nodes.Print(program.contact_defaults[i], 1);
  }
  for (const Segment& segment : program.segments) {
    out << "segment " << segment.name << "(";
    for (size_t i = 0; i < segment.params.size(); ++i) {
      out << (i == 0 ? "" : ", ") << segment.params[i].name << ": " << TypeText(segment.params[i].type);
    }
    out << ") : bool\n";
    if (segment.body == kNoNode) continue;
    nodes.set_params(&segment.params);
    nodes.Print(segment.body, 1);
    nodes.set_params(nullptr);
  }
  PrintSettings(out, program);
  GraphPrinter graphs(out, program);
  for (const Journey& journey : program.journeys) graphs.PrintJourney(journey);
  for (const Campaign& campaign : program.campaigns) graphs.PrintCampaign(campaign);
  for (const Popup& popup : program.popups) graphs.PrintPopup(popup);
  graphs.PrintRemainingFunctions();
}

}  // namespace kairos::ir
