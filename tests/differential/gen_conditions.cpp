// Conditions: comparisons, null tests, membership, logic, history and list
// predicates, and uses of other segments.
#include <algorithm>

#include "compiler/types/symbol.h"
#include "tests/differential/expr_generator.h"

namespace kairos::differential {
namespace {

Gen Compare(const Gen& a, const std::string& op, const Gen& b) {
  Gen g;
  g.text = Wrap(a, kAdd) + " " + op + " " + Wrap(b, kAdd);
  g.type = Type::Bool();
  g.level = kCompare;
  return g;
}

bool IsNumber(const Gen& g) { return g.type.NonOptional().is_number(); }

// `==` and `<` scale an int operand met by a decimal to 10^4.
bool PromotionFits(const Gen& a, const Gen& b) {
  const bool mixed = IsNumber(a) && IsNumber(b) && a.type.NonOptional() != b.type.NonOptional();
  return !mixed || std::max(a.bound, b.bound) * 10'000 <= kLimit;
}

}  // namespace

Gen ExprGenerator::Body(int depth) {
  Gen body;
  // A body that only names another segment or a field tests little: try again.
  for (int tries = 0; tries < 4 && (tries == 0 || body.level >= kPostfix); ++tries) {
    body = choices_.Chance(50) && depth > 0 ? *Logic(depth - 1) : Condition(depth);
  }
  return body;
}

Gen ExprGenerator::Condition(int depth) {
  const bool deep = depth > 0;
  const int d = depth - 1;
  std::optional<Gen> g = OneOf({
      {20, [&] { return Equality(depth); }},
      {5, [&] { return NullTest(depth); }},
      {20, [&] { return Ordering(depth); }},
      {7, [&] { return Membership(depth); }},
      {deep ? 15 : 0, [&] { return Logic(d); }},
      {deep ? 5 : 0,
       [&]() -> std::optional<Gen> {
         Gen inner = Condition(d);
         return Gen{"not " + Wrap(inner, kNot), Type::Bool(), kNot};
       }},
      {deep ? 8 : 0, [&] { return History("exists", Type::Bool(), d); }},
      {deep ? 6 : 0, [&] { return ListCall(choices_.Chance(50) ? "any" : "all", Type::Bool(), d); }},
      {deep && !callable_.empty() ? 6 : 0, [&] { return SegmentUse(d); }},
      {4, [&] { return BoolValue(d); }},
  });
  if (g) return *g;
  return Literal(Type::Bool());
}

std::optional<Gen> ExprGenerator::Logic(int depth) {
  const bool both_and = choices_.Chance(50);
  Gen a = Condition(depth), b = Condition(depth);
  const int level = both_and ? kAnd : kOr;
  return Gen{Wrap(a, level) + (both_and ? " and " : " or ") + Wrap(b, level + 1), Type::Bool(), level};
}

std::optional<Gen> ExprGenerator::BoolValue(int depth) {
  return OneOf({
      {40, [&] { return Leaf(Type::Bool(), false); }},
      {5, [&]() -> std::optional<Gen> { return Literal(Type::Bool()); }},
      {20,
       [&]() -> std::optional<Gen> {
         std::optional<Gen> maybe = Maybe(Type::Bool(), depth);
         if (!maybe) return std::nullopt;
         Gen fallback = depth > 0 && choices_.Chance(30) ? Condition(depth - 1) : Literal(Type::Bool());
         return Gen{Wrap(*maybe, kCoalesce) + " ?? " + Wrap(fallback, kCompare), Type::Bool(), kCoalesce};
       }},
  });
}

Type ExprGenerator::ComparableType() {
  static const std::vector<Type> kTypes = {
      Type::Int(),      Type::Decimal(),  Type::Money("ILS"), Type::Money("EUR"), Type::Percent(),
      Type::Duration(), Type::Timestamp(), Type::Date(),      Type::Time(),       Type::String(),
  };
  static const std::vector<int> kWeights = {12, 6, 8, 2, 4, 6, 8, 6, 3, 12};
  return kTypes[choices_.Weighted(kWeights)];
}

// An operand of `type`: present, or optional when allowed (and out of a `?.`
// chain when ordered).
Gen ExprGenerator::Operand(const Type& type, int depth, bool allow_optional, bool need_safe) {
  if (allow_optional && choices_.Chance(35)) {
    for (int tries = 0; tries < 3; ++tries) {
      std::optional<Gen> g = Maybe(type, depth);
      if (g && (!need_safe || g->safe)) return *g;
    }
  }
  if (type.is_number() && choices_.Chance(30)) return Number(depth);
  return Value(type, depth);
}

std::optional<Gen> ExprGenerator::Equality(int depth) {
  const std::string op = choices_.Chance(60) ? "==" : "!=";
  const int d = std::max(depth - 1, 0);
  const int kind = static_cast<int>(choices_.Weighted({70, depth > 0 ? 6 : 0, 12, 5, 4}));
  if (kind == 1) {
    // Two conditions.
    Gen a = Condition(d), b = choices_.Chance(50) ? Condition(d) : Literal(Type::Bool());
    return Compare(a, op, b);
  }
  if (kind == 2) {
    // An enum value, written bare on either side.
    const Type& e = choices_.Pick(enums_);
    Gen a = Operand(e, d, true, false);
    if (a.literal) {
      std::optional<Gen> other = choices_.Chance(50) ? Leaf(e, false) : Maybe(e, d);
      if (!other) return std::nullopt;
      return Compare(a, op, *other);
    }
    Gen b = choices_.Chance(60) ? Literal(e) : Operand(e, d, true, false);
    return choices_.Chance(50) ? Compare(a, op, b) : Compare(b, op, a);
  }
  if (kind == 3) {
    // Records: two events of one type, or addresses.
    if (choices_.Chance(50) && depth > 0) {
      const Symbol* event = PickEvent([](const Symbol&) { return true; });
      const Type record = Type::Record(event);
      std::optional<Gen> a = History(choices_.Chance(50) ? "first" : "last", record, d);
      std::optional<Gen> b = History(choices_.Chance(50) ? "first" : "last", record, d);
      if (!a || !b) return std::nullopt;
      return Compare(*a, op, *b);
    }
    const Symbol* address = schema_.FindRecord("address");
    const Type record = Type::Record(address);
    std::optional<Gen> a = Maybe(record, d);
    std::optional<Gen> b = choices_.Chance(50) ? Leaf(record, false) : Maybe(record, d);
    if (!a || !b) return std::nullopt;
    return Compare(*a, op, *b);
  }
  if (kind == 4) {
    // Lists and sets, element by element.
    std::vector<Gen> lists = Lists();
    if (lists.empty()) return std::nullopt;
    Gen a = lists[choices_.Below(lists.size())];
    const Type& element = a.type.element();
    std::optional<Gen> b = element.is(TypeKind::Record) ? std::nullopt : ListValue(element, d, true);
    if (!b) b = lists[choices_.Below(lists.size())];
    if (b->type.element().NonOptional() != element.NonOptional()) return std::nullopt;
    return Compare(a, op, *b);
  }
  if (choices_.Chance(60)) {
    // About a name of the `where`, the list element or a parameter.
    std::optional<Gen> a = NearbyLeaf([](const Type& t) {
      return !t.is(TypeKind::Record) && !t.is(TypeKind::List) && !t.is(TypeKind::Set);
    });
    if (a) {
      const Type& t = a->type.NonOptional();
      Gen b = t.is(TypeKind::Enum) && choices_.Chance(60) ? Literal(t) : Operand(t, d, true, false);
      if (PromotionFits(*a, b)) return choices_.Chance(50) ? Compare(*a, op, b) : Compare(b, op, *a);
    }
  }
  const Type type = ComparableType();
  Gen a = Operand(type, d, true, false);
  Gen b = Operand(type, d, true, false);
  if (b.text == a.text) b = Operand(type, d, true, false);  // `x == x` tests little
  if (!PromotionFits(a, b)) return std::nullopt;
  return Compare(a, op, b);
}

std::optional<Gen> ExprGenerator::NullTest(int depth) {
  static const std::vector<Type> kTypes = {Type::Int(),  Type::Decimal(), Type::Money("ILS"), Type::Timestamp(),
                                           Type::Date(), Type::String(),  Type::Bool(),       Type::Duration(),
                                           Type::Time(), Type::Percent()};
  std::optional<Gen> maybe = Maybe(choices_.Pick(kTypes), depth);
  if (!maybe) return std::nullopt;
  const Gen null{"null", Type::Null(), kUnary, false, 0, true};
  const std::string op = choices_.Chance(50) ? "==" : "!=";
  return choices_.Chance(80) ? Compare(*maybe, op, null) : Compare(null, op, *maybe);
}

std::optional<Gen> ExprGenerator::Ordering(int depth) {
  static const std::vector<Type> kTypes = {Type::Int(),      Type::Decimal(),   Type::Money("ILS"), Type::Money("EUR"),
                                           Type::Percent(),  Type::Duration(),  Type::Timestamp(),  Type::Date(),
                                           Type::Time()};
  static const std::vector<int> kWeights = {14, 8, 12, 2, 4, 8, 10, 6, 3};
  static const char* kOps[] = {"<", "<=", ">", ">="};
  const int d = std::max(depth - 1, 0);
  if (choices_.Chance(60)) {
    // About a name of the `where`, the list element or a parameter.
    std::optional<Gen> a = NearbyLeaf([](const Type& t) {
      return std::find(kTypes.begin(), kTypes.end(), t) != kTypes.end();
    });
    if (a) {
      const Type t = a->type.NonOptional();
      if (a->type.is_optional() && !a->safe) {
        // Only a `?.` chain may be ordered while optional: give it a default.
        Gen fallback = Literal(t);
        a = Gen{Wrap(*a, kCoalesce) + " ?? " + Wrap(fallback, kCompare), t, kCoalesce, false,
                std::max(a->bound, fallback.bound)};
      }
      Gen b = Operand(t, d, true, true);
      if (PromotionFits(*a, b)) return choices_.Chance(50) ? Compare(*a, kOps[choices_.Below(4)], b)
                                                           : Compare(b, kOps[choices_.Below(4)], *a);
    }
  }
  const Type& type = kTypes[choices_.Weighted(kWeights)];
  Gen a = Operand(type, d, true, true);
  Gen b = Operand(type, d, true, true);
  if (b.text == a.text) b = Operand(type, d, true, true);
  if (!PromotionFits(a, b)) return std::nullopt;
  return Compare(a, kOps[choices_.Below(4)], b);
}

std::optional<Gen> ExprGenerator::Membership(int depth) {
  const std::string op = choices_.Chance(75) ? "in" : "not in";
  const int d = std::max(depth - 1, 0);
  static const std::vector<Type> kTypes = {Type::String(), Type::Int(),      Type::Decimal(), Type::Money("ILS"),
                                           Type::Duration(), Type::Date(),   Type::Timestamp(), Type::Time(),
                                           Type::Percent()};
  static const std::vector<int> kWeights = {20, 12, 3, 3, 2, 3, 2, 1, 1};
  const int kind = static_cast<int>(choices_.Weighted({60, 12, 8}));
  if (kind == 1) {
    // An enum value in a list of values written bare.
    const Type& e = choices_.Pick(enums_);
    std::optional<Gen> needle = choices_.Chance(50) ? Leaf(e, false) : Maybe(e, d);
    if (!needle) return std::nullopt;
    std::string list = "[";
    const int n = static_cast<int>(choices_.Between(0, 3));
    for (int i = 0; i < n; ++i) list += (i > 0 ? ", " : "") + choices_.Pick(e.symbol()->members)->name;
    return Compare(*needle, op, Gen{list + "]", Type::List(e)});
  }
  if (kind == 2) {
    // An address among the contact's addresses.
    const Type record = Type::Record(schema_.FindRecord("address"));
    std::optional<Gen> needle = choices_.Chance(50) ? Leaf(record, false) : Maybe(record, d);
    if (!needle) return std::nullopt;
    return Compare(*needle, op, Gen{"contact.addresses", Type::List(record), kPostfix});
  }
  const Type& type = kTypes[choices_.Weighted(kWeights)];
  Gen needle = Operand(type, d, true, false);
  if (needle.type.NonOptional() != type && !type.is(TypeKind::String)) return std::nullopt;
  std::optional<Gen> list = ListValue(type, d, true);
  if (!list) return std::nullopt;
  return Compare(needle, op, *list);
}

std::optional<Gen> ExprGenerator::SegmentUse(int depth) {
  const Callable& segment = choices_.Pick(callable_);
  if (segment.params.empty()) return Gen{segment.name, Type::Bool(), kPostfix};
  std::string text = segment.name + "(";
  for (size_t i = 0; i < segment.params.size(); ++i) {
    text += (i > 0 ? ", " : "") + Argument(segment.params[i].type, depth).text;
  }
  return Gen{text + ")", Type::Bool(), kPostfix};
}

}  // namespace kairos::differential
