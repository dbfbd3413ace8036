// What the program generator and the history generator share so that their
// values meet: the fixed schema (every field type the language has), the
// evaluation instants, and the ranges every generated value stays within.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/semantic_model.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/project/project.h"
#include "tests/differential/choices.h"

namespace kairos::differential {

// The schema every generated project uses, with `timezone` ("" for none).
std::string SchemaText(std::string_view timezone);

// Whether `event` is one of SchemaText's own events rather than the prelude's.
bool IsSchemaEvent(std::string_view event);

// The schema checked once (prelude included), so generators can walk its
// records, events and field types.
class SchemaModel {
 public:
  SchemaModel();
  const Schema& schema() const { return model_->schema(); }
  // A record of the schema (`address`, `line_item`) by name.
  const Symbol& Record(std::string_view name) const;

 private:
  Project project_;
  DiagnosticSink sink_;
  std::unique_ptr<SemanticModel> model_;
};

// Bounds on stored values, in their encodings (compiler/ir/ir.h). The program
// generator derives from them a bound for every expression and keeps each
// intermediate result far below 2^63, so no tier ever overflows.
inline constexpr int64_t kMaxIntField = 10'000;
inline constexpr int64_t kMaxDecimalField = 10'000 * 10'000LL;   // 10 000.0000
inline constexpr int64_t kMaxMoneyField = 100'000 * 10'000LL;    // 100 000.0000
inline constexpr int64_t kMaxPercentField = 200 * 10'000LL;      // 200%
inline constexpr int64_t kMaxDurationField = 400 * 86'400LL;     // 400 days
inline constexpr int64_t kMaxInstant = 4'000'000'000LL;          // about 2096
inline constexpr int64_t kMaxDate = 50'000;                      // days, about 2106
inline constexpr int64_t kMaxEventsPerType = 12;
inline constexpr int64_t kMaxListSize = 5;

// One generated world: its zone, the instants of evaluation and the instants
// that events and window bounds are likely to share, so boundaries are hit
// exactly (`within 7d` against an event 7 days old to the second).
struct World {
  std::string timezone;
  int64_t now = 0;                 // the main evaluation instant
  std::vector<int64_t> nows;       // every evaluation instant, `now` first
  std::vector<int64_t> anchors;    // instants near which events and literals cluster
  std::vector<int64_t> durations;  // lengths, in seconds, that windows and events share
};

World MakeWorld(Choices& choices);

// Text that both generators draw strings from, so comparisons sometimes hold.
const std::vector<std::string>& Words();
// Values of the contact's `timezone` field: zones, and text that is none.
const std::vector<std::string>& ZoneNames();

// `2026-03-01T10:00:00Z` for `seconds` since the epoch (UTC).
std::string InstantText(int64_t seconds);
// `2026-03-01` for `days` since the epoch.
std::string DateText(int64_t days);
// `12.5` for 125000 (a value scaled by 10^4), without needless zeros.
std::string ScaledText(int64_t scaled);
// `1d 12h`, `90s`, `2w` for a positive number of seconds.
std::string DurationText(int64_t seconds);

}  // namespace kairos::differential
