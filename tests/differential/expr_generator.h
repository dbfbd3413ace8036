// The expression generator behind program_generator.h: type-directed, it
// produces expressions the checker accepts, tracks what each one's values can
// be, and knows which names are in scope (event fields inside `where`, element
// fields and `it` inside list functions, segment parameters).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/schema/schema.h"
#include "compiler/types/type.h"
#include "tests/differential/choices.h"
#include "tests/differential/world.h"

namespace kairos::differential {

// Binding strength, loosest first, as in grammar/Journey.g4.
enum Level : int {
  kOr = 1,
  kAnd,
  kNot,
  kCoalesce,
  kCompare,
  kAdd,
  kMul,
  kUnary,  // also literals, so they are parenthesised before `.property`
  kPostfix,
  kAtom,
};

// One generated expression.
struct Gen {
  std::string text;
  Type type;              // as the checker types it
  int level = kAtom;
  bool safe = false;      // comes out of a `?.` chain (may then be ordered while optional)
  double bound = 0;       // no value of it exceeds this in magnitude, in its encoding
  bool literal = false;   // a bare literal (two bare enum values cannot meet)
  int layer = -1;         // a name: the scope layer it comes from, or one of the k...Names below
};

inline constexpr int kContactNames = -1;  // `contact.f`
inline constexpr int kParamNames = -2;    // segment parameters
inline constexpr int kClockNames = -3;    // `now`, `today`
inline constexpr int kNoLayer = -4;

struct Param {
  std::string name;
  Type type;
};

// A segment earlier ones may call.
struct Callable {
  std::string name;
  std::vector<Param> params;
};

class ExprGenerator {
 public:
  ExprGenerator(const Schema& schema, const World& world, Choices& choices);

  // The segments the next body may use, and that body's parameters.
  void SetContext(std::vector<Callable> callable, std::vector<Param> params);

  // A segment body: a bool expression of about `depth` levels.
  Gen Body(int depth);
  // A bool expression of about `depth` levels.
  Gen Condition(int depth);
  // A value of the non-optional type `type`.
  Gen Value(const Type& type, int depth);
  // A value of type `type?`, or nothing when the schema offers none.
  std::optional<Gen> Maybe(const Type& type, int depth);
  // A value of `type` (optional when `type` is) whose magnitude stays within
  // what the data of that type can hold, for segment arguments.
  Gen Argument(const Type& type, int depth);
  // A literal of the non-optional `type`.
  Gen Literal(const Type& type);

  // The largest magnitude stored data of this type has (world.h).
  static double DataBound(const Type& type);

 private:
  struct Layer {
    const Symbol* event = nullptr;  // a `where` over this event
    Type element;                   // else a list function's element
  };
  using Production = std::function<std::optional<Gen>()>;

  // Runs one of `productions`, picked by weight; those that cannot apply
  // (nothing of that type in scope, bounds too large) are skipped.
  std::optional<Gen> OneOf(std::vector<std::pair<int, Production>> productions);

  // Names: everything in scope, as expressions.
  std::vector<Gen> Leaves() const;
  std::optional<Gen> Leaf(const Type& type, bool optional) const;
  // A name of the innermost `where` or list function, or a parameter, whose
  // type `fits`: what a comparison there should be about.
  std::optional<Gen> NearbyLeaf(const std::function<bool(const Type&)>& fits) const;
  bool Shadowed(const std::string& name, size_t layer) const;
  const Symbol* WhereEvent() const;

  // Values (gen_values.cpp).
  std::optional<Gen> Arithmetic(const Type& type, int depth);
  std::optional<Gen> Coalesced(const Type& type, int depth);
  std::optional<Gen> PropertyOf(const Type& type, int depth, bool optional);
  std::optional<Gen> Negated(const Type& type, int depth);
  Gen Number(int depth);  // int or decimal

  // Conditions (gen_conditions.cpp).
  std::optional<Gen> Equality(int depth);
  std::optional<Gen> NullTest(int depth);
  std::optional<Gen> Ordering(int depth);
  std::optional<Gen> Membership(int depth);
  std::optional<Gen> Logic(int depth);
  std::optional<Gen> BoolValue(int depth);
  std::optional<Gen> SegmentUse(int depth);
  Type ComparableType();
  Gen Operand(const Type& type, int depth, bool allow_optional, bool need_safe);

  // Calls (gen_calls.cpp).
  std::optional<Gen> History(const std::string& fn, const Type& result, int depth);
  std::optional<Gen> HistoryField(const std::string& fn, const Type& result, int depth);
  std::optional<Gen> EventMember(const Type& result, int depth);
  std::optional<Gen> ListCall(const std::string& fn, const Type& result, int depth);
  std::optional<Gen> ListValue(const Type& element, int depth, bool allow_empty);
  std::string HistoryTail(const Symbol& event, int depth);
  std::string Window(int depth);
  const Symbol* PickEvent(const std::function<bool(const Symbol&)>& fits);
  // An event with a field of a type that `fits`, and one such field; nullptrs if none.
  std::pair<const Symbol*, const Symbol*> PickEventField(const std::function<bool(const Type&)>& fits);
  std::vector<Gen> Lists() const;

  const Schema& schema_;
  const World& world_;
  Choices& choices_;
  std::vector<Type> enums_;  // every enum of the schema
  std::vector<Callable> callable_;
  std::vector<Param> params_;
  std::vector<Layer> layers_;  // innermost last
  int history_nesting_ = 0;
  int list_nesting_ = 0;
};

// Wraps `g` in parentheses unless it binds at least as tightly as `level`.
std::string Wrap(const Gen& g, int level);

// Arithmetic on bounds: the limit every intermediate value stays under.
inline constexpr double kLimit = 1e17;

}  // namespace kairos::differential
