// P3: events per second per core and the latency of one event through a whole
// project (the example shop), in memory, on each tier; and, apart, what
// decoding the same lines costs without the engine.
//
//   kairos_bench_runtime [--project DIR] [--from T] [--tiers interp,jit,auto]
//                        [--repetitions N] [--perf_fifo PATH] EVENTS.jsonl...
//
// Each repetition builds a fresh Engine (no-op OnAction; the catalogue of
// PROJECT/catalog.csv when there is one, as `kairos simulate` loads it) and
// feeds it the file's lines in order. The lines before the window (their `at`
// before --from) build the history and are not timed; AdvanceTo(from) then
// starts the clock (initial segment membership, campaign and daily timers),
// timed apart. Only the window's lines are measured, in two passes per
// repetition, each on a fresh engine: one times the whole loop in process CPU
// time (auto's background compiles included) and gives the throughput, window
// events / that CPU time; the other times each Ingest call with a steady clock
// (a latency includes the timers that fire before the event) and gives the
// percentiles. A clock read costs tens of nanoseconds or more on a virtual
// machine, so the throughput pass reads none.
//
// With --perf_fifo, "enable" and "disable" are written to PATH around the
// engine's throughput pass, for `perf record --control fifo:PATH -D -1`.
#include <sched.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/engine/compiled_project.h"
#include "runtime/engine/engine.h"
#include "runtime/events/load_events.h"
#include "runtime/events/scalars.h"
#include "runtime/tiers/predicate_engine.h"

namespace kairos::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct Options {
  std::string project = std::string(KAIROS_SOURCE_DIR) + "/examples/shop";
  std::string from = "2026-10-16T00:00:00Z";
  std::vector<runtime::Tier> tiers = {runtime::Tier::Interp, runtime::Tier::Jit, runtime::Tier::Auto};
  int repetitions = 3;
  std::string perf_fifo;
  std::vector<std::string> events;
};

double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double WallSeconds() { return std::chrono::duration<double>(SteadyClock::now().time_since_epoch()).count(); }

// CPU and wall time of a stretch of work.
class Stopwatch {
 public:
  Stopwatch() : cpu_(ProcessCpuSeconds()), wall_(WallSeconds()) {}
  double cpu() const { return ProcessCpuSeconds() - cpu_; }
  double wall() const { return WallSeconds() - wall_; }

 private:
  double cpu_;
  double wall_;
};

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::stringstream buffer;
  buffer << file.rdbuf();
  text = buffer.str();
  return true;
}

// Tells a `perf record --control fifo:PATH` when to sample.
class PerfControl {
 public:
  explicit PerfControl(const std::string& path) : path_(path) {}
  void Enable() { Write("enable\n"); }
  void Disable() { Write("disable\n"); }

 private:
  void Write(const char* command) {
    if (path_.empty()) return;
    std::ofstream fifo(path_);
    fifo << command << std::flush;
  }
  std::string path_;
};

// One repetition's figures for the window.
struct Sample {
  double setup_ms = 0;    // CPU: the engine built, the catalogue loaded
  double history_ms = 0;  // CPU: the lines before the window
  double start_ms = 0;    // CPU: AdvanceTo(from)
  double cpu_s = 0;       // the window's lines, process CPU
  double wall_s = 0;      // the same, wall clock
  double p50 = 0, p99 = 0, p999 = 0, max = 0;  // µs per line
  uint64_t actions = 0;
  uint64_t rejected = 0;  // window lines the engine or decoder refused
};

void SetPercentiles(std::vector<int64_t>& ns, Sample& sample) {
  if (ns.empty()) return;
  std::sort(ns.begin(), ns.end());
  auto at = [&](double q) {
    const size_t index = std::min(ns.size() - 1, static_cast<size_t>(q * static_cast<double>(ns.size())));
    return static_cast<double>(ns[index]) / 1000.0;
  };
  sample.p50 = at(0.50);
  sample.p99 = at(0.99);
  sample.p999 = at(0.999);
  sample.max = static_cast<double>(ns.back()) / 1000.0;
}

