// `kairos compile --emit ast`: a readable, stable rendering of the AST.
#pragma once

#include <ostream>

#include "compiler/syntax/ast.h"

namespace kairos {

// One node per line, indented by depth, with line:col ranges.
void DumpAst(std::ostream& out, const ast::File& file);

}  // namespace kairos
