// The IR as stable, readable text: `kairos compile --emit ir` and the golden
// tests under tests/golden/ir/ read it.
#pragma once

#include <ostream>

#include "compiler/ir/ir.h"

namespace kairos::ir {

// Prints the event layouts the segments read, then each segment as an
// indented tree, one node a line: `op details : type`.
void PrintProgram(std::ostream& out, const Program& program);

}  // namespace kairos::ir
