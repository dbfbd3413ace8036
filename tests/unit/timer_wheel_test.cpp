#include "runtime/timers/timer_wheel.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "runtime/timers/clock.h"

// The address sanitizer needs address space of its own beyond any limit a
// test sets.
#if defined(__SANITIZE_ADDRESS__)
#define KAIROS_TIMER_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KAIROS_TIMER_TEST_ASAN 1
#endif
#endif

namespace kairos::runtime {
namespace {

using Fired = std::vector<std::pair<uint64_t, Instant>>;  // (payload, at)

constexpr Instant kStart = 1'767'225'600;  // 2026-01-01T00:00:00Z

struct Recorder {
  Fired fired;
  void operator()(uint64_t payload, Instant at) { fired.emplace_back(payload, at); }
};

Fired AdvanceTo(TimerWheel& wheel, Instant now) {
  Recorder recorder;
  wheel.Advance(now, recorder);
  return recorder.fired;
}

TEST(TimerWheelTest, FiresInTimeOrderWhenDue) {
  TimerWheel wheel(kStart);
  wheel.Schedule(kStart + 7200, 3);  // wait 2h
  wheel.Schedule(kStart + 5, 1);
  wheel.Schedule(kStart + 3 * 86400, 4);  // within 3d
  wheel.Schedule(kStart + 70, 2);
  EXPECT_EQ(wheel.PendingCount(), 4u);

  EXPECT_TRUE(AdvanceTo(wheel, kStart + 4).empty());
  EXPECT_EQ(AdvanceTo(wheel, kStart + 5), (Fired{{1, kStart + 5}}));
  EXPECT_EQ(AdvanceTo(wheel, kStart + 7199), (Fired{{2, kStart + 70}}));
  EXPECT_EQ(AdvanceTo(wheel, kStart + 10 * 86400),
            (Fired{{3, kStart + 7200}, {4, kStart + 3 * 86400}}));
  EXPECT_EQ(wheel.PendingCount(), 0u);
  EXPECT_EQ(wheel.Now(), kStart + 10 * 86400);
}

TEST(TimerWheelTest, TiesFireInSchedulingOrderAcrossLevels) {
  TimerWheel wheel(kStart);
  const Instant at = kStart + 5 * 86400;
  wheel.Schedule(at, 1);  // placed on a high level
  AdvanceTo(wheel, at - 3 * 86400);
  wheel.Schedule(at, 2);
  AdvanceTo(wheel, at - 100);
  wheel.Schedule(at, 3);
  AdvanceTo(wheel, at - 1);
  wheel.Schedule(at, 4);  // placed on level 0
  wheel.Schedule(at, 5);
  EXPECT_EQ(AdvanceTo(wheel, at), (Fired{{1, at}, {2, at}, {3, at}, {4, at}, {5, at}}));
}

TEST(TimerWheelTest, CancelledTimerNeverFires) {
  TimerWheel wheel(kStart);
  TimerHandle wait = wheel.Schedule(kStart + 3600, 1);
  TimerHandle kept = wheel.Schedule(kStart + 3600, 2);
  EXPECT_TRUE(wheel.IsPending(wait));
  EXPECT_TRUE(wheel.Cancel(wait));
  EXPECT_FALSE(wheel.IsPending(wait));
  EXPECT_FALSE(wheel.Cancel(wait));
  EXPECT_EQ(wheel.PendingCount(), 1u);
  EXPECT_EQ(AdvanceTo(wheel, kStart + 86400), (Fired{{2, kStart + 3600}}));
  EXPECT_FALSE(wheel.IsPending(kept));
}

// A cancel takes effect at once, although the cancelled node stays linked
// for some more cancels before it is unlinked and reused.
TEST(TimerWheelTest, CancelTakesEffectBeforeTheNodeIsReused) {
  TimerWheel wheel(kStart);
  const uint64_t timers = 120;
  std::vector<TimerHandle> handles;
  for (uint64_t i = 0; i < timers; ++i)
    handles.push_back(wheel.Schedule(kStart + 100 + static_cast<Instant>(i % 4), i));
  std::set<uint32_t> cancelled_nodes;
  bool reused = false;
  for (uint64_t i = 0; i < timers; i += 3) {
    EXPECT_TRUE(wheel.Cancel(handles[i]));
    EXPECT_FALSE(wheel.IsPending(handles[i]));
    EXPECT_FALSE(wheel.Cancel(handles[i]));
    EXPECT_FALSE(wheel.Reschedule(handles[i], kStart + 5));
    cancelled_nodes.insert(handles[i].index);
    // Once enough cancels passed, these new timers get the cancelled
    // timers' nodes and must inherit nothing from them.
    if (i % 2 == 0) {
      TimerHandle added = wheel.Schedule(kStart + 150, 1000 + i);
      reused = reused || cancelled_nodes.count(added.index) > 0;
    }
  }
  EXPECT_TRUE(reused);
  EXPECT_EQ(wheel.PendingCount(), timers - 40 + 20);
  Fired expected;
  for (Instant offset = 0; offset < 4; ++offset) {
    for (uint64_t i = static_cast<uint64_t>(offset); i < timers; i += 4) {
      if (i % 3 != 0) expected.emplace_back(i, kStart + 100 + offset);
    }
  }
  for (uint64_t i = 0; i < timers; i += 6) expected.emplace_back(1000 + i, kStart + 150);
  EXPECT_EQ(AdvanceTo(wheel, kStart + 200), expected);
  EXPECT_EQ(wheel.PendingCount(), 0u);
  for (uint64_t i = 0; i < timers; i += 3) EXPECT_FALSE(wheel.IsPending(handles[i]));
}

// Cancel+schedule pairs over a full wheel reuse the cancelled timers' nodes:
// the pool does not grow.
TEST(TimerWheelTest, CancelAndScheduleReuseNodes) {
  std::mt19937_64 random(11);
  auto wait = [&] { return kStart + 60 + static_cast<Instant>(random() % (7 * 86400)); };
  TimerWheel wheel(kStart);
  const size_t timers = 100'000;
  std::vector<TimerHandle> handles(timers);
  for (size_t i = 0; i < timers; ++i) handles[i] = wheel.Schedule(wait(), i);
  const size_t memory = wheel.MemoryBytes();
  for (uint64_t i = 0; i < 1'000'000; ++i) {
    size_t victim = random() % timers;
    ASSERT_TRUE(wheel.Cancel(handles[victim]));
    handles[victim] = wheel.Schedule(wait(), timers + i);
  }
  EXPECT_EQ(wheel.PendingCount(), timers);
  EXPECT_EQ(wheel.MemoryBytes(), memory);
  EXPECT_EQ(wheel.Advance(kStart + 8 * 86400, [](uint64_t, Instant) {}), timers);
}

TEST(TimerWheelTest, StaleHandleIsHarmlessAfterTheNodeIsReused) {
  TimerWheel wheel(kStart);
  TimerHandle first = wheel.Schedule(kStart + 10, 1);
  EXPECT_EQ(AdvanceTo(wheel, kStart + 10), (Fired{{1, kStart + 10}}));
  TimerHandle second = wheel.Schedule(kStart + 20, 2);
  EXPECT_EQ(second.index, first.index);  // the freed node is reused
  EXPECT_NE(second, first);
  EXPECT_FALSE(wheel.Cancel(first));
  EXPECT_FALSE(wheel.Reschedule(first, kStart + 30));
  EXPECT_TRUE(wheel.IsPending(second));
  EXPECT_FALSE(wheel.Cancel(TimerHandle{}));
  EXPECT_FALSE(wheel.Cancel(TimerHandle{first.index + 1000, 0}));
  EXPECT_EQ(AdvanceTo(wheel, kStart + 20), (Fired{{2, kStart + 20}}));
}

TEST(TimerWheelTest, RescheduleMovesTheTimerAndKeepsItsHandle) {
  TimerWheel wheel(kStart);
  TimerHandle reminder = wheel.Schedule(kStart + 86400, 1);
  TimerHandle other = wheel.Schedule(kStart + 600, 2);
  EXPECT_TRUE(wheel.Reschedule(reminder, kStart + 600));  // earlier, after `other`
  EXPECT_EQ(AdvanceTo(wheel, kStart + 600), (Fired{{2, kStart + 600}, {1, kStart + 600}}));

  TimerHandle later = wheel.Schedule(kStart + 700, 3);
  EXPECT_TRUE(wheel.Reschedule(later, kStart + 40 * 86400));
  EXPECT_TRUE(AdvanceTo(wheel, kStart + 39 * 86400).empty());
  EXPECT_TRUE(wheel.IsPending(later));
  EXPECT_EQ(AdvanceTo(wheel, kStart + 41 * 86400), (Fired{{3, kStart + 40 * 86400}}));
  EXPECT_FALSE(wheel.Reschedule(other, kStart));
}

TEST(TimerWheelTest, TimersAlreadyDueFireOnTheNextAdvanceInTimeOrder) {
  TimerWheel wheel(kStart);
  wheel.Schedule(kStart, 1);
  wheel.Schedule(kStart - 50, 2);
  wheel.Schedule(kStart - 50, 3);
  wheel.Schedule(kStart + 1, 4);
  // Time that goes back fires only what is already due.
  EXPECT_EQ(AdvanceTo(wheel, kStart - 1000),
            (Fired{{2, kStart - 50}, {3, kStart - 50}, {1, kStart}}));
  EXPECT_EQ(wheel.Now(), kStart);
  EXPECT_EQ(AdvanceTo(wheel, kStart + 1), (Fired{{4, kStart + 1}}));
}

TEST(TimerWheelTest, FarFutureTimersWaitInTheOverflow) {
  TimerWheel wheel(kStart);
  const Instant span = Instant{1} << TimerWheel::kWheelBits;
  const Instant far = kStart + 2 * span + 12345;
  const Instant farther = kStart + 5 * span;
  wheel.Schedule(farther, 3);
  wheel.Schedule(far, 2);
  TimerHandle cancelled = wheel.Schedule(kStart + span + 1, 9);
  wheel.Schedule(kStart + 100, 1);
  EXPECT_TRUE(wheel.Cancel(cancelled));

  EXPECT_EQ(AdvanceTo(wheel, far - 1), (Fired{{1, kStart + 100}}));
  EXPECT_EQ(wheel.PendingCount(), 2u);
  EXPECT_EQ(AdvanceTo(wheel, far), (Fired{{2, far}}));
  EXPECT_EQ(AdvanceTo(wheel, INT64_MAX), (Fired{{3, farther}}));
}

TEST(TimerWheelTest, ExtremeInstantsFire) {
  TimerWheel wheel(-100);
  wheel.Schedule(-10, 1);
  wheel.Schedule(5, 2);
  wheel.Schedule(INT64_MAX, 3);
  EXPECT_EQ(AdvanceTo(wheel, 5), (Fired{{1, -10}, {2, 5}}));
  EXPECT_EQ(AdvanceTo(wheel, INT64_MAX), (Fired{{3, INT64_MAX}}));
  EXPECT_EQ(AdvanceTo(wheel, INT64_MAX), Fired{});
}

// Timers just before, at and after every level boundary, reached by one long
// jump and by many small steps, fire exactly once and in order.
TEST(TimerWheelTest, CascadesAcrossLevelBoundaries) {
  const Instant base = 0;  // aligned, so the boundaries are the powers of 64
  std::vector<Instant> instants;
  for (int level = 1; level < TimerWheel::kLevels; ++level) {
    Instant boundary = Instant{1} << (level * TimerWheel::kSlotBits);
    for (Instant at : {boundary - 1, boundary, boundary + 1, 3 * boundary, 3 * boundary + 63}) {
      instants.push_back(base + at);
    }
  }
  for (Instant step : {Instant{1} << 40, Instant{4093}, Instant{97} * 64 * 64 * 64 + 5}) {
    TimerWheel wheel(base);
    for (size_t i = 0; i < instants.size(); ++i) wheel.Schedule(instants[i], i);
    Fired fired;
    Recorder recorder;
    for (Instant now = base; wheel.PendingCount() > 0;) {
      now += step;
      wheel.Advance(now, recorder);
      for (size_t i = fired.size(); i < recorder.fired.size(); ++i) {
        EXPECT_LE(recorder.fired[i].second, now);
        EXPECT_GT(recorder.fired[i].second, now - step);
      }
      fired = recorder.fired;
    }
    ASSERT_EQ(fired.size(), instants.size()) << "step " << step;
    for (size_t i = 1; i < fired.size(); ++i) EXPECT_LT(fired[i - 1].second, fired[i].second);
  }
}

TEST(TimerWheelTest, CallbacksScheduleAndCancel) {
  TimerWheel wheel(kStart);
  TimerHandle doomed = wheel.Schedule(kStart + 10, 2);
  wheel.Schedule(kStart + 10, 1);
  wheel.Schedule(kStart + 10, 3);
  Fired fired;
  TimerHandle doomed_by_callback = wheel.Schedule(kStart + 10, 4);
  wheel.Advance(kStart + 100, [&](uint64_t payload, Instant at) {
    fired.emplace_back(payload, at);
    if (payload == 1) {
      wheel.Cancel(doomed_by_callback);
      wheel.Schedule(at + 30, 10);  // within this Advance
      wheel.Schedule(at, 11);       // already due: next Advance
    }
  });
  EXPECT_FALSE(wheel.Cancel(doomed));  // it fired before the callback could see it
  EXPECT_EQ(fired,
            (Fired{{2, kStart + 10}, {1, kStart + 10}, {3, kStart + 10}, {10, kStart + 40}}));
  EXPECT_EQ(AdvanceTo(wheel, kStart + 100), (Fired{{11, kStart + 10}}));
}

// A callback that moves a timer already due to a later instant: it fires
// then, not with the timers already due.
TEST(TimerWheelTest, CallbackMovesADueTimerLater) {
  TimerWheel wheel(kStart);
  wheel.Schedule(kStart - 10, 1);
  TimerHandle moved = wheel.Schedule(kStart - 5, 2);
  wheel.Schedule(kStart - 1, 3);
  Fired fired;
  wheel.Advance(kStart + 100, [&](uint64_t payload, Instant at) {
    fired.emplace_back(payload, at);
    if (payload == 1) {
      EXPECT_TRUE(wheel.Reschedule(moved, kStart + 50));
    }
  });
  EXPECT_EQ(fired, (Fired{{1, kStart - 10}, {3, kStart - 1}, {2, kStart + 50}}));
}

TEST(TimerWheelTest, PendingTimersCostOneSmallNodeEach) {
  EXPECT_LE(TimerWheel::NodeBytes(), 32u);
  TimerWheel wheel(kStart);
  const size_t timers = 200'000;
  wheel.Reserve(timers);
  size_t reserved = wheel.MemoryBytes();
  for (size_t i = 0; i < timers; ++i) wheel.Schedule(kStart + static_cast<Instant>(i % 100'000), i);
  EXPECT_EQ(wheel.MemoryBytes(), reserved);  // no growth past the reservation
  // At most one partly used 2 MiB chunk beyond the nodes themselves.
  EXPECT_LE(wheel.MemoryBytes(), timers * TimerWheel::NodeBytes() + (size_t{2} << 20) + 64 * 1024);
}

TEST(TimerWheelTest, VirtualClockDrivesTheWheel) {
  VirtualClock clock(kStart);
  TimerWheel wheel(clock.Now());
  wheel.Schedule(clock.Now() + 7200, 1);
  clock.AdvanceTo(kStart + 3600);
  clock.AdvanceTo(kStart);  // never backwards
  EXPECT_EQ(clock.Now(), kStart + 3600);
  EXPECT_TRUE(AdvanceTo(wheel, clock.Now()).empty());
  clock.AdvanceTo(kStart + 7200);
  EXPECT_EQ(AdvanceTo(wheel, clock.Now()), (Fired{{1, kStart + 7200}}));
}

TEST(TimerWheelTest, SystemClockReadsTheWallClock) {
  SystemClock clock;
  const Clock& as_clock = clock;
  auto before =
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  Instant now = as_clock.Now();
  EXPECT_GE(now, before.count());
  EXPECT_LE(now, before.count() + 5);
}

// The wheel against a multimap over 100,000 random operations: every Advance
// fires the same timers in the same order.
TEST(TimerWheelTest, MatchesAReferenceOnRandomOperations) {
  std::mt19937_64 random(20261123);
  TimerWheel wheel(kStart);
  std::multimap<Instant, uint64_t> reference;
  std::map<uint64_t, std::pair<TimerHandle, std::multimap<Instant, uint64_t>::iterator>> live;
  std::vector<TimerHandle> stale;
  Instant now = kStart;
  uint64_t next_payload = 0;

  auto random_instant = [&]() -> Instant {
    switch (random() % 8) {
      case 0:
        return now - static_cast<Instant>(random() % 100);  // already due
      case 1:
        return now + static_cast<Instant>(random() % 64);  // this minute
      case 2:
        return now + static_cast<Instant>(random() % 4096);  // hours
      case 3:
        return now + static_cast<Instant>(random() % (30 * 86400));  // weeks
      case 4:
        return now + static_cast<Instant>(random() % (Instant{1} << 38));  // overflow
      default:
        return now + static_cast<Instant>(random() % 300);
    }
  };
  auto random_live = [&]() {
    return std::next(live.begin(), static_cast<long>(random() % live.size()));
  };

  for (int op = 0; op < 100'000; ++op) {
    int kind = static_cast<int>(random() % 100);
    if (kind < 45 || live.empty()) {
      Instant at = random_instant();
      uint64_t payload = next_payload++;
      TimerHandle handle = wheel.Schedule(at, payload);
      live[payload] = {handle, reference.emplace(at, payload)};
    } else if (kind < 75) {
      auto it = random_live();
      ASSERT_TRUE(wheel.Cancel(it->second.first));
      reference.erase(it->second.second);
      stale.push_back(it->second.first);
      live.erase(it);
    } else if (kind < 80) {
      auto it = random_live();
      Instant at = random_instant();
      ASSERT_TRUE(wheel.Reschedule(it->second.first, at));
      reference.erase(it->second.second);
      it->second.second = reference.emplace(at, it->first);
    } else if (kind < 83 && !stale.empty()) {
      TimerHandle handle = stale[random() % stale.size()];
      ASSERT_FALSE(wheel.Cancel(handle));
      ASSERT_FALSE(wheel.IsPending(handle));
    } else {
      Instant step = random() % 20 == 0 ? static_cast<Instant>(random() % (Instant{1} << 37))
                                        : static_cast<Instant>(random() % 5000);
      now += step;
      Fired expected;
      while (!reference.empty() && reference.begin()->first <= now) {
        expected.emplace_back(reference.begin()->second, reference.begin()->first);
        stale.push_back(live[reference.begin()->second].first);
        live.erase(reference.begin()->second);
        reference.erase(reference.begin());
      }
      ASSERT_EQ(AdvanceTo(wheel, now), expected) << "operation " << op;
    }
    ASSERT_EQ(wheel.PendingCount(), reference.size()) << "operation " << op;
  }
  EXPECT_GT(stale.size(), 10'000u);
}

// The wheel against a model when callbacks schedule, cancel and reschedule.
// Every fired timer must be the model's earliest (by instant, then by order
// of scheduling) at or before `now`. A timer scheduled from a callback at or
// before the instant being fired (or, while the timers already due fire, at
// or before Now()) waits for the next Advance; a later one fires in this one.
TEST(TimerWheelTest, MatchesAReferenceWhenCallbacksScheduleAndCancel) {
  using Key = std::tuple<Instant, uint64_t, uint64_t>;  // (at, order of scheduling, payload)
  std::mt19937_64 random(20261124);
  TimerWheel wheel(kStart);
  std::set<Key> waiting;  // due in this Advance when at or before `now`
  std::set<Key> held;  // scheduled from a callback for an instant already being fired: next Advance
  std::map<uint64_t, std::pair<TimerHandle, Key>> live;
  Instant now = kStart;
  Instant firing = kStart;  // a callback's timers at or before this wait for the next Advance
  bool in_callback = false;
  uint64_t next_payload = 0;
  uint64_t next_order = 0;

  auto enter = [&](uint64_t payload, TimerHandle handle, Instant at) {
    Key key{at, next_order++, payload};
    (in_callback && at <= firing ? held : waiting).insert(key);
    live[payload] = {handle, key};
  };
  auto leave = [&](std::map<uint64_t, std::pair<TimerHandle, Key>>::iterator it) {
    waiting.erase(it->second.second);
    held.erase(it->second.second);
  };
  auto random_live = [&]() {
    return std::next(live.begin(), static_cast<long>(random() % live.size()));
  };
  auto random_op = [&](Instant base) {
    int kind = static_cast<int>(random() % 10);
    if (kind < 5 || live.empty()) {
      Instant at = random() % 10 == 0 ? base + static_cast<Instant>(random() % (Instant{1} << 38))
                                      : base - 50 + static_cast<Instant>(random() % 5000);
      uint64_t payload = next_payload++;
      enter(payload, wheel.Schedule(at, payload), at);
    } else if (kind < 8) {
      auto it = random_live();
      ASSERT_TRUE(wheel.Cancel(it->second.first));
      leave(it);
      live.erase(it);
    } else {
      // From a callback, only to a later instant: how a timer already due
      // that is moved to another due instant fires is not part of the
      // contract.
      auto it = random_live();
      Instant at = in_callback ? firing + 1 + static_cast<Instant>(random() % 5000)
                               : base - 50 + static_cast<Instant>(random() % 5000);
      ASSERT_TRUE(wheel.Reschedule(it->second.first, at));
      leave(it);
      enter(it->first, it->second.first, at);
    }
  };

  for (int step = 0; step < 3000; ++step) {
    for (int op = static_cast<int>(random() % 20); op > 0; --op) random_op(now);
    ASSERT_FALSE(HasFatalFailure());
    Instant target = now + static_cast<Instant>(random() % 3000) - 100;
    Instant previous = now;
    Instant bound = std::max(previous, target);
    bool ok = true;
    wheel.Advance(target, [&](uint64_t payload, Instant at) {
      if (!ok) return;
      ok = !waiting.empty() && std::get<0>(*waiting.begin()) <= bound &&
           std::get<0>(*waiting.begin()) == at && std::get<2>(*waiting.begin()) == payload;
      EXPECT_TRUE(ok) << "step " << step << ": fired " << payload << " at " << at;
      if (!ok) return;
      waiting.erase(waiting.begin());
      live.erase(payload);
      in_callback = true;
      firing = std::max(previous, at);
      for (int op = random() % 3 == 0 ? static_cast<int>(random() % 4) : 0; op > 0; --op)
        random_op(firing);
      in_callback = false;
    });
    ASSERT_TRUE(ok);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(waiting.empty() || std::get<0>(*waiting.begin()) > bound) << "step " << step;
    waiting.merge(held);
    now = bound;
    ASSERT_EQ(wheel.Now(), now);
    ASSERT_EQ(wheel.PendingCount(), live.size()) << "step " << step;
  }
  EXPECT_GT(next_payload, 10'000u);
}

// Where address space is limited, the wheel reserves less of it for its pool
// and works the same. Runs in a child process, whose limit it sets.
#ifndef KAIROS_TIMER_TEST_ASAN
[[noreturn]] void FillAWheelUnderAnAddressSpaceLimit() {
  const rlim_t bytes = rlim_t{48} << 30;  // too little for the full reservation
  const rlimit limit{bytes, bytes};
  if (setrlimit(RLIMIT_AS, &limit) != 0) std::exit(2);
  TimerWheel wheel(kStart);
  for (uint64_t i = 0; i < 200'000; ++i)
    wheel.Schedule(kStart + 1 + static_cast<Instant>(i % 1000), i);
  std::exit(wheel.Advance(kStart + 1000, [](uint64_t, Instant) {}) == 200'000 ? 0 : 1);
}
#endif

TEST(TimerWheelDeathTest, WorksWhereAddressSpaceIsLimited) {
#ifdef KAIROS_TIMER_TEST_ASAN
  GTEST_SKIP() << "the address sanitizer needs more address space than the limit";
#else
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(FillAWheelUnderAnAddressSpaceLimit(), ::testing::ExitedWithCode(0), "");
#endif
}

}  // namespace
}  // namespace kairos::runtime
