#include "runtime/interp/interpreter.h"

#include <algorithm>
#include <climits>
#include <optional>

namespace kairos::runtime {
namespace {

using ir::NodeId;
using ir::Op;

bool Truthy(const Value& v) { return v.kind == Value::Kind::Scalar && v.scalar != 0; }
Value Bool(bool b) { return Value::Scalar(b ? 1 : 0); }

// `a / b` rounded half away from zero.
int64_t DivideRounded(int64_t a, int64_t b) {
  const int64_t q = a / b;
  const int64_t r = a % b;
  if (r == 0) return q;
  const bool negative = (a < 0) != (b < 0);
  const bool half_or_more = 2 * (r < 0 ? -r : r) >= (b < 0 ? -b : b);
  return half_or_more ? (negative ? q - 1 : q + 1) : q;
}

int64_t Scale(const Type& from, int64_t value) {
  return from.NonOptional().is(TypeKind::Int) ? value * 10000 : value;
}

// An int where a decimal is expected (`avg(...) ?? 4`) takes the decimal scale.
Value Promote(Value v, const Type& from, const Type& to) {
  const bool scaled_target = to.NonOptional().is(TypeKind::Decimal) || to.NonOptional().is(TypeKind::Percent);
  if (!v.is_null() && scaled_target && from.NonOptional().is(TypeKind::Int)) v.scalar *= 10000;
  return v;
}

}  // namespace

bool ValuesEqual(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.kind != Value::Kind::Scalar || b.kind != Value::Kind::Scalar) {
    // Lists and records: equal when every element is.
    bool equal = a.kind == b.kind && a.elements.size() == b.elements.size();
    for (size_t i = 0; equal && i < a.elements.size(); ++i) equal = ValuesEqual(a.elements[i], b.elements[i]);
    return equal;
  }
  // Equal strings are one interned id, so ids compare like texts here.
  return a.scalar == b.scalar;
}

struct Interpreter::Frame {
  const ContactHistory& contact;
  int64_t now;
  const std::vector<Value>* args;
  std::vector<const Value*> elements;                     // enclosing list functions' elements
  std::vector<std::pair<const EventTable*, size_t>> rows;  // enclosing `where`s' events
};

Interpreter::Interpreter(HistoryStore& store)
    : program_(store.program()), store_(&store), zones_(store.program(), store.strings()) {
  for (const std::string& text : program_.strings) string_ids_.push_back(store.strings().Intern(text));
  currency_ids_.assign(program_.nodes.size(), 0);
  for (size_t i = 0; i < program_.nodes.size(); ++i) {
    const Type& type = program_.nodes[i].type.NonOptional();
    if (type.is(TypeKind::Money)) currency_ids_[i] = store.strings().Intern(type.currency());
  }
}

bool Interpreter::InSegment(const ContactHistory& contact, const ir::Segment& segment,
                            const std::vector<Value>& args, int64_t now) const {
  Frame frame{contact, now, &args, {}, {}};
  return Truthy(Eval(segment.body, frame));
}

Value Interpreter::Call(const ContactHistory& contact, const ir::Segment& fn, const std::vector<Value>& args,
                        int64_t now) const {
  return CallNode(contact, fn, args, fn.body, now);
}

Value Interpreter::CallNode(const ContactHistory& contact, const ir::Segment&, const std::vector<Value>& args,
                            NodeId id, int64_t now) const {
  Frame frame{contact, now, &args, {}, {}};
  return Eval(id, frame);
}

Value Interpreter::Evaluate(const ContactHistory& contact, NodeId id, int64_t now) const {
  const std::vector<Value> no_args;
  Frame frame{contact, now, &no_args, {}, {}};
  return Eval(id, frame);
}

std::string Interpreter::BuiltinUsedBy(const ir::Segment& segment) const {
  std::vector<bool> visited(program_.segments.size(), false);
  return BuiltinIn(segment.body, visited);
}

