// The predicate IR: segments lowered to typed expression trees that the
// reference interpreter evaluates and a native back end compiles. This header
// is the contract between the lowering and every back end.
//
// A Program holds its nodes in one array; a node names its operands by index,
// so a tree is cheap to copy and to walk without recursion into the AST.
// Journeys, campaigns and popups (journey.h) run functions: trees with params
// like a segment's, whose values (`entered`, the trigger's event, `let`s) the
// caller passes.
//
// Value encodings (the same in the IR, the contact history and every back end):
//   bool                      0 or 1
//   int                       int64
//   decimal, percent          int64 scaled by 10^4 (12.5% is 125000)
//   money                     int64 scaled by 10^4, currency in the node's type
//   duration                  int64 seconds
//   timestamp                 int64 seconds since 1970-01-01T00:00:00Z
//   date                      int64 days since 1970-01-01
//   time (of day)             int64 seconds since midnight
//   string, email, phone, url index into Program::strings
//   enum value                index of the value in its enum's members
//   event, record, coupon     a record of its members (journey.h)
//
// Null rules (LANGUAGE.md §2): `eq`/`ne` treat null as a value of its own
// (null == null holds, null == x does not); `lt le gt ge` with a null operand
// are false; arithmetic, `?.` and field loads propagate null; `??` picks its
// right operand when the left is null.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/journey.h"
#include "compiler/types/symbol.h"
#include "compiler/types/type.h"

namespace kairos::ir {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class Op : uint8_t {
  Const,         // value; a null constant has type null
  LocalDateTime, // value: wall-clock seconds since epoch in the schema's zone
  Now,           // the evaluation instant
  Today,         // the evaluation date in the schema's zone
  Anonymous,     // the contact has no identity yet (a pixel visitor)
  Identified,    // the contact has been identified
  Param,         // index: the segment parameter
  Contact,       // the contact record itself (as in `recently_viewed(contact, 4)`)
  ContactField,  // index: the field in Schema::contact's members
  EventField,    // index: the column (field) of the event a `where` filters; value: which
                 // enclosing `where` (0 innermost)
  Element,       // index: depth of the list function whose element it is (0 innermost)
  Member,        // operands[0]: a record; index: the field; safe: `?.`
  Property,      // operands[0]: a value; name: `.month`, `.date`, `.code`, ...
  History,       // see HistoryCall
  ListFn,        // fn; operands[0]: the list; operands[1]: the predicate or summand (optional)
  Segment,       // index: Program::segments; operands: the arguments
  Builtin,       // name: the prelude function; operands: the arguments
  ListLiteral,   // operands: the elements
  RecordLiteral, // operands: the field values; names: the field names
  Not, Neg,
  And, Or,       // short-circuit
  Coalesce,      // `??`
  Eq, Ne, Lt, Le, Gt, Ge,
  In, NotIn,     // operands[0] in operands[1] (a list or set)
  Add, Sub, Mul, Div,
};

enum class Fn : uint8_t { None, Exists, Count, Sum, Avg, Min, Max, First, Last, Any, All };

enum class WindowKind : uint8_t { None, Within, Since, Between };

// History: fn over events of `event` (an index into Program::events) of the
// current contact. `field` is the aggregated column (Sum/Avg/Min/Max). The
// window is `(now - D, now]` for Within, `[T, now]` for Since and `[T1, T2)`
// for Between; `where` is evaluated per event with EventField loads.
struct HistoryCall {
  uint32_t event = 0;
  uint32_t field = 0;
  NodeId where = kNoNode;
  WindowKind window = WindowKind::None;
  NodeId window_first = kNoNode;   // D or T or T1
  NodeId window_second = kNoNode;  // T2
};

struct Node {
  Op op = Op::Const;
  Type type;
  std::vector<NodeId> operands;
  int64_t value = 0;   // Const, LocalDateTime
  uint32_t index = 0;  // see Op
  bool safe = false;   // Member: `?.`
  Fn fn = Fn::None;    // History, ListFn
  HistoryCall history; // History
  std::string name;    // Property, Builtin
  std::vector<std::string> names;  // RecordLiteral
};

// One event type as the history stores it: column i holds field i
// (column 0 is `at`, column 1 is `contact`, then the schema's fields in order).
struct EventLayout {
  std::string name;
  const Symbol* symbol = nullptr;
  std::vector<const Symbol*> fields;

  // The column of the field named `name`, or -1.
  int Column(std::string_view name) const;
};

struct SegmentParam {
  std::string name;
  Type type;
};

struct Segment {
  std::string name;
  const Symbol* symbol = nullptr;
  std::vector<SegmentParam> params;
  NodeId body = kNoNode;
};

struct Program {
  std::vector<Node> nodes;
  std::vector<std::string> strings;  // interned, in first-use order
  std::vector<EventLayout> events;   // the schema's events, in schema order
  std::vector<Segment> segments;     // in project order
  const Symbol* contact = nullptr;   // the schema's contact record
  const Symbol* product = nullptr;   // the schema's product record
  std::string currency;              // the schema's default currency
  std::string timezone;              // the schema's zone ("" when none)

  // Every expression of journeys, campaigns and popups, as a function: a
  // Segment whose body may be of any type and whose params Call::args fill.
  // Named `declaration.place`, e.g. `cart_recovery.step 3.if`.
  std::vector<Segment> functions;
  std::vector<Journey> journeys;     // in project order
  std::vector<Campaign> campaigns;   // in project order
  std::vector<Popup> popups;         // in project order
  std::vector<CouponPool> coupons;   // in project order
  Policy policy;                     // the project's `policy` (empty when none)
  const Symbol* channel = nullptr;   // the built-in `channel` enum
  // Per contact field (index as in `contact`'s members): its default value,
  // a constant expression, or kNoNode. An inline record without a default
  // whose own fields have some starts as a record of those.
  std::vector<NodeId> contact_defaults;

  const Node& node(NodeId id) const { return nodes[id]; }
  const Segment* FindSegment(std::string_view name) const;
  const Segment* FindFunction(std::string_view name) const;
  const Journey* FindJourney(std::string_view name) const;
  // The index of `event` in `events`, or -1.
  int EventIndex(const Symbol* event) const;
};

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int year, int month, int day);

std::string_view OpName(Op op);
std::string_view FnName(Fn fn);

}  // namespace kairos::ir