// The events file, split into lines, with the index of the window's first line.
struct EventsFile {
  std::string text;
  std::vector<std::string_view> lines;
  size_t window = 0;
};

// The window starts at the first line whose `at` is at or after `from` (the
// generator writes lines in time order), found by decoding every line once.
bool LoadEventsFile(const std::string& path, const ir::Program& program, int64_t from, EventsFile& file) {
  if (!ReadFile(path, file.text)) {
    std::cerr << "error: cannot read " << path << "\n";
    return false;
  }
  runtime::ForEachLine(file.text, [&](int, std::string_view line) {
    file.lines.push_back(line);
    return true;
  });
  runtime::HistoryStore store(program);
  runtime::EventDecoder decoder(store);
  runtime::DecodedEvent decoded;
  std::string reason;
  file.window = file.lines.size();
  for (size_t i = 0; i < file.lines.size(); ++i) {
    if (!decoder.Decode(file.lines[i], decoded, reason)) continue;
    if (decoded.has_at && decoded.at >= from) {
      file.window = i;
      break;
    }
    if (!decoded.duplicate) decoder.Apply(decoded);
  }
  return true;
}

Sample RunEngine(const runtime::CompiledProject& project, const std::string& catalog, const EventsFile& file,
                 runtime::Tier tier, int64_t from, bool time_each, PerfControl& perf) {
  Sample sample;
  std::vector<int64_t> latencies;
  if (time_each) latencies.reserve(file.lines.size() - file.window);
  std::string reason;

  Stopwatch setup;
  runtime::EngineOptions options;
  options.tiers.tier = tier;
  options.from = from;
  runtime::Engine engine(project.program, options);
  for (const std::string& error : engine.setup_errors()) std::cerr << "warning: " << error << "\n";
  if (!catalog.empty()) {
    for (const std::string& problem : engine.LoadCatalog(catalog, "catalog.csv")) std::cerr << "warning: " << problem << "\n";
  }
  engine.OnAction([&sample](const runtime::Action&) { ++sample.actions; });
  sample.setup_ms = setup.cpu() * 1e3;

  Stopwatch history;
  for (size_t i = 0; i < file.window; ++i) engine.Ingest(file.lines[i], reason);
  sample.history_ms = history.cpu() * 1e3;

  Stopwatch start;
  engine.AdvanceTo(from);
  sample.start_ms = start.cpu() * 1e3;

  if (!time_each) perf.Enable();
  Stopwatch window;
  if (time_each) {
    for (size_t i = file.window; i < file.lines.size(); ++i) {
      const SteadyClock::time_point before = SteadyClock::now();
      const bool ok = engine.Ingest(file.lines[i], reason);
      const SteadyClock::time_point after = SteadyClock::now();
      latencies.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(after - before).count());
      sample.rejected += ok ? 0 : 1;
    }
  } else {
    for (size_t i = file.window; i < file.lines.size(); ++i) sample.rejected += engine.Ingest(file.lines[i], reason) ? 0 : 1;
  }
  sample.cpu_s = window.cpu();
  sample.wall_s = window.wall();
  if (!time_each) perf.Disable();
  for (const std::string& problem : engine.problems()) std::cerr << "problem: " << problem << "\n";
  SetPercentiles(latencies, sample);
  return sample;
}