std::string Interpreter::BuiltinIn(NodeId id, std::vector<bool>& visited) const {
  const ir::Node& node = program_.node(id);
  if (node.op == Op::Builtin) return node.name;
  std::vector<NodeId> children = node.operands;
  if (node.op == Op::History) {
    for (NodeId h : {node.history.where, node.history.window_first, node.history.window_second}) {
      if (h != ir::kNoNode) children.push_back(h);
    }
  }
  if (node.op == Op::Segment && !visited[node.index]) {
    visited[node.index] = true;
    children.push_back(program_.segments[node.index].body);
  }
  for (NodeId child : children) {
    std::string found = BuiltinIn(child, visited);
    if (!found.empty()) return found;
  }
  return "";
}

Value Interpreter::Eval(NodeId id, Frame& frame) const {
  const ir::Node& node = program_.node(id);
  switch (node.op) {
    case Op::Const:
      if (node.type.is(TypeKind::Null)) return Value::Null();
      if (node.type.is_string_like()) return Value::Scalar(string_ids_[static_cast<size_t>(node.value)]);
      if (node.type.is(TypeKind::Money)) return Value::Money(node.value, currency_ids_[id]);
      return Value::Scalar(node.value);
    // A date-time written in the source is the author's wall clock, in the schema's zone.
    case Op::LocalDateTime: return Value::Scalar(LocalToInstant(zones_.schema_zone(), node.value));
    case Op::Now: return Value::Scalar(frame.now);
    case Op::Today: return Value::Scalar(DateAt(zones_.Of(frame.contact.fields.data()), frame.now));
    case Op::Anonymous: return Bool(!frame.contact.identified);
    case Op::Identified: return Bool(frame.contact.identified);
    case Op::Param: return (*frame.args)[node.index];
    case Op::Contact: {
      Value record;
      record.kind = Value::Kind::Record;
      record.elements = frame.contact.fields;
      return record;
    }
    case Op::ContactField: return frame.contact.fields[node.index];
    case Op::EventField: {
      const auto& [table, row] = frame.rows[frame.rows.size() - 1 - static_cast<size_t>(node.value)];
      return table->column(node.index).Get(row);
    }
    case Op::Element: return *frame.elements[frame.elements.size() - 1 - node.index];
    case Op::Member: {
      Value object = Eval(node.operands[0], frame);
      if (object.kind != Value::Kind::Record || node.index >= object.elements.size()) return Value::Null();
      return object.elements[node.index];
    }
    case Op::Property: {
      const Value object = Eval(node.operands[0], frame);
      if (object.is_null()) return Value::Null();
      const CalendarPart part = CalendarPartOf(program_.node(node.operands[0]).type, node.name);
      return Value::Scalar(CalendarValue(part, zones_.Of(frame.contact.fields.data()), object.scalar));
    }
    case Op::History: return EvalHistory(node, frame);
    case Op::ListFn: return EvalListFn(node, frame);
    case Op::Segment: {
      std::vector<Value> args;
      for (NodeId arg : node.operands) args.push_back(Eval(arg, frame));
      Frame inner{frame.contact, frame.now, &args, {}, {}};
      return Eval(program_.segments[node.index].body, inner);
    }
    case Op::Builtin: {
      if (builtins_ == nullptr) return Value::Null();  // see BuiltinUsedBy: such callers refuse these
      std::vector<Value> args;
      for (NodeId arg : node.operands) args.push_back(Eval(arg, frame));
      return builtins_->Call(node.name, args, frame.contact, frame.now);
    }
    case Op::ListLiteral:
    case Op::RecordLiteral: {
      Value v;
      v.kind = node.op == Op::ListLiteral ? Value::Kind::List : Value::Kind::Record;
      for (NodeId operand : node.operands) v.elements.push_back(Eval(operand, frame));
      return v;
    }
    case Op::Not: return Bool(!Truthy(Eval(node.operands[0], frame)));
    case Op::Neg: {
      Value v = Eval(node.operands[0], frame);
      if (!v.is_null()) v.scalar = -v.scalar;
      return v;
    }
    case Op::And: return Bool(Truthy(Eval(node.operands[0], frame)) && Truthy(Eval(node.operands[1], frame)));
    case Op::Or: return Bool(Truthy(Eval(node.operands[0], frame)) || Truthy(Eval(node.operands[1], frame)));
    case Op::Coalesce: {
      Value v = Eval(node.operands[0], frame);
      if (!v.is_null()) return Promote(v, program_.node(node.operands[0]).type, node.type);
      return Promote(Eval(node.operands[1], frame), program_.node(node.operands[1]).type, node.type);
    }
    case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: {
      const Type& ta = program_.node(node.operands[0]).type;
      const Type& tb = program_.node(node.operands[1]).type;
      return EvalCompare(node.op, Promote(Eval(node.operands[0], frame), ta, tb),
                         Promote(Eval(node.operands[1], frame), tb, ta), ta.NonOptional());
    }
    case Op::In:
    case Op::NotIn: {
      Value needle = Eval(node.operands[0], frame);
      Value haystack = Eval(node.operands[1], frame);
      bool found = false;
      for (const Value& item : haystack.elements) {
        if (ValuesEqual(needle, item)) found = true;
      }
      return Bool(node.op == Op::In ? found : !found);
    }
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div:
      return EvalArithmetic(node, Eval(node.operands[0], frame), Eval(node.operands[1], frame));
  }
  return Value::Null();
}

