// Pieces of the IR's text form shared by the printers of expressions and of
// step graphs. Private to compiler/ir.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace kairos::ir_internal {

// Money shows its currency, which the back ends need and Type::ToString omits.
std::string TypeText(const Type& type);
// `name #index` of a member of `owner`, or `#index`.
std::string FieldName(const Symbol* owner, uint32_t index);
// `4h` as `14400s`.
std::string SecondsText(int64_t seconds);
// `50%`, `12.5%` of a percent scaled by 10^4.
std::string PercentText(int64_t scaled);
// `text` in double quotes, with `"`, `\` and line breaks escaped.
std::string Quote(const std::string& text);

// Coupon pools with their settings, then the policy when there is one.
void PrintSettings(std::ostream& out, const ir::Program& program);

// Prints expression trees, one node a line: `op details : type`.
class NodePrinter {
 public:
  NodePrinter(std::ostream& out, const ir::Program& program) : out_(out), program_(program) {}

  // The params that `param` loads name (a segment's or a function's).
  void set_params(const std::vector<ir::SegmentParam>* params) { params_ = params; }
  void Print(ir::NodeId id, int depth, std::string_view label = {});
  // `signature` then the body, e.g. `function name(a: int) : bool`.
  void PrintFunction(std::string_view keyword, const ir::Segment& function);

 private:
  void Indent(int depth);
  void Details(const ir::Node& node);

  std::ostream& out_;
  const ir::Program& program_;
  const std::vector<ir::SegmentParam>* params_ = nullptr;
  std::vector<const Symbol*> events_;  // the events of enclosing `where`s
};

// Prints journeys, campaigns and popups; each is followed by the functions
// it calls, in the order it calls them.
class GraphPrinter {
 public:
  GraphPrinter(std::ostream& out, const ir::Program& program) : out_(out), program_(program), nodes_(out, program) {}

  void PrintJourney(const ir::Journey& journey);
  void PrintCampaign(const ir::Campaign& campaign);
  void PrintPopup(const ir::Popup& popup);
  // Functions no declaration printed (none in a program from LowerPredicates).
  void PrintRemainingFunctions();

 private:
  std::string CallText(const ir::Call& call);
  std::string QuantityText(const ir::Quantity& quantity, std::string_view unit);
  std::string StepRef(ir::StepId id) const;
  std::string EventName(uint32_t event) const;
  void PrintSlots(const ir::StepGraph& graph);
  void PrintSteps(const ir::StepGraph& graph);
  void PrintStep(const ir::Step& step, ir::StepId id, const ir::StepGraph& graph);
  void PrintAction(const ir::Action& action, const ir::StepGraph& graph, ir::StepId next);
  void PrintText(const std::vector<ir::TextPart>& parts, int depth);
  void PrintEmitFields(const ir::EmitAction& emit, int depth);
  void FlushFunctions();

  std::ostream& out_;
  const ir::Program& program_;
  NodePrinter nodes_;
  std::vector<uint32_t> pending_;  // functions called by the declaration being printed
  std::vector<bool> printed_;
};

}  // namespace kairos::ir_internal
