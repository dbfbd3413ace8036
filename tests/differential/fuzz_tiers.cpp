// libFuzzer target: the differential test driven by fuzzer input. The input's
// bytes are the generators' choices (choices.h), so coverage feedback from
// the front end, the loader and both tiers steers which programs and
// histories come next. Any disagreement, refused generated input or missing
// native code prints its report and aborts, which saves the input as a crash
// file that replays the case. See README.md for how to run it.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "tests/differential/batch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kairos::differential;
  static const SchemaModel schema;
  BatchOptions options;
  options.program.segments = 4;
  options.program.depth = 4;
  options.history.contacts = 4;
  options.probes_per_segment = 3;
  Choices choices(std::span<const uint8_t>(data, size));
  std::ostringstream report;
  const BatchResult result =
      RunBatch(schema, choices, options, "replay: kairos_fuzz_tiers <the crash file>", report);
  if (result.failed) {
    std::cerr << report.str();
    std::abort();
  }
  return 0;
}
