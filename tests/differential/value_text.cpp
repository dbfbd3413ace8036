#include "tests/differential/value_text.h"

#include "compiler/types/symbol.h"
#include "tests/differential/world.h"

namespace kairos::differential {

using runtime::Value;

bool SameValue(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Value::Kind::Null) return true;
  if (a.scalar != b.scalar || a.currency != b.currency || a.elements.size() != b.elements.size()) return false;
  for (size_t i = 0; i < a.elements.size(); ++i) {
    if (!SameValue(a.elements[i], b.elements[i])) return false;
  }
  return true;
}

std::string ValueText(const Value& value, const Type& type, const PoolView& strings) {
  auto text_of = [&](int64_t id) -> std::string {
    if (id < 0 || id >= strings.limit) return "?";
    return strings.pool.Text(static_cast<uint32_t>(id));
  };
  const Type& t = type.NonOptional();
  switch (value.kind) {
    case Value::Kind::Null: return "null";
    case Value::Kind::List: {
      std::string out = "[";
      for (size_t i = 0; i < value.elements.size(); ++i) {
        out += (i > 0 ? ", " : "") + ValueText(value.elements[i], t.element(), strings);
      }
      return out + "]";
    }
    case Value::Kind::Record: {
      std::string out = "{";
      const Symbol* record = t.is(TypeKind::Record) ? t.symbol() : nullptr;
      for (size_t i = 0; i < value.elements.size(); ++i) {
        const bool named = record != nullptr && i < record->members.size();
        out += (i > 0 ? ", " : "") + (named ? record->members[i]->name + ": " : "");
        out += ValueText(value.elements[i], named ? record->members[i]->type : Type::Int(), strings);
      }
      return out + "}";
    }
    case Value::Kind::Scalar: break;
  }
  const int64_t v = value.scalar;
  std::string text;
  switch (t.kind()) {
    case TypeKind::Bool: text = v == 0 ? "false" : v == 1 ? "true" : "bool?"; break;
    case TypeKind::Decimal: text = ScaledText(v); break;
    case TypeKind::Percent: text = ScaledText(v) + "%"; break;
    case TypeKind::Money: {
      text = ScaledText(v) + " " + text_of(value.currency);
      break;
    }
    case TypeKind::Duration: text = std::to_string(v) + "s"; break;
    case TypeKind::Timestamp: text = InstantText(v); break;
    case TypeKind::Date: text = DateText(v); break;
    case TypeKind::Enum: {
      const Symbol* e = t.symbol();
      text = e != nullptr && v >= 0 && static_cast<size_t>(v) < e->members.size() ? e->members[v]->name : "enum?";
      break;
    }
    default:
      if (t.is_string_like()) {
        text = "\"" + text_of(v) + "\"";
      } else {
        text = std::to_string(v);
      }
      break;
  }
  return text + " <" + std::to_string(v) + (value.currency != 0 ? " #" + std::to_string(value.currency) : "") + ">";
}

std::string NodeText(const ir::Program& program, ir::NodeId id) {
  const ir::Node& node = program.node(id);
  std::string out = "(" + std::string(ir::OpName(node.op));
  if (node.fn != ir::Fn::None) out += " " + std::string(ir::FnName(node.fn));
  if (!node.name.empty()) out += " ." + node.name;
  switch (node.op) {
    case ir::Op::Const:
    case ir::Op::LocalDateTime:
      out += " " + std::to_string(node.value);
      if (node.type.is_string_like() && node.value >= 0 && static_cast<size_t>(node.value) < program.strings.size()) {
        out += " \"" + program.strings[static_cast<size_t>(node.value)] + "\"";
      }
      break;
    case ir::Op::ContactField:
      if (program.contact != nullptr && node.index < program.contact->members.size()) {
        out += " " + program.contact->members[node.index]->name;
      }
      break;
    case ir::Op::Param:
    case ir::Op::EventField:
    case ir::Op::Element:
    case ir::Op::Member:
    case ir::Op::Segment:
      out += " #" + std::to_string(node.index);
      if (node.safe) out += " safe";
      break;
    default: break;
  }
  out += " : " + node.type.ToString();
  if (node.op == ir::Op::History) {
    const ir::HistoryCall& h = node.history;
    out += " " + program.events[h.event].name + " field #" + std::to_string(h.field);
    if (h.where != ir::kNoNode) out += " where " + NodeText(program, h.where);
    if (h.window_first != ir::kNoNode) out += " window " + NodeText(program, h.window_first);
    if (h.window_second != ir::kNoNode) out += " and " + NodeText(program, h.window_second);
  }
  for (ir::NodeId operand : node.operands) out += " " + NodeText(program, operand);
  return out + ")";
}

}  // namespace kairos::differential
