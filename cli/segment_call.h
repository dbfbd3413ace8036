// The `--name` of `kairos segment`: a segment, with its arguments when it has
// parameters (`browsers("shoes")`, `category_lovers("dresses", 3)`).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/frontend.h"
#include "compiler/ir/ir.h"
#include "runtime/history/history.h"

namespace kairos::cli {

struct SegmentCall {
  const ir::Segment* segment = nullptr;
  std::vector<runtime::Value> args;  // one per parameter, in the history's encodings
};

// Reads `text` as a segment of `program` with literal arguments, parsed as the
// language parses them: strings, numbers, money, percentages, durations,
// dates, times, instants, bools, `null`, enum values and lists of these. They
// must fit the segment's parameters as in a call in a .journey file. Strings
// are interned in `strings`; a local date-time (`2026-03-01 09:00`) is read in
// the schema's zone. A mistake is printed on `err` (syntax errors as
// diagnostics in `format`) and gives nullopt.
std::optional<SegmentCall> ReadSegmentCall(const std::string& text, const ir::Program& program,
                                           runtime::StringPool& strings, DiagnosticsFormat format,
                                           std::ostream& err);

}  // namespace kairos::cli
