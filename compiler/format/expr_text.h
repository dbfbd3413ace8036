// The one-line text of expressions, types and windows, as `kairos fmt` writes
// them: single spaces around binary operators, literals as the author wrote
// them, parentheses exactly where the author put them.
#pragma once

#include <string>
#include <vector>

#include "compiler/syntax/ast.h"

namespace kairos::format_internal {

std::string ExprText(const ast::Expr& expr);
std::string WindowText(const ast::Window& window);
std::string TypeText(const ast::TypeExpr& type);
// `name: type [key] [= default]`.
std::string FieldText(const ast::FieldDecl& field);
// `(a: T, b: U)`.
std::string ParamsText(const std::vector<ast::Param>& params);

}  // namespace kairos::format_internal
