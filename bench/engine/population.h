// What the engine benchmarks evaluate: bench.journey checked and lowered, and
// synthetic contacts in a HistoryStore of that program.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/check/semantic_model.h"
#include "compiler/ir/ir.h"
#include "compiler/project/project.h"
#include "runtime/history/history.h"

namespace kairos::bench {

// A checked and lowered project; the program points into the model and the
// project, so they live together.
struct LoweredProject {
  Project project;
  std::unique_ptr<SemanticModel> model;
  ir::Program program;

  const ir::Segment& segment(const std::string& name) const;
};

// bench.journey's text (read from the source tree).
std::string BenchJourneyText();

// Checks and lowers `text` with the prelude. Prints the diagnostics and
// returns null when the project has errors.
std::unique_ptr<LoweredProject> LowerProject(const std::string& text);

// Contacts 0 .. count-1 in one store, in contact-number order.
struct Population {
  explicit Population(const ir::Program& program) : store(program) {}
  runtime::HistoryStore store;
  std::vector<const runtime::ContactHistory*> contacts;
  double build_seconds = 0;
  double heap_bytes = 0;  // heap in use for the store, measured around the build
};

std::unique_ptr<Population> BuildPopulation(const ir::Program& program, uint64_t count);

// Heap bytes in use by this process (malloc's count, which RSS would blur).
double HeapBytesInUse();
// MemAvailable from /proc/meminfo, or 0 when unknown.
double MemoryAvailableBytes();

}  // namespace kairos::bench