Value Interpreter::EvalCompare(Op op, const Value& a, const Value& b, const Type& type) const {
  if (a.is_null() || b.is_null()) {
    // `==` treats null as a value of its own; ordering with null is false.
    if (op == Op::Eq) return Bool(a.is_null() && b.is_null());
    if (op == Op::Ne) return Bool(a.is_null() != b.is_null());
    return Bool(false);
  }
  if (a.kind != Value::Kind::Scalar || b.kind != Value::Kind::Scalar) {
    const bool equal = ValuesEqual(a, b);
    return Bool(op == Op::Eq ? equal : op == Op::Ne && !equal);
  }
  int order = 0;
  if (type.is_string_like()) {
    const std::string& x = store_->strings().Text(static_cast<uint32_t>(a.scalar));
    const std::string& y = store_->strings().Text(static_cast<uint32_t>(b.scalar));
    order = x < y ? -1 : x > y ? 1 : 0;
  } else {
    order = a.scalar < b.scalar ? -1 : a.scalar > b.scalar ? 1 : 0;
  }
  switch (op) {
    case Op::Eq: return Bool(order == 0);
    case Op::Ne: return Bool(order != 0);
    case Op::Lt: return Bool(order < 0);
    case Op::Le: return Bool(order <= 0);
    case Op::Gt: return Bool(order > 0);
    default: return Bool(order >= 0);
  }
}

