// The reference interpreter of the predicate IR (compiler/ir/ir.h): evaluates
// segments over one contact's history (runtime/history/history.h) at an
// instant `now`. It defines what every other back end must compute.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/calendar/calendar.h"
#include "runtime/history/history.h"

namespace kairos::runtime {

// `==` of two values: null equals only null; lists and records are equal
// when every element is; money compares amounts.
bool ValuesEqual(const Value& a, const Value& b);

// The prelude's catalogue functions (`recently_viewed`, `popular_in_category`,
// ...), which read data the contact history does not hold. The engine that
// owns the product catalogue gives them to the interpreter.
class Builtins {
 public:
  virtual ~Builtins() = default;
  // The value of builtin `name` (a product list, or an optional product).
  virtual Value Call(std::string_view name, const std::vector<Value>& args, const ContactHistory& contact,
                     int64_t now) = 0;
};

class Interpreter {
 public:
  // The store's string pool receives the program's strings, so constants and
  // history cells compare by id.
  explicit Interpreter(HistoryStore& store);

  // Whether `contact` is in `segment` (with `args`, one per parameter) at `now`.
  bool InSegment(const ContactHistory& contact, const ir::Segment& segment, const std::vector<Value>& args,
                 int64_t now) const;

  // The value of function `fn` (a segment, or any IR function) with `args`.
  Value Call(const ContactHistory& contact, const ir::Segment& fn, const std::vector<Value>& args, int64_t now) const;

  // The value of node `id`, a node inside function `fn`, when `fn` is called
  // with `args` (what `kairos explain` shows of a condition's parts).
  Value CallNode(const ContactHistory& contact, const ir::Segment& fn, const std::vector<Value>& args, ir::NodeId id,
                 int64_t now) const;

  // The value of node `id` for `contact` at `now`, outside any segment.
  Value Evaluate(const ContactHistory& contact, ir::NodeId id, int64_t now) const;

  // The first builtin (a catalogue function) that `segment` uses, directly or
  // through the segments it calls, or "" when none: those need the product
  // catalogue, which the interpreter does not have.
  std::string BuiltinUsedBy(const ir::Segment& segment) const;

  // Where builtins are evaluated from now on; without any they are null.
  void SetBuiltins(Builtins* builtins) { builtins_ = builtins; }

 private:
  struct Frame;
  Value Eval(ir::NodeId id, Frame& frame) const;
  Value EvalHistory(const ir::Node& node, Frame& frame) const;
  Value WindowBound(ir::NodeId id, Frame& frame, int64_t days_after) const;
  Value EvalListFn(const ir::Node& node, Frame& frame) const;
  Value EvalCompare(ir::Op op, const Value& a, const Value& b, const Type& type) const;
  Value EvalArithmetic(const ir::Node& node, const Value& a, const Value& b) const;
  std::string BuiltinIn(ir::NodeId id, std::vector<bool>& visited) const;

  const ir::Program& program_;
  HistoryStore* store_;  // interns the strings evaluation makes (concatenation)
  std::vector<uint32_t> string_ids_;  // Program::strings index -> pool id
  std::vector<uint32_t> currency_ids_;  // per node: pool id of a money constant's currency
  Zones zones_;
  Builtins* builtins_ = nullptr;
};

}  // namespace kairos::runtime
