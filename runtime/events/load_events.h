// Events in, as JSON Lines (INTERFACES.md): each line decoded, validated
// against the schema and placed in the contacts' histories. A bad line is
// reported with its line number and the reason, and skipped; nothing else is
// lost. With `strict`, loading stops at the first bad line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/history/history.h"

namespace kairos::runtime {

struct EventError {
  int line = 0;  // 1-based
  std::string reason;
};

struct LoadResult {
  size_t accepted = 0;             // events placed (identify included)
  size_t duplicates = 0;           // lines ignored for a repeated `id`
  std::vector<EventError> errors;  // in line order
  std::optional<int64_t> last_at;  // the latest `at` accepted
};

LoadResult LoadEvents(std::string_view text, HistoryStore& store, bool strict);

}  // namespace kairos::runtime