Value Interpreter::EvalArithmetic(const ir::Node& node, const Value& a, const Value& b) const {
  if (a.is_null() || b.is_null()) return Value::Null();
  const Type& ta = program_.node(node.operands[0]).type.NonOptional();
  const Type& tb = program_.node(node.operands[1]).type.NonOptional();
  const Type& result = node.type.NonOptional();
  const uint32_t currency = a.currency != 0 || ta.is(TypeKind::Money) ? a.currency : b.currency;
  auto money_or_scalar = [&](int64_t v) {
    return result.is(TypeKind::Money) ? Value::Money(v, currency) : Value::Scalar(v);
  };
  // Date ± duration moves by whole days.
  if (result.is(TypeKind::Date) && tb.is(TypeKind::Duration)) {
    const int64_t days = b.scalar / 86400;
    return Value::Scalar(node.op == Op::Sub ? a.scalar - days : a.scalar + days);
  }
  if (node.op == Op::Add || node.op == Op::Sub) {
    if (result.is_string_like()) {
      StringPool& strings = store_->strings();
      return Value::Scalar(strings.Intern(strings.Text(static_cast<uint32_t>(a.scalar)) +
                                          strings.Text(static_cast<uint32_t>(b.scalar))));
    }
    const bool scaled = result.is(TypeKind::Decimal);
    const int64_t x = scaled ? Scale(ta, a.scalar) : a.scalar;
    const int64_t y = scaled ? Scale(tb, b.scalar) : b.scalar;
    return money_or_scalar(node.op == Op::Add ? x + y : x - y);
  }
  // Mul and Div: a scaled operand (decimal, percent, money) carries 10^4.
  auto factor = [](const Type& t, int64_t v) -> std::pair<int64_t, int64_t> {
    if (t.is(TypeKind::Percent)) return {v, 1000000};  // 10% is 100000 / 10^6 = 0.1
    if (t.is(TypeKind::Decimal)) return {v, 10000};
    return {v, 1};  // int, money and duration keep their own unit
  };
  if (node.op == Op::Mul) {
    const bool a_unit = ta.is(TypeKind::Money) || ta.is(TypeKind::Duration);
    const Value& unit = a_unit ? a : b;
    const auto [v, denominator] = factor(a_unit ? tb : ta, a_unit ? b.scalar : a.scalar);
    if (result.is(TypeKind::Decimal)) {
      // decimal × decimal (or int): both to 10^4, then back.
      return Value::Scalar(DivideRounded(Scale(ta, a.scalar) * Scale(tb, b.scalar), 10000));
    }
    if (result.is(TypeKind::Int)) return Value::Scalar(a.scalar * b.scalar);
    return money_or_scalar(DivideRounded(unit.scalar * v, denominator));
  }
  // Div.
  if (b.scalar == 0) return Value::Null();
  if (result.is(TypeKind::Money) || result.is(TypeKind::Duration)) {
    const auto [v, denominator] = factor(tb, b.scalar);
    return money_or_scalar(DivideRounded(a.scalar * denominator, v));
  }
  if (result.is(TypeKind::Int)) return Value::Scalar(a.scalar / b.scalar);
  // A decimal quotient: of two numbers, or of two amounts of the same unit.
  const bool units = ta.is(TypeKind::Money) || ta.is(TypeKind::Duration);
  const int64_t x = units ? a.scalar : Scale(ta, a.scalar);
  const int64_t y = units ? b.scalar : Scale(tb, b.scalar);
  return Value::Scalar(DivideRounded(x * 10000, y));
}

// A window bound as an instant: a date is the start of that day in the
// contact's zone, plus `days_after` days (so `between D1 and D2` runs through D2).
Value Interpreter::WindowBound(NodeId id, Frame& frame, int64_t days_after) const {
  Value bound = Eval(id, frame);
  if (bound.is_null() || !program_.node(id).type.NonOptional().is(TypeKind::Date)) return bound;
  bound.scalar = DayStart(zones_.Of(frame.contact.fields.data()), bound.scalar + days_after);
  return bound;
}

