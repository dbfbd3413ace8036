// One batch of the differential test: a generated project and history go
// through the real front end (parse, check, LowerPredicates) and the event
// loader; then every function — each segment, and probes that return the
// values inside them — is evaluated for every contact at every instant on the
// interpreter, on native code and on `auto`, and the values must be equal.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "tests/differential/choices.h"
#include "tests/differential/history_generator.h"
#include "tests/differential/program_generator.h"
#include "tests/differential/world.h"

namespace kairos::differential {

struct BatchOptions {
  ProgramOptions program;
  HistoryOptions history;
  // Values inside each segment (sums, instants, optionals, ...) evaluated as
  // functions of their own, so a wrong value cannot hide behind a comparison.
  int probes_per_segment = 4;
  // Also run the `auto` tier, switching each function to native code after
  // two interpreted evaluations.
  bool auto_tier = true;
  // When set, a folder to write the batch's project (`generated.journey`)
  // and events (`events.jsonl`) to, for `kairos check` and `kairos segment`.
  std::string dump_dir;
};

struct BatchResult {
  uint64_t functions = 0;
  uint64_t cases = 0;  // (function, contact, instant) evaluations compared
  uint64_t mismatches = 0;
  // What the interpreter answered, to see that cases are not all alike.
  uint64_t true_results = 0, false_results = 0, null_results = 0, other_results = 0;
  // Something went wrong: generated input was refused (a generator bug),
  // native code was not available, or the tiers disagreed.
  bool failed = false;
};

// Runs one batch drawn from `choices`; reports go to `out`, each naming
// `replay`, which says how to run this batch again.
BatchResult RunBatch(const SchemaModel& schema, Choices& choices, const BatchOptions& options,
                     const std::string& replay, std::ostream& out);

}  // namespace kairos::differential
