// The values of a mapping's expressions on CSV rows, and their JSON form in
// the events `kairos import csv` writes. Numbers and money are exact: int64
// scaled by 10^4, as everywhere in the runtime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/import/mapping.h"

namespace kairos::runtime {

struct Cell {
  enum class Kind { Null, Text, Number, Money, Time, Bool };
  Kind kind = Kind::Null;
  std::string text;    // Text: the text; Money: the currency
  int64_t scaled = 0;  // Number, Money: the value ×10^4; Time: seconds since the epoch (UTC); Bool: 0 or 1
  bool whole = false;  // Number: an integer, written without a fraction
};

using Row = std::vector<std::string>;

// Evaluates `expr` on `row`. `sum` and `count` take the group's values from
// `totals` (indexed by MapExpr::aggregate) when it is given, else they stand
// for this row alone. False with `reason` when the row's data does not fit.
bool Evaluate(const MapExpr& expr, const Row& row, const std::string& currency, const std::vector<Cell>* totals,
              Cell& out, std::string& reason);

// Adds the row to the running `sum` and `count` values of `expr`.
bool Accumulate(const MapExpr& expr, const Row& row, const std::string& currency, std::vector<Cell>& totals,
                std::string& reason);

// The text of a value where text is wanted (a contact id, a group key).
std::string CellText(const Cell& cell);

// Appends the value as JSON: Text and Time as strings, integers as numbers,
// decimals as strings ("12.5"), money as "349.90 GBP" (the event decoder's
// forms), Bool as true or false.
void AppendJson(std::string& out, const Cell& cell);

}  // namespace kairos::runtime
