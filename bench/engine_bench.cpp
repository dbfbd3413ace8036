// Engine speed: segments evaluated by the interpreter and by native code
// (runtime/tiers/predicate_engine.h) over deterministic synthetic contacts
// (bench/engine/synthetic.h). The peers (CEL, PostgreSQL, DuckDB) answer the
// same questions over the same rows in bench/peers/.
//
//   P1  ns per contact for six predicates, interpreter vs native code.
//   P2  one segment recomputed over every contact of a large population.
//   P6  native compile latency per predicate, alone and 100 to a module.
//   P7  cumulative time of N evaluations (compile included) per tier.
//
// Own flags (before Google Benchmark's):
//   --p1_contacts=N       P1's population (default 10000)
//   --p2_contacts=N[,N]   P2's populations (default 1000000); a population
//                         that does not fit in memory is cut to what fits
//                         (skipped when that size was measured already)
//   --p7_max_n=N          P7's largest N, a power of ten (default 100000000)
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <initializer_list>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/engine/population.h"
#include "bench/engine/store_filler.h"
#include "runtime/interp/interpreter.h"
#include "runtime/jit/jit.h"
#include "runtime/tiers/predicate_engine.h"

namespace kairos::bench {
namespace {

using runtime::PredicateEngine;
using runtime::Tier;
using runtime::TierOptions;
using runtime::Value;

const std::vector<std::string> kP1Predicates = {
    "cart_abandoners", "vip_by_spend",          "lapsed",
    "dress_browsers",  "reachable_in_tel_aviv", "warm_leads"};
constexpr const char* kP2Segment = "winback";
constexpr const char* kP7Predicate = "warm_leads";
constexpr int kModulePredicates = 100;
constexpr double kMemoryMargin = 4.0 * (1 << 30);  // left to the rest of the machine

const std::vector<Value> kNoArgs;

// Appends `parts` (GCC 12 warns, wrongly, on `"literal" + std::string` at -O2 and up).
std::string Concat(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (std::string_view part : parts) text += part;
  return text;
}

struct Options {
  uint64_t p1_contacts = 10000;
  std::vector<uint64_t> p2_contacts = {1000000};
  uint64_t p7_max_n = 100000000;
};

// Loaded once, on first use.
const LoweredProject& Bench() {
  static const std::unique_ptr<LoweredProject> project = [] {
    auto lowered = LowerProject(BenchJourneyText());
    if (lowered == nullptr) std::exit(1);
    const std::string problem = StoreFiller::Check(lowered->program);
    if (!problem.empty()) {
      std::cerr << problem << "\n";
      std::exit(1);
    }
    return lowered;
  }();
  return *project;
}

Options& Settings() {
  static Options options;
  return options;
}

Population& P1Population() {
  static const std::unique_ptr<Population> population =
      BuildPopulation(Bench().program, Settings().p1_contacts);
  return *population;
}

// Counters every per-contact benchmark reports.
void CountPerContact(benchmark::State& state, double contacts, uint64_t members) {
  state.counters["contacts"] = contacts;
  state.counters["members"] = static_cast<double>(members);
  state.counters["ns_per_contact"] = benchmark::Counter(
      contacts * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["contacts_per_s"] =
      benchmark::Counter(contacts, benchmark::Counter::kIsIterationInvariantRate);
}

// Native code must give the interpreter's answer for every contact.
std::string CompareTiers(PredicateEngine& engine, const Population& population,
                         const ir::Segment& fn) {
  const runtime::Interpreter& interpreter = engine.interpreter();
  uint64_t differ = 0;
  for (const runtime::ContactHistory* contact : population.contacts) {
    if (engine.Test(*contact, fn, kNoArgs, kNow) !=
        interpreter.InSegment(*contact, fn, kNoArgs, kNow))
      ++differ;
  }
  if (differ == 0) return "";
  return Concat(
      {"native code and the interpreter disagree on ", std::to_string(differ), " contacts"});
}

// Evaluates `fn` over `population` per iteration on `tier`.
void EvaluateAll(benchmark::State& state, Population& population, const ir::Segment& fn,
                 Tier tier) {
  TierOptions options;
  options.tier = tier;
  PredicateEngine engine(population.store, options);
  if (tier == Tier::Jit) {
    const std::string error = engine.Prepare({&fn});
    if (!error.empty()) {
      state.SkipWithError(error.c_str());
      return;
    }
    const std::string disagreement = CompareTiers(engine, population, fn);
    if (!disagreement.empty()) {
      state.SkipWithError(disagreement.c_str());
      return;
    }
  }
  uint64_t members = 0;
  for (auto _ : state) {
    members = 0;
    for (const runtime::ContactHistory* contact : population.contacts)
      members += engine.Test(*contact, fn, kNoArgs, kNow);
    benchmark::DoNotOptimize(members);
  }
  CountPerContact(state, static_cast<double>(population.contacts.size()), members);
}

// P1: one predicate over the P1 population.
void BM_Predicate(benchmark::State& state, Tier tier, const std::string& name) {
  EvaluateAll(state, P1Population(), Bench().segment(name), tier);
}

// P2: the population of the requested size, or as much of it as fits; one
// population is in memory at a time.
struct P2State {
  uint64_t requested = 0;
  uint64_t largest_measured = 0;
  std::unique_ptr<Population> population;
  std::string label;
};

P2State& P2() {
  static P2State state;
  return state;
}

Population* P2Population(uint64_t requested) {
  P2State& p2 = P2();
  if (p2.requested == requested && p2.population != nullptr) return p2.population.get();
  p2.population.reset();
  malloc_trim(0);
  p2.requested = requested;
  const Population& sample = P1Population();
  const double per_contact = sample.heap_bytes / static_cast<double>(sample.contacts.size());
  const double room = MemoryAvailableBytes() - kMemoryMargin;
  uint64_t count = requested;
  std::ostringstream label;
  if (per_contact * static_cast<double>(requested) > room) {
    // Whole millions (or thousands, for small rooms) that fit.
    const auto fits = static_cast<uint64_t>(room / per_contact);
    const uint64_t unit = fits >= 1000000 ? 1000000 : 1000;
    count = fits / unit * unit;
    label << requested << " requested; " << count << " fit in " << room / (1 << 30) << " GiB at "
          << per_contact << " B per contact; ";
  }
  if (count == 0 || count <= p2.largest_measured) {
    p2.label =
        label.str() + (count == 0 ? "nothing fits" : "the largest that fits is measured above");
    return nullptr;
  }
  p2.largest_measured = count;
  p2.population = BuildPopulation(Bench().program, count);
  label << "built in " << p2.population->build_seconds << " s";
  p2.label = label.str();
  return p2.population.get();
}

void BM_Recompute(benchmark::State& state, Tier tier, uint64_t requested) {
  Population* population = P2Population(requested);
  if (population == nullptr) {
    state.SkipWithError(P2().label.c_str());
    return;
  }
  EvaluateAll(state, *population, Bench().segment(kP2Segment), tier);
  state.counters["requested"] = static_cast<double>(requested);
  state.counters["bytes_per_contact"] =
      population->heap_bytes / static_cast<double>(population->contacts.size());
  state.counters["build_s"] = population->build_seconds;
  state.SetLabel(P2().label);
}

// P6: the 100 predicates of one module, bench.journey's six shapes with
// different constants.
std::string ModuleSegment(int i) {
  std::ostringstream s;
  s << "segment m" << i << " = ";
  switch (i % 6) {
    case 0:
      s << "sum(cart_abandoned.value within " << (1 + i % 3) << "d) > " << (100 + i)
        << " ILS and not exists(order_placed since (last(cart_abandoned)?.at ?? now))";
      break;
    case 1:
      s << "sum(order_placed.total within " << (300 + i) << "d) >= " << (1000 + i) << " ILS";
      break;
    case 2:
      s << "last(order_placed)?.at < now - " << (30 + i) << "d";
      break;
    case 3:
      s << "count(page_viewed where category == \"" << kCategories[i % 5] << "\" within "
        << (7 + i % 14) << "d) >= " << (1 + i % 5);
      break;
    case 4:
      s << "contact.consent.email and contact.email != null and contact.city == \""
        << kCities[i % 6] << "\" and not (\"test\" in contact.tags)";
      break;
    default:
      s << "(contact.city ?? \"unknown\") != \"unknown\" and (avg(order_placed.total within 365d) "
           "?? 0 ILS) > "
        << (200 + i) << " ILS and (last(page_viewed)?.duration ?? 0s) >= " << (10 + i % 50)
        << "s or vip_by_spend and contact.consent.sms";
      break;
  }
  return s.str() + "\n";
}

struct ModuleProject {
  std::unique_ptr<LoweredProject> lowered;
  std::unique_ptr<runtime::HistoryStore> store;
  std::vector<const ir::Segment*> functions;
};

const ModuleProject& Module() {
  static const ModuleProject module = [] {
    ModuleProject m;
    std::string text = BenchJourneyText();
    for (int i = 0; i < kModulePredicates; ++i) text += ModuleSegment(i);
    m.lowered = LowerProject(text);
    if (m.lowered == nullptr) std::exit(1);
    m.store = std::make_unique<runtime::HistoryStore>(m.lowered->program);
    for (int i = 0; i < kModulePredicates; ++i)
      m.functions.push_back(&m.lowered->segment(Concat({"m", std::to_string(i)})));
    return m;
  }();
  return module;
}

// Setting up the JIT (once per engine), apart from compiling; LLVM's
// one-time initialisation of the process is left out.
void BM_JitSetup(benchmark::State& state, int opt_level) {
  { runtime::Jit warm_up(P1Population().store, {opt_level}); }
  for (auto _ : state) {
    runtime::Jit jit(P1Population().store, {opt_level});
    if (!jit.setup_error().empty()) {
      state.SkipWithError(jit.setup_error().c_str());
      return;
    }
  }
}

// Each P1 predicate compiled alone, in a fresh JIT; the time is per predicate.
void BM_CompileAlone(benchmark::State& state, int opt_level) {
  Population& population = P1Population();
  std::vector<const ir::Segment*> functions;
  for (const std::string& name : kP1Predicates) functions.push_back(&Bench().segment(name));
  for (auto _ : state) {
    state.PauseTiming();
    for (const ir::Segment* fn : functions) {
      runtime::Jit jit(population.store, {opt_level});
      state.ResumeTiming();
      const std::string error = jit.Compile({fn});
      state.PauseTiming();
      if (!error.empty()) {
        state.SkipWithError(error.c_str());
        break;
      }
    }
    state.ResumeTiming();
  }
  state.counters["us_per_predicate"] = benchmark::Counter(
      static_cast<double>(functions.size()) * 1e-6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// 100 predicates compiled in one module; the time is per predicate.
void BM_CompileModule(benchmark::State& state, int opt_level) {
  const ModuleProject& module = Module();
  for (auto _ : state) {
    state.PauseTiming();
    auto jit = std::make_unique<runtime::Jit>(*module.store, runtime::JitOptions{opt_level});
    state.ResumeTiming();
    const std::string error = jit->Compile(module.functions);
    state.PauseTiming();
    jit.reset();
    state.ResumeTiming();
    if (!error.empty()) {
      state.SkipWithError(error.c_str());
      break;
    }
  }
  state.counters["us_per_predicate"] = benchmark::Counter(
      static_cast<double>(kModulePredicates) * 1e-6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The CPU time of every thread of the process (auto's background compile
// included): on a shared machine the wall clock also counts other processes.
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// P7: from a fresh engine (built untimed) to N answers, compile included,
// cycling over the P1 population. The manual time is the wall clock; the
// counter `cpu_s` the process's CPU time.
void BM_Cumulative(benchmark::State& state, Tier tier, uint64_t n) {
  Population& population = P1Population();
  const ir::Segment& fn = Bench().segment(kP7Predicate);
  const size_t size = population.contacts.size();
  uint64_t members = 0;
  double cpu_seconds = 0;
  for (auto _ : state) {
    TierOptions options;
    options.tier = tier;
    auto engine = std::make_unique<PredicateEngine>(population.store, options);
    const double cpu_start = ProcessCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    if (tier == Tier::Jit) {
      const std::string error = engine->Prepare({&fn});
      if (!error.empty()) {
        state.SkipWithError(error.c_str());
        return;
      }
    }
    members = 0;
    size_t next = 0;
    for (uint64_t i = 0; i < n; ++i) {
      members += engine->Test(*population.contacts[next], fn, kNoArgs, kNow);
      if (++next == size) next = 0;
    }
    benchmark::DoNotOptimize(members);
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    cpu_seconds += ProcessCpuSeconds() - cpu_start;
    engine.reset();  // waits for a background compile, outside the time
  }
  state.counters["cpu_s"] = benchmark::Counter(cpu_seconds, benchmark::Counter::kAvgIterations);
  state.counters["n"] = static_cast<double>(n);
  state.counters["members"] = static_cast<double>(members);
}

// Enough repeats to smooth the small N, one run for the large.
int64_t CumulativeIterations(uint64_t n) {
  if (n <= 100) return 200;
  if (n <= 10000) return 50;
  if (n <= 1000000) return 5;
  return 1;
}

void Register(const Options& options) {
  const std::pair<Tier, const char*> tiers[] = {{Tier::Interp, "interp"}, {Tier::Jit, "jit"}};
  for (const std::string& name : kP1Predicates) {
    for (const auto& [tier, tier_name] : tiers) {
      benchmark::RegisterBenchmark(Concat({"P1/", tier_name, "/", name}).c_str(), BM_Predicate,
                                   tier, name)
          ->UseRealTime()
          ->Unit(benchmark::kMicrosecond);
    }
  }
  for (uint64_t contacts : options.p2_contacts) {
    for (const auto& [tier, tier_name] : tiers) {
      benchmark::RegisterBenchmark(
          Concat({"P2/", tier_name, "/", std::to_string(contacts)}).c_str(), BM_Recompute, tier,
          contacts)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    }
  }
  for (int opt : {0, 2}) {
    const std::string level = Concat({"O", std::to_string(opt)});
    // Each iteration sets up a JIT (untimed but slow), so few iterations.
    benchmark::RegisterBenchmark(("P6/setup/" + level).c_str(), BM_JitSetup, opt)
        ->Iterations(20)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("P6/alone/" + level).c_str(), BM_CompileAlone, opt)
        ->Iterations(10)
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("P6/module100/" + level).c_str(), BM_CompileModule, opt)
        ->Iterations(5)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  const std::pair<Tier, const char*> all_tiers[] = {
      {Tier::Interp, "interp"}, {Tier::Jit, "jit"}, {Tier::Auto, "auto"}};
  for (uint64_t n = 1; n <= options.p7_max_n; n *= 10) {
    for (const auto& [tier, tier_name] : all_tiers) {
      benchmark::RegisterBenchmark(Concat({"P7/", tier_name, "/", std::to_string(n)}).c_str(),
                                   BM_Cumulative, tier, n)
          ->UseManualTime()
          ->Iterations(CumulativeIterations(n))
          ->Repetitions(1)
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

std::vector<uint64_t> ParseCounts(const std::string& text) {
  std::vector<uint64_t> counts;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) counts.push_back(std::strtoull(item.c_str(), nullptr, 10));
  return counts;
}

// Takes this benchmark's own flags out of argv.
Options ParseOptions(int& argc, char** argv) {
  Options options;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const std::string& flag) {
      return arg.rfind(flag + "=", 0) == 0 ? arg.substr(flag.size() + 1) : "";
    };
    if (!value("--p1_contacts").empty()) {
      options.p1_contacts = std::strtoull(value("--p1_contacts").c_str(), nullptr, 10);
    } else if (!value("--p2_contacts").empty()) {
      options.p2_contacts = ParseCounts(value("--p2_contacts"));
    } else if (!value("--p7_max_n").empty()) {
      options.p7_max_n = std::strtoull(value("--p7_max_n").c_str(), nullptr, 10);
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  return options;
}

}  // namespace
}  // namespace kairos::bench

int main(int argc, char** argv) {
  using namespace kairos::bench;
  Settings() = ParseOptions(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  Register(Settings());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
