#include "runtime/timers/timer_wheel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "runtime/timers/clock.h"

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
  EXPECT_EQ(AdvanceTo(wheel, kStart + 10 * 86400), (Fired{{3, kStart + 7200}, {4, kStart + 3 * 86400}}));
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
  EXPECT_EQ(AdvanceTo(wheel, kStart - 1000), (Fired{{2, kStart - 50}, {3, kStart - 50}, {1, kStart}}));
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
  EXPECT_EQ(fired, (Fired{{2, kStart + 10}, {1, kStart + 10}, {3, kStart + 10}, {10, kStart + 40}}));
  EXPECT_EQ(AdvanceTo(wheel, kStart + 100), (Fired{{11, kStart + 10}}));
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
  auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
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
      case 0: return now - static_cast<Instant>(random() % 100);                      // already due
      case 1: return now + static_cast<Instant>(random() % 64);                       // this minute
      case 2: return now + static_cast<Instant>(random() % 4096);                     // hours
      case 3: return now + static_cast<Instant>(random() % (30 * 86400));             // weeks
      case 4: return now + static_cast<Instant>(random() % (Instant{1} << 38));       // overflow
      default: return now + static_cast<Instant>(random() % 300);
    }
  };
  auto random_live = [&]() { return std::next(live.begin(), static_cast<long>(random() % live.size())); };

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

}  // namespace
}  // namespace kairos::runtime