// The decoder alone over the same lines: the history's lines decoded and
// applied untimed (so ids and aliases are known as in the engine), then the
// window's lines timed one by one. With `apply`, each window line is also put
// into the history store (still no engine).
Sample RunDecode(const ir::Program& program, const EventsFile& file, bool apply, bool time_each) {
  Sample sample;
  std::vector<int64_t> latencies;
  if (time_each) latencies.reserve(file.lines.size() - file.window);
  runtime::HistoryStore store(program);
  runtime::EventDecoder decoder(store);
  runtime::DecodedEvent decoded;
  std::string reason;
  Stopwatch history;
  for (size_t i = 0; i < file.window; ++i) {
    if (decoder.Decode(file.lines[i], decoded, reason) && !decoded.duplicate) decoder.Apply(decoded);
  }
  sample.history_ms = history.cpu() * 1e3;
  Stopwatch window;
  for (size_t i = file.window; i < file.lines.size(); ++i) {
    const SteadyClock::time_point before = time_each ? SteadyClock::now() : SteadyClock::time_point{};
    const bool ok = decoder.Decode(file.lines[i], decoded, reason);
    if (ok && apply && !decoded.duplicate) decoder.Apply(decoded);
    if (time_each) latencies.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now() - before).count());
    sample.rejected += ok ? 0 : 1;
  }
  sample.cpu_s = window.cpu();
  sample.wall_s = window.wall();
  SetPercentiles(latencies, sample);
  return sample;
}

// A repetition is two passes: one untimed per line, for the CPU time, and one
// that times each line, for the latencies (a clock read is not free).
Sample Combine(const Sample& throughput, const Sample& latency) {
  Sample out = throughput;
  out.p50 = latency.p50;
  out.p99 = latency.p99;
  out.p999 = latency.p999;
  out.max = latency.max;
  return out;
}

// The median of each figure over the repetitions.
Sample Median(std::vector<Sample> samples) {
  auto median = [&](double Sample::*field) {
    std::vector<double> values;
    for (const Sample& sample : samples) values.push_back(sample.*field);
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
  };
  Sample out = samples.front();
  for (double Sample::*field : {&Sample::setup_ms, &Sample::history_ms, &Sample::start_ms, &Sample::cpu_s,
                                &Sample::wall_s, &Sample::p50, &Sample::p99, &Sample::p999, &Sample::max}) {
    out.*field = median(field);
  }
  return out;
}

// What one steady-clock read costs here; every latency includes about one.
double ClockReadNs() {
  constexpr int kReads = 1'000'000;
  const SteadyClock::time_point first = SteadyClock::now();
  SteadyClock::time_point last = first;
  for (int i = 0; i < kReads; ++i) last = SteadyClock::now();
  return std::chrono::duration<double, std::nano>(last - first).count() / kReads;
}

std::string Fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string Thousands(double value) {
  const std::string digits = std::to_string(static_cast<uint64_t>(value + 0.5));
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

void PrintRow(std::string_view name, size_t events, const Sample& s, bool engine) {
  std::cout << "| " << name << " | " << (engine ? Fixed(s.setup_ms, 1) : "") << " | " << Fixed(s.history_ms, 1)
            << " | " << (engine ? Fixed(s.start_ms, 1) : "") << " | " << Fixed(s.cpu_s * 1e3, 1) << " ("
            << Fixed(s.wall_s * 1e3, 1) << ") | " << Thousands(static_cast<double>(events) / s.cpu_s) << " | "
            << Fixed(s.cpu_s * 1e6 / static_cast<double>(events), 2) << " | " << Fixed(s.p50, 2) << " | "
            << Fixed(s.p99, 2) << " | " << Fixed(s.p999, 2) << " | " << Fixed(s.max, 1) << " | "
            << (engine ? std::to_string(s.actions) : "") << " | " << s.rejected << " |\n";
}

bool ParseArgs(int argc, char** argv, Options& options) {
  bool tiers_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (arg.rfind(flag, 0) != 0) return std::nullopt;
      if (arg.size() > flag.size() && arg[flag.size()] == '=') return std::string(arg.substr(flag.size() + 1));
      if (arg.size() == flag.size() && i + 1 < argc) return std::string(argv[++i]);
      return std::nullopt;
    };
    if (auto v = value("--project")) {
      options.project = *v;
    } else if (auto v = value("--from")) {
      options.from = *v;
    } else if (auto v = value("--repetitions")) {
      options.repetitions = std::max(1, std::atoi(v->c_str()));
    } else if (auto v = value("--perf_fifo")) {
      options.perf_fifo = *v;
    } else if (auto v = value("--tiers")) {
      if (!tiers_given) options.tiers.clear();
      tiers_given = true;
      std::stringstream names(*v);
      std::string name;
      while (std::getline(names, name, ',')) {
        std::optional<runtime::Tier> tier = runtime::ParseTier(name);
        if (!tier) {
          std::cerr << "error: no tier `" << name << "` (interp, jit, auto)\n";
          return false;
        }
        options.tiers.push_back(*tier);
      }
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "error: unknown flag " << arg << "\n";
      return false;
    } else {
      options.events.emplace_back(arg);
    }
  }
  if (options.events.empty()) {
    std::cerr << "usage: kairos_bench_runtime [--project DIR] [--from T] [--tiers interp,jit,auto] [--repetitions N]"
                 " [--perf_fifo PATH] EVENTS.jsonl...\n";
    return false;
  }
  return true;
}

