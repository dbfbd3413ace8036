// Values of expressions that need no contact to compute (`4h`, `-1h`,
// `1d + 12h`, `5000`): what the checker can verify before anything runs.
#pragma once

#include <cstdint>
#include <optional>

#include "compiler/syntax/ast.h"

namespace kairos {

// 100% as literals hold it: percents are scaled by 10^4.
inline constexpr int64_t kHundredPercent = 100 * 10000;

// Seconds of a constant duration, or nullopt when it is not a constant.
std::optional<int64_t> ConstantSeconds(const ast::Expr& expr);

// A constant whole number, or nullopt.
std::optional<int64_t> ConstantInt(const ast::Expr& expr);

}  // namespace kairos
