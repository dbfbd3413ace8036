// The differential test of the engine's tiers (see README.md): batches of
// generated segments and histories, each evaluated on the interpreter, on
// native code and on `auto`, whose values must be equal. Run by ctest with no
// arguments; a failing batch prints the seed that replays it.
//
//   kairos_differential_test                  the default batches (>= 10 000 cases)
//   kairos_differential_test --seed S         only batch S (or KAIROS_DIFF_SEED=S)
//   kairos_differential_test --from S --batches N
//   kairos_differential_test --seed S --dump DIR   also write its project and events to DIR
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "tests/differential/batch.h"

namespace {

constexpr uint64_t kFirstSeed = 1;
constexpr int kBatches = 8;
constexpr uint64_t kMinimumCases = 10'000;

bool ParseNumber(const char* text, uint64_t& out) {
  char* end = nullptr;
  out = std::strtoull(text, &end, 10);
  return end != text && *end == '\0';
}

int Usage(const char* program) {
  std::cerr << "usage: " << program << " [--seed S | --from S --batches N] [--dump DIR] [--no-auto]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kairos::differential;
  uint64_t first = kFirstSeed;
  uint64_t batches = kBatches;
  bool single = false;
  std::string dump_dir;
  BatchOptions options;
  if (const char* seed = std::getenv("KAIROS_DIFF_SEED"); seed != nullptr && *seed != '\0') {
    if (!ParseNumber(seed, first)) return Usage(argv[0]);
    batches = 1;
    single = true;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if ((arg == "--seed" || arg == "--from") && has_value) {
      if (!ParseNumber(argv[++i], first)) return Usage(argv[0]);
      if (arg == "--seed") {
        batches = 1;
        single = true;
      }
    } else if (arg == "--batches" && has_value) {
      if (!ParseNumber(argv[++i], batches)) return Usage(argv[0]);
      single = true;  // a chosen range need not reach the default number of cases
    } else if (arg == "--dump" && has_value) {
      dump_dir = argv[++i];
    } else if (arg == "--no-auto") {
      options.auto_tier = false;
    } else {
      return Usage(argv[0]);
    }
  }

  const auto start = std::chrono::steady_clock::now();
  const SchemaModel schema;
  uint64_t cases = 0, functions = 0, failed = 0;
  BatchResult totals;
  for (uint64_t seed = first; seed < first + batches; ++seed) {
    Choices choices(seed);
    if (!dump_dir.empty()) options.dump_dir = dump_dir + "/seed-" + std::to_string(seed);
    const std::string replay = "replay: KAIROS_DIFF_SEED=" + std::to_string(seed) + " " + argv[0];
    const BatchResult result = RunBatch(schema, choices, options, replay, std::cout);
    cases += result.cases;
    functions += result.functions;
    if (result.failed) ++failed;
    totals.true_results += result.true_results;
    totals.false_results += result.false_results;
    totals.null_results += result.null_results;
    totals.other_results += result.other_results;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "differential: " << batches << " batches (seeds " << first << ".." << first + batches - 1 << "), "
            << functions << " functions, " << cases << " cases compared, " << failed << " batches failed, "
            << seconds << " s\n"
            << "differential: results " << totals.true_results << " true, " << totals.false_results << " false, "
            << totals.null_results << " null, " << totals.other_results << " other values\n";
  if (failed > 0) return 1;
  if (!single && cases < kMinimumCases) {
    std::cout << "differential: fewer than " << kMinimumCases << " cases; the generator lost its reach\n";
    return 1;
  }
  return 0;
}