int Main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, options)) return 2;
  const std::optional<int64_t> from = runtime::ParseRfc3339(options.from);
  if (!from) {
    std::cerr << "error: --from " << options.from << " is not an RFC 3339 instant\n";
    return 2;
  }
  std::unique_ptr<runtime::CompiledProject> project = runtime::CompileProject({options.project});
  std::cerr << project->diagnostics;
  if (!project->ok) return 1;
  std::string catalog;
  const std::filesystem::path catalog_path = std::filesystem::path(options.project) / "catalog.csv";
  if (std::filesystem::is_regular_file(catalog_path) && !ReadFile(catalog_path.string(), catalog)) return 1;

  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  const int allowed = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : -1;
  std::cout << "project: " << options.project << "; window from " << options.from << "; " << options.repetitions
            << " repetition(s), medians; CPUs allowed: " << allowed << "; one steady-clock read: "
            << Fixed(ClockReadNs(), 1) << " ns\n";
  PerfControl perf(options.perf_fifo);

  for (const std::string& path : options.events) {
    EventsFile file;
    if (!LoadEventsFile(path, project->program, *from, file)) return 1;
    const size_t events = file.lines.size() - file.window;
    std::cout << "\n" << path << ": " << file.lines.size() << " lines, " << file.window << " before the window (not timed), "
              << events << " in it (timed)\n\n"
              << "| measure | setup ms | history ms | start ms | window ms CPU (wall) | events/s (CPU) | µs/event (CPU) "
                 "| p50 µs | p99 µs | p99.9 µs | max µs | actions | rejected |\n"
              << "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    // Repetitions go round the measures, so that a change in the machine's
    // load falls on every measure alike rather than on one.
    struct Measure {
      std::string name;
      bool engine = false;
      bool apply = false;
      runtime::Tier tier = runtime::Tier::Interp;
      std::vector<Sample> samples;
    };
    std::vector<Measure> measures = {{"decode only", false, false, runtime::Tier::Interp, {}},
                                     {"decode + history store", false, true, runtime::Tier::Interp, {}}};
    for (runtime::Tier tier : options.tiers) {
      measures.push_back({"engine, " + std::string(runtime::TierName(tier)), true, false, tier, {}});
    }
    for (int r = 0; r < options.repetitions; ++r) {
      for (Measure& m : measures) {
        std::cerr << "repetition " << r + 1 << ": " << m.name << "\n";
        if (m.engine) {
          m.samples.push_back(Combine(RunEngine(*project, catalog, file, m.tier, *from, false, perf),
                                      RunEngine(*project, catalog, file, m.tier, *from, true, perf)));
        } else {
          m.samples.push_back(Combine(RunDecode(project->program, file, m.apply, false),
                                      RunDecode(project->program, file, m.apply, true)));
        }
      }
    }
    for (const Measure& m : measures) PrintRow(m.name, events, Median(m.samples), m.engine);
    std::cout << std::flush;
  }
  return 0;
}

}  // namespace
}  // namespace kairos::bench

int main(int argc, char** argv) { return kairos::bench::Main(argc, argv); }
