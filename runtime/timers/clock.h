// Where the engine reads the time: instants are int64 seconds since the Unix
// epoch (UTC). The service runs on `SystemClock`; dry runs over recorded history
// run on a `VirtualClock` that the caller moves forward event by event.
#pragma once

#include <chrono>
#include <cstdint>

namespace kairos::runtime {

using Instant = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// Time that moves only when told to, and never backwards.
class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Instant start = 0) : now_(start) {}

  Instant Now() const override { return now_; }

  // An instant earlier than Now() leaves the clock where it is: replayed
  // history may hold events slightly out of order, and time that went back
  // would make timers that already fired due again.
  void AdvanceTo(Instant t) {
    if (t > now_) now_ = t;
  }

 private:
  Instant now_;
};

// The wall clock, truncated to whole seconds.
class SystemClock final : public Clock {
 public:
  Instant Now() const override {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::floor<std::chrono::seconds>(since_epoch).count();
  }
};

}  // namespace kairos::runtime
