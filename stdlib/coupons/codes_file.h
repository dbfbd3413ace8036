// `codes from "coupons/welcome.csv"`: codes made in the shop's admin and
// exported, one a line in the first column. An optional first line `code` is
// a header; blank lines are skipped; a cell may be quoted (`"A,1"`, with `""`
// for a quote). Private to stdlib/coupons.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kairos::stdlib_internal {

struct CodesFile {
  std::vector<std::string> codes;   // in file order
  std::vector<std::string> errors;  // "path:line: reason", or "path: reason" for the whole file
};

// The codes of `text`, read from `path` (which names it in errors). A code
// written twice is an error on its second line.
CodesFile ParseCodesFile(std::string_view text, const std::string& path);

// Reads and parses the file at `path`; a file that cannot be read, or holds
// no code, is an error.
CodesFile ReadCodesFile(const std::string& path);

}  // namespace kairos::stdlib_internal
