// The IR as stable, readable text: `kairos compile --emit ir` and the golden
// tests under tests/golden/ir/ read it.
#pragma once

#include <ostream>

#include "compiler/ir/ir.h"

namespace kairos::ir {

// Prints the event layouts the program reads or writes, the contact's
// defaults, each segment as an indented tree (one node a line: `op details :
// type`), the coupon pools and the policy with their settings, then each
// journey, campaign and popup: its clauses, slots and steps followed by the
// functions it calls.
void PrintProgram(std::ostream& out, const Program& program);

}  // namespace kairos::ir
