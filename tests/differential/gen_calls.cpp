// Calls: history functions with `where` and windows, list functions with
// their predicates and summands, and the lists they run over.
#include <algorithm>

#include "compiler/types/symbol.h"
#include "tests/differential/expr_generator.h"

namespace kairos::differential {
namespace {

bool Summable(const Type& t) {
  return t.is(TypeKind::Int) || t.is(TypeKind::Decimal) || t.is(TypeKind::Money) || t.is(TypeKind::Duration);
}

}  // namespace

const Symbol* ExprGenerator::PickEvent(const std::function<bool(const Symbol&)>& fits) {
  std::vector<const Symbol*> events;
  std::vector<int> weights;
  for (const Symbol* event : schema_.events) {
    if (!fits(*event)) continue;
    events.push_back(event);
    weights.push_back(IsSchemaEvent(event->name) ? 6 : 1);  // the prelude's come up less
  }
  if (events.empty()) return nullptr;
  return events[choices_.Weighted(weights)];
}

std::pair<const Symbol*, const Symbol*> ExprGenerator::PickEventField(
    const std::function<bool(const Type&)>& fits) {
  const Symbol* event = PickEvent([&](const Symbol& e) {
    return std::any_of(e.members.begin(), e.members.end(), [&](const Symbol* f) { return fits(f->type); });
  });
  if (event == nullptr) return {nullptr, nullptr};
  std::vector<const Symbol*> fields;
  for (const Symbol* f : event->members) {
    if (fits(f->type)) fields.push_back(f);
  }
  return {event, choices_.Pick(fields)};
}

std::string ExprGenerator::Window(int depth) {
  const int kind = static_cast<int>(choices_.Below(3));
  auto instant = [&]() {
    Gen g = choices_.Chance(20) ? Value(Type::Date(), depth) : Value(Type::Timestamp(), depth);
    return Wrap(g, kAdd);
  };
  if (kind == 0) {
    Gen length = choices_.Chance(70) ? Literal(Type::Duration()) : Value(Type::Duration(), depth);
    if (length.bound > 1e15) length = Literal(Type::Duration());
    return "within " + Wrap(length, kAdd);
  }
  if (kind == 1) return "since " + instant();
  const std::string first = instant();
  return "between " + first + " and " + instant();
}

// ` where P` and a window, each or both or neither, after the event of a history function.
std::string ExprGenerator::HistoryTail(const Symbol& event, int depth) {
  std::string tail;
  if (depth > 0 && history_nesting_ < 2 && choices_.Chance(55)) {
    layers_.push_back({&event, Type()});
    ++history_nesting_;
    Gen where = Condition(depth);
    --history_nesting_;
    layers_.pop_back();
    tail += " where " + where.text;
  }
  if (choices_.Chance(55)) tail += " " + Window(std::max(depth - 1, 0));
  return tail;
}

std::optional<Gen> ExprGenerator::History(const std::string& fn, const Type& result, int depth) {
  const Symbol* event = result.is(TypeKind::Record) ? result.symbol()
                                                    : PickEvent([](const Symbol&) { return true; });
  if (event == nullptr) return std::nullopt;
  Gen g;
  g.text = fn + "(" + event->name + HistoryTail(*event, depth) + ")";
  g.level = kPostfix;
  if (fn == "exists") {
    g.type = Type::Bool();
  } else if (fn == "count") {
    g.type = Type::Int();
    g.bound = kMaxEventsPerType;
  } else {
    g.type = Type::Optional(Type::Record(event));
  }
  return g;
}

std::optional<Gen> ExprGenerator::HistoryField(const std::string& fn, const Type& result, int depth) {
  // The fields `fn` may aggregate into `result`.
  auto fits = [&](const Type& field) {
    const Type& t = field.NonOptional();
    if (fn == "sum") return Summable(t) && t == result;
    if (fn == "avg") return Summable(t) && (t == result || (t.is(TypeKind::Int) && result.is(TypeKind::Decimal)));
    return t == result;
  };
  const auto [event, field] = PickEventField(fits);
  if (event == nullptr) return std::nullopt;
  Gen g;
  g.text = fn + "(" + event->name + "." + field->name + HistoryTail(*event, depth) + ")";
  g.level = kPostfix;
  const double cell = DataBound(field->type) * (field->type.NonOptional().is(TypeKind::Int) && fn == "avg" ? 10'000 : 1);
  if (fn == "sum") {
    g.type = result;
    g.bound = cell * kMaxEventsPerType;
  } else {
    g.type = Type::Optional(result);
    g.bound = cell;
  }
  return g;
}

std::optional<Gen> ExprGenerator::EventMember(const Type& result, int depth) {
  auto fits = [&](const Type& field) {
    const Type& t = field.NonOptional();
    return result.is(TypeKind::String) ? t.is_string_like() : t == result;
  };
  const auto [event, field] = PickEventField(fits);
  if (event == nullptr) return std::nullopt;
  std::optional<Gen> record = History(choices_.Chance(50) ? "first" : "last", Type::Record(event), depth);
  if (!record) return std::nullopt;
  Gen g;
  g.text = record->text + "?." + field->name;
  g.type = Type::Optional(field->type.NonOptional());
  g.level = kPostfix;
  g.safe = true;
  g.bound = DataBound(field->type);
  return g;
}

std::vector<Gen> ExprGenerator::Lists() const {
  std::vector<Gen> lists;
  for (Gen& leaf : Leaves()) {
    if (leaf.type.is(TypeKind::List) || leaf.type.is(TypeKind::Set)) lists.push_back(std::move(leaf));
  }
  return lists;
}

// A list (or set) of `element`: a field, an event's list with a default, or a
// literal (never empty when `allow_empty` is false).
std::optional<Gen> ExprGenerator::ListValue(const Type& element, int depth, bool allow_empty) {
  std::vector<Gen> found;
  for (Gen& list : Lists()) {
    const Type& e = list.type.element();
    if (element.is(TypeKind::String) ? e.is_string_like() : e == element) found.push_back(std::move(list));
  }
  const bool record = element.is(TypeKind::Record);
  const int kind = static_cast<int>(
      choices_.Weighted({found.empty() ? 0 : 40, depth > 0 || record ? 15 : 0, record ? 0 : 45}));
  if (kind == 0) return found[choices_.Below(found.size())];
  if (kind == 1) {
    for (const Type& list_type : {Type::List(element), Type::Set(element)}) {
      if (std::optional<Gen> g = EventMember(list_type, std::max(depth - 1, 0))) {
        return Gen{Wrap(*g, kCoalesce) + " ?? []", list_type, kCoalesce};
      }
    }
  }
  if (record) return std::nullopt;
  std::string text = "[";
  const int n = static_cast<int>(choices_.Between(allow_empty ? 0 : 1, 4));
  bool optional = false;  // an optional element makes the list's elements optional
  for (int i = 0; i < n; ++i) {
    std::optional<Gen> maybe = choices_.Chance(25) ? Maybe(element, depth) : std::nullopt;
    Gen item = maybe ? *maybe : Value(element, depth);
    // Text of one kind only: `email` and `phone` do not share a list.
    if (element.is(TypeKind::String) && !item.literal && !item.type.NonOptional().is(TypeKind::String)) {
      item = Literal(element);
    }
    if (!element.is(TypeKind::String) && item.type.NonOptional() != element) item = Literal(element);
    optional = optional || item.type.is_optional();
    text += (i > 0 ? ", " : "") + item.text;
  }
  return Gen{text + "]", Type::List(optional ? Type::Optional(element) : element), kAtom};
}

std::optional<Gen> ExprGenerator::ListCall(const std::string& fn, const Type& result, int depth) {
  if (list_nesting_ >= 2) return std::nullopt;
  std::vector<Gen> lists = Lists();
  std::optional<Gen> list;
  const int kind = static_cast<int>(choices_.Weighted({lists.empty() ? 0 : 50, 25, 25}));
  if (kind == 0) {
    list = lists[choices_.Below(lists.size())];
  } else if (kind == 1) {
    static const std::vector<Type> kElements = {Type::Int(), Type::String(), Type::Money("ILS"), Type::Date()};
    list = ListValue(choices_.Pick(kElements), depth, false);
  } else {
    list = ListValue(Type::Record(schema_.FindRecord("line_item")), depth, false);
  }
  if (!list) return std::nullopt;
  const Type element = list->type.element();
  if (fn == "count" && choices_.Chance(35)) {
    Gen g{"count(" + list->text + ")", Type::Int(), kPostfix};
    g.bound = kMaxListSize;
    return g;
  }
  layers_.push_back({nullptr, element});
  ++list_nesting_;
  Gen body = fn == "sum" ? Value(result, depth) : Condition(depth);
  --list_nesting_;
  layers_.pop_back();
  if (fn == "sum" && (body.type != result || body.bound * kMaxListSize > kLimit)) return std::nullopt;
  Gen g{fn + "(" + list->text + ", " + body.text + ")", result, kPostfix};
  if (fn == "count") g.bound = kMaxListSize;
  if (fn == "sum") g.bound = body.bound * kMaxListSize;
  return g;
}

}  // namespace kairos::differential
