// Visiting every expression of a file, for tools that look things up by
// position (the language server) rather than by construct.
#pragma once

#include <functional>

#include "compiler/syntax/ast.h"

namespace kairos::ast {

// Calls `visit` on every expression of `file`, outer before inner, in source
// order: declarations, schema defaults, steps, windows, arguments, records.
// Iterative over operator chains, so long flat chains do not deepen the stack.
void ForEachExpr(const File& file, const std::function<void(const Expr&)>& visit);

// The innermost expression whose range contains `offset` (or ends at it), or null.
const Expr* InnermostExprAt(const File& file, uint32_t offset);

}  // namespace kairos::ast
