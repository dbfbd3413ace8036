// `kairos fmt`: the canonical layout of a .journey file. Keeps every comment,
// never changes meaning, and is idempotent (formatting twice changes nothing).
#pragma once

#include <string>

#include "compiler/syntax/ast.h"

namespace kairos {

// Formats a file that parsed without errors.
std::string Format(const ast::File& file);

}  // namespace kairos