Value Interpreter::EvalHistory(const ir::Node& node, Frame& frame) const {
  const ir::HistoryCall& h = node.history;
  const EventTable& table = frame.contact.events[h.event];
  // Events after `now` have not happened yet.
  int64_t lo = INT64_MIN;
  bool lo_inclusive = true;
  int64_t hi = frame.now;
  if (h.window != ir::WindowKind::None) {
    const Value first = WindowBound(h.window_first, frame, 0);
    if (first.is_null()) return node.fn == ir::Fn::Exists || node.fn == ir::Fn::Count ? Value::Scalar(0) : Value::Null();
    switch (h.window) {
      case ir::WindowKind::Within: lo = frame.now - first.scalar; lo_inclusive = false; break;
      case ir::WindowKind::Since: lo = first.scalar; break;
      case ir::WindowKind::Between: {
        const Value second = WindowBound(h.window_second, frame, 1);
        if (second.is_null()) return Value::Null();
        lo = first.scalar;
        hi = std::min(hi, second.scalar - 1);  // [T1, T2): times are whole seconds
        break;
      }
      case ir::WindowKind::None: break;
    }
  }
  const RowRange rows = table.Rows(lo, lo_inclusive, hi);
  const Column* column = &table.column(h.field);
  int64_t count = 0, sum = 0;
  std::optional<int64_t> best;
  size_t first_row = 0, last_row = 0;
  uint32_t currency = 0;
  for (size_t row = rows.begin; row < rows.end; ++row) {
    if (h.where != ir::kNoNode) {
      frame.rows.emplace_back(&table, row);
      const bool keep = Truthy(Eval(h.where, frame));
      frame.rows.pop_back();
      if (!keep) continue;
    }
    if (node.fn == ir::Fn::Exists) return Bool(true);
    if (count == 0) first_row = row;
    last_row = row;
    if (node.fn == ir::Fn::Sum || node.fn == ir::Fn::Avg || node.fn == ir::Fn::Min || node.fn == ir::Fn::Max) {
      // Aggregates count only the events that have the field.
      if (!column->present[row]) continue;
      const int64_t v = column->scalars[row];
      if (column->kind == ColumnKind::Money) currency = column->currencies[row];
      sum += v;
      if (!best || (node.fn == ir::Fn::Min ? v < *best : v > *best)) best = v;
    }
    ++count;
  }
  const Type& result = node.type.NonOptional();
  const uint32_t zero_currency = result.is(TypeKind::Money)
                                     ? store_->strings().Intern(result.currency())
                                     : 0;
  auto of_result = [&](int64_t v) {
    return result.is(TypeKind::Money) ? Value::Money(v, count > 0 && currency != 0 ? currency : zero_currency)
                                      : Value::Scalar(v);
  };
  switch (node.fn) {
    case ir::Fn::Exists: return Bool(false);
    case ir::Fn::Count: return Value::Scalar(count);
    case ir::Fn::Sum: return of_result(sum);
    case ir::Fn::Avg: {
      if (!best) return Value::Null();
      const int64_t n = count;
      const bool int_field = table.column(h.field).kind == ColumnKind::Scalar &&
                             program_.events[h.event].fields[h.field]->type.NonOptional().is(TypeKind::Int);
      return of_result(DivideRounded(int_field ? sum * 10000 : sum, n));
    }
    case ir::Fn::Min:
    case ir::Fn::Max: return best ? of_result(*best) : Value::Null();
    case ir::Fn::First:
    case ir::Fn::Last: {
      if (count == 0) return Value::Null();
      const size_t row = node.fn == ir::Fn::First ? first_row : last_row;
      Value record;
      record.kind = Value::Kind::Record;
      for (size_t i = 0; i < table.column_count(); ++i) record.elements.push_back(table.column(i).Get(row));
      return record;
    }
    default: return Value::Null();
  }
}

Value Interpreter::EvalListFn(const ir::Node& node, Frame& frame) const {
  const Value list = Eval(node.operands[0], frame);
  const bool has_body = node.operands.size() > 1;
  if (!has_body) return Value::Scalar(static_cast<int64_t>(list.elements.size()));
  int64_t count = 0, sum = 0;
  uint32_t currency = 0;
  for (const Value& element : list.elements) {
    frame.elements.push_back(&element);
    const Value v = Eval(node.operands[1], frame);
    frame.elements.pop_back();
    if (node.fn == ir::Fn::Sum) {
      if (!v.is_null()) sum += v.scalar;
      if (v.currency != 0) currency = v.currency;
      continue;
    }
    if (Truthy(v)) ++count;
  }
  const int64_t n = static_cast<int64_t>(list.elements.size());
  switch (node.fn) {
    case ir::Fn::Any: return Bool(count > 0);
    case ir::Fn::All: return Bool(count == n);
    case ir::Fn::Count: return Value::Scalar(count);
    default: {
      const Type& result = node.type.NonOptional();
      if (!result.is(TypeKind::Money)) return Value::Scalar(sum);
      if (currency == 0) currency = store_->strings().Intern(result.currency());
      return Value::Money(sum, currency);
    }
  }
}

}  // namespace kairos::runtime
