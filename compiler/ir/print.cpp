#include "compiler/ir/print.h"

#include <chrono>
#include <cstdio>
#include <set>

namespace kairos::ir {
namespace {

std::string Scaled(int64_t value) {
  const bool negative = value < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s%llu.%04llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / 10000),
                static_cast<unsigned long long>(magnitude % 10000));
  return buffer;
}

std::string CivilDate(int64_t days) {
  using namespace std::chrono;
  const year_month_day date{sys_days{std::chrono::days{days}}};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::string Instant(int64_t seconds) {
  const int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const int64_t rest = seconds - days * 86400;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "T%02lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return CivilDate(days) + buffer;
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
    case TypeKind::Timestamp: return Instant(node.value) + "Z";
    case TypeKind::Date: return CivilDate(node.value);
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

// Money shows its currency, which the back ends need and Type::ToString omits.
std::string TypeText(const Type& type) {
  const Type& t = type.NonOptional();
  if (!t.is(TypeKind::Money) || t.currency().empty()) return type.ToString();
  return "money " + t.currency() + (type.is_optional() ? "?" : "");
}

std::string FieldName(const Symbol* owner, uint32_t index) {
  if (owner == nullptr || index >= owner->members.size()) return "#" + std::to_string(index);
  return owner->members[index]->name + " #" + std::to_string(index);
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

class Printer {
 public:
  Printer(std::ostream& out, const Program& program) : out_(out), program_(program) {}

  void Print(NodeId id, int depth, std::string_view label = {}) {
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

 private:
  void Indent(int depth) {
    for (int i = 0; i < depth; ++i) out_ << "  ";
  }

  void Details(const Node& node) {
    switch (node.op) {
      case Op::Const: out_ << " " << ConstantText(program_, node); break;
      case Op::LocalDateTime: out_ << " " << Instant(node.value) << " (schema zone)"; break;
      case Op::Param: out_ << " #" << node.index; break;
      case Op::ContactField: out_ << " " << FieldName(program_.contact, node.index); break;
      case Op::EventField:
        out_ << " " << FieldName(events_.empty() ? nullptr : events_.back(), node.index);
        break;
      case Op::Element: out_ << " depth " << node.index; break;
      case Op::Member: {
        const Type& object = program_.node(node.operands[0]).type.NonOptional();
        out_ << (node.safe ? " ?." : " .") << FieldName(object.symbol(), node.index);
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

  std::ostream& out_;
  const Program& program_;
  std::vector<const Symbol*> events_;  // the events of enclosing `where`s
};

}  // namespace

void PrintProgram(std::ostream& out, const Program& program) {
  out << "currency " << (program.currency.empty() ? "(none)" : program.currency) << "\n";
  out << "timezone " << (program.timezone.empty() ? "(none)" : program.timezone) << "\n";
  std::set<uint32_t> used;
  for (const Node& node : program.nodes) {
    if (node.op == Op::History) used.insert(node.history.event);
  }
  for (uint32_t index : used) {
    const EventLayout& event = program.events[index];
    out << "event " << event.name << " #" << index << "\n";
    for (size_t i = 0; i < event.fields.size(); ++i) {
      out << "  column " << i << " " << event.fields[i]->name << " : " << TypeText(event.fields[i]->type)
          << "\n";
    }
  }
  Printer printer(out, program);
  for (const Segment& segment : program.segments) {
    out << "segment " << segment.name << "(";
    for (size_t i = 0; i < segment.params.size(); ++i) {
      out << (i == 0 ? "" : ", ") << segment.params[i].name << ": " << TypeText(segment.params[i].type);
    }
    out << ") : bool\n";
    if (segment.body != kNoNode) printer.Print(segment.body, 1);
  }
}

}  // namespace kairos::ir
