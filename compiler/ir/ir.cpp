#include "compiler/ir/ir.h"

#include <chrono>

namespace kairos::ir {

int EventLayout::Column(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->name == name) return static_cast<int>(i);
  }
  return -1;
}

const Segment* Program::FindSegment(std::string_view name) const {
  for (const Segment& segment : segments) {
    if (segment.name == name) return &segment;
  }
  return nullptr;
}

const Segment* Program::FindFunction(std::string_view name) const {
  for (const Segment& function : functions) {
    if (function.name == name) return &function;
  }
  return nullptr;
}

const Journey* Program::FindJourney(std::string_view name) const {
  for (const Journey& journey : journeys) {
    if (journey.name == name) return &journey;
  }
  return nullptr;
}

int Program::EventIndex(const Symbol* event) const {
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].symbol == event) return static_cast<int>(i);
  }
  return -1;
}

int64_t DaysFromCivil(int year, int month, int day) {
  using namespace std::chrono;
  const sys_days days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                      std::chrono::day{static_cast<unsigned>(day)}};
  return days.time_since_epoch().count();
}

std::string_view OpName(Op op) {
  switch (op) {
    case Op::Const: return "const";
    case Op::LocalDateTime: return "local_datetime";
    case Op::Now: return "now";
    case Op::Today: return "today";
    case Op::Anonymous: return "anonymous";
    case Op::Identified: return "identified";
    case Op::Param: return "param";
    case Op::Contact: return "contact";
    case Op::ContactField: return "contact_field";
    case Op::EventField: return "event_field";
    case Op::Element: return "element";
    case Op::Member: return "member";
    case Op::Property: return "property";
    case Op::History: return "history";
    case Op::ListFn: return "list";
    case Op::Segment: return "segment";
    case Op::Builtin: return "builtin";
    case Op::ListLiteral: return "list_literal";
    case Op::RecordLiteral: return "record_literal";
    case Op::Not: return "not";
    case Op::Neg: return "neg";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Coalesce: return "coalesce";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Gt: return "gt";
    case Op::Ge: return "ge";
    case Op::In: return "in";
    case Op::NotIn: return "not_in";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
  }
  return "?";
}

std::string_view FnName(Fn fn) {
  switch (fn) {
    case Fn::None: return "none";
    case Fn::Exists: return "exists";
    case Fn::Count: return "count";
    case Fn::Sum: return "sum";
    case Fn::Avg: return "avg";
    case Fn::Min: return "min";
    case Fn::Max: return "max";
    case Fn::First: return "first";
    case Fn::Last: return "last";
    case Fn::Any: return "any";
    case Fn::All: return "all";
  }
  return "?";
}

}  // namespace kairos::ir
