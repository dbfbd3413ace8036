#include "bench/engine/population.h"

#include <malloc.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bench/engine/store_filler.h"
#include "compiler/check/check.h"
#include "compiler/diagnostics/print.h"
#include "compiler/ir/lower.h"
#include "stdlib/prelude.h"

namespace kairos::bench {

const ir::Segment& LoweredProject::segment(const std::string& name) const {
  const ir::Segment* found = program.FindSegment(name);
  if (found == nullptr) {
    std::cerr << "bench.journey has no segment `" << name << "`\n";
    std::abort();
  }
  return *found;
}

std::string BenchJourneyText() {
  std::ifstream in(std::string(KAIROS_SOURCE_DIR) + "/bench/engine/bench.journey",
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::unique_ptr<LoweredProject> LowerProject(const std::string& text) {
  auto lowered = std::make_unique<LoweredProject>();
  DiagnosticSink sink;
  AddSource(lowered->project, "bench.journey", text, sink);
  AddSource(lowered->project, std::string(stdlib::kPreludePath), std::string(stdlib::PreludeText()),
            sink);
  lowered->model = Check(lowered->project, sink);
  if (!sink.has_errors())
    lowered->program = LowerPredicates(lowered->project, *lowered->model, sink);
  if (sink.has_errors()) {
    for (const Diagnostic& diagnostic : sink.diagnostics())
      PrintDiagnosticText(std::cerr, diagnostic);
    return nullptr;
  }
  return lowered;
}

std::unique_ptr<Population> BuildPopulation(const ir::Program& program, uint64_t count) {
  const double heap_before = HeapBytesInUse();
  const auto start = std::chrono::steady_clock::now();
  auto population = std::make_unique<Population>(program);
  StoreFiller filler(population->store);
  population->contacts.reserve(count);
  for (uint64_t n = 0; n < count; ++n) {
    population->contacts.push_back(&filler.Add(GenerateContact(n)));
  }
  population->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  population->heap_bytes = HeapBytesInUse() - heap_before;
  return population;
}

double HeapBytesInUse() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd);
}

double MemoryAvailableBytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  double kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") return kib * 1024;
  }
  return 0;
}

}  // namespace kairos::bench
