// The rules that relate types: what may be stored where, what compares with
// what, and what arithmetic yields. Pure functions of types, so they are the
// same for the checker, the language server and the IR.
#pragma once

#include <optional>

#include "compiler/types/type.h"

namespace kairos {

// Money amounts of these currencies may meet (equal, or one unknown).
bool SameCurrency(const Type& a, const Type& b);

// Whether a value of type `from` may go where `to` is expected (a field, a
// parameter, a default). int widens to decimal, email/phone/url to string, T to
// T?, null to T?; a string literal also fits email, phone and url.
bool IsAssignable(const Type& to, const Type& from, bool from_string_literal = false);

// Whether `==`/`!=`/`in` may compare values of these types. Both are taken
// without their optional and neither may be null (the checker handles those).
bool AreEquatable(const Type& a, const Type& b);

// Types with an order (`<`, `min`, `max`): numbers, money, percent, duration,
// timestamp, date, time.
bool IsOrdered(const Type& type);

// Whether `<`-style comparisons accept this pair (non-optional operands).
bool AreOrderable(const Type& a, const Type& b);

// Types `sum` and `avg` accept: int, decimal, money, duration.
bool IsSummable(const Type& type);

enum class ArithmeticOp { Add, Sub, Mul, Div };

// The result of `a op b` for non-optional operands, or nullopt when the
// operator does not apply. int/int division yields decimal.
std::optional<Type> ArithmeticResult(ArithmeticOp op, const Type& a, const Type& b);

// Why two types do not go together, to pick the diagnostic that explains it.
enum class Mismatch {
  MoneyVsNumber,         // money meets int/decimal: the number needs a currency
  Currency,              // money of two currencies
  DurationVsTimestamp,   // a length of time meets a point in time
  Other,
};

Mismatch ClassifyMismatch(const Type& a, const Type& b);

}  // namespace kairos
