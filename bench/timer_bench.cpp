// P5: the timer wheel with 10M pending timers, 90% of them cancelled before
// they fire, as journey waits are when the awaited event comes first.
// Reports insert and cancel rates, the rate of insert+cancel pairs and the
// bytes each pending timer costs.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <numeric>
#include <random>
#include <vector>
#include <time.h>
#include <unistd.h>

#include "runtime/timers/timer_wheel.h"

namespace {

using kairos::runtime::Instant;
using kairos::runtime::TimerHandle;
using kairos::runtime::TimerWheel;

constexpr Instant kStart = 1'767'225'600;  // 2026-01-01T00:00:00Z
constexpr size_t kTimers = 10'000'000;
constexpr size_t kCancelled = kTimers / 10 * 9;

// Waits as journeys write them: minutes to a week ahead.
std::vector<Instant> WaitInstants(size_t count, std::mt19937_64& random) {
  std::uniform_int_distribution<Instant> ahead(60, 7 * 86400);
  std::vector<Instant> instants(count);
  for (Instant& at : instants) at = kStart + ahead(random);
  return instants;
}

size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t total_pages = 0;
  size_t resident_pages = 0;
  statm >> total_pages >> resident_pages;
  return resident_pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// This thread's CPU time: the machine is shared, and wall time would count
// the time other processes held the core.
double ThreadSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Schedules 10M timers, cancels 9M of them in random order, then advances
// past the week so the remaining 1M fire.
void BM_P5_TenMillionPending_NinetyPercentCancelled(benchmark::State& state) {
  std::mt19937_64 random(5);
  std::vector<Instant> instants = WaitInstants(kTimers, random);
  std::vector<uint32_t> cancel_order(kTimers);
  std::iota(cancel_order.begin(), cancel_order.end(), 0u);
  std::shuffle(cancel_order.begin(), cancel_order.end(), random);
  cancel_order.resize(kCancelled);
  std::vector<TimerHandle> handles(kTimers);

  double insert_seconds = 0, cancel_seconds = 0, fire_seconds = 0;
  double bytes_per_timer = 0, resident_per_timer = 0;
  for (auto _ : state) {
    size_t resident_before = ResidentBytes();
    TimerWheel wheel(kStart);
    double t0 = ThreadSeconds();
    for (size_t i = 0; i < kTimers; ++i) handles[i] = wheel.Schedule(instants[i], i);
    double t1 = ThreadSeconds();
    bytes_per_timer = static_cast<double>(wheel.MemoryBytes()) / static_cast<double>(wheel.PendingCount());
    resident_per_timer = static_cast<double>(ResidentBytes() - resident_before) / static_cast<double>(kTimers);
    for (uint32_t i : cancel_order) wheel.Cancel(handles[i]);
    double t2 = ThreadSeconds();
    uint64_t checksum = 0;
    size_t fired = wheel.Advance(kStart + 8 * 86400, [&](uint64_t payload, Instant) { checksum += payload; });
    double t3 = ThreadSeconds();
    benchmark::DoNotOptimize(checksum);
    if (fired != kTimers - kCancelled) state.SkipWithError("wrong number of timers fired");
    insert_seconds = t1 - t0;
    cancel_seconds = t2 - t1;
    fire_seconds = t3 - t2;
  }
  double insert_ns = insert_seconds * 1e9 / kTimers;
  double cancel_ns = cancel_seconds * 1e9 / kCancelled;
  state.counters["insert_ns"] = insert_ns;
  state.counters["cancel_ns"] = cancel_ns;
  state.counters["insert_cancel_per_s"] = 1e9 / (insert_ns + cancel_ns);
  state.counters["fire_ns"] = fire_seconds * 1e9 / static_cast<double>(kTimers - kCancelled);
  state.counters["node_bytes"] = static_cast<double>(TimerWheel::NodeBytes());
  state.counters["bytes_per_timer"] = bytes_per_timer;
  state.counters["resident_bytes_per_timer"] = resident_per_timer;
}
BENCHMARK(BM_P5_TenMillionPending_NinetyPercentCancelled)->Iterations(1)->Unit(benchmark::kMillisecond);

// Steady state: 10M timers stay pending while each iteration schedules one
// and cancels one chosen at random among all pending (a cold node, as when
// an event cancels a wait scheduled days ago).
void BM_P5_SteadyInsertCancel_TenMillionPending(benchmark::State& state) {
  std::mt19937_64 random(7);
  std::vector<Instant> instants = WaitInstants(kTimers, random);
  TimerWheel wheel(kStart);
  std::vector<TimerHandle> handles(kTimers);
  for (size_t i = 0; i < kTimers; ++i) handles[i] = wheel.Schedule(instants[i], i);
  std::uniform_int_distribution<size_t> pick(0, kTimers - 1);
  std::uniform_int_distribution<Instant> ahead(60, 7 * 86400);
  uint64_t payload = kTimers;
  for (auto _ : state) {
    size_t victim = pick(random);
    wheel.Cancel(handles[victim]);
    handles[victim] = wheel.Schedule(kStart + ahead(random), payload++);
  }
  if (wheel.PendingCount() != kTimers) state.SkipWithError("pending count drifted");
  state.SetItemsProcessed(state.iterations());
  state.counters["insert_cancel_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_P5_SteadyInsertCancel_TenMillionPending)->Iterations(20'000'000)->Unit(benchmark::kNanosecond);

}  // namespace

BENCHMARK_MAIN();
