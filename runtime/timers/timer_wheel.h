// The engine's timers: a hierarchical timing wheel with one-second ticks.
// Journeys wait (`wait 2h`, `wait until E within 3d`) and most waits are
// cancelled by an event before they fire, so Schedule and Cancel are O(1) and
// a pending timer costs one 32-byte node in a pooled array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "runtime/timers/clock.h"

namespace kairos::runtime {

// Names one scheduled timer. The generation makes a handle kept after its
// timer fired or was cancelled harmless: Cancel and IsPending see it as gone
// even when the node has been reused. The default handle names no timer.
struct TimerHandle {
  uint32_t index = 0;
  uint32_t generation = 0;

  friend bool operator==(const TimerHandle&, const TimerHandle&) = default;
};

class TimerWheel {
 public:
  // 64 slots per level, so that one 64-bit mask per level finds the next
  // occupied slot with one instruction and a long jump of a virtual clock
  // skips empty time instead of ticking through it.
  static constexpr int kSlotBits = 6;
  static constexpr int kSlots = 1 << kSlotBits;
  // Six levels span 2^36 s (about 2,177 years); later timers wait in an
  // overflow list that is looked at again when the top level turns over.
  static constexpr int kLevels = 6;
  static constexpr int kWheelBits = kSlotBits * kLevels;

  // Timers at or before `start` are due on the first Advance.
  explicit TimerWheel(Instant start);

  // Schedules `payload` to fire at `at`. A timer at or before Now() fires on
  // the next Advance.
  TimerHandle Schedule(Instant at, uint64_t payload);

  // Removes a pending timer; false when `handle` names no pending timer (it
  // fired, was cancelled, or is the default handle).
  bool Cancel(TimerHandle handle);

  // Moves a pending timer to `at`, keeping its handle and payload; it counts
  // as scheduled now for the order of timers due at the same instant. False
  // when `handle` names no pending timer.
  bool Reschedule(TimerHandle handle, Instant at);

  bool IsPending(TimerHandle handle) const;

  // Fires every timer due at or before `now` by calling fire(payload, at), in
  // the order of `at`, timers due at the same instant in the order they were
  // scheduled. `fire` may schedule and cancel timers (a timer it schedules
  // after the instant being fired and at or before `now` fires in this call;
  // one at or before that instant fires on the next call) but must not call
  // Advance. A `now` before Now() fires only the timers already due. Returns
  // how many timers fired.
  template <typename Fire>
  size_t Advance(Instant now, Fire&& fire) {
    using Target = std::remove_reference_t<Fire>;
    void* target = const_cast<void*>(static_cast<const void*>(std::addressof(fire)));
    return AdvanceWith(
        now, [](void* f, uint64_t payload, Instant at) { (*static_cast<Target*>(f))(payload, at); },
        target);
  }

  // The last instant Advance reached (or the start).
  Instant Now() const { return now_; }
  size_t PendingCount() const { return pending_; }

  // Makes room for `timers` pending timers without growing the pool later.
  void Reserve(size_t timers);

  // Bytes this wheel holds: its pool (every chunk allocated) and bookkeeping.
  size_t MemoryBytes() const;

  static size_t NodeBytes() { return sizeof(Node); }

 private:
  // A pooled timer. `prev`/`next` link it into a circular list whose
  // sentinel is one of the first kListCount nodes; a free node's `next`
  // links the free list. Indices are 32-bit: at most 4 billion timers.
  struct Node {
    Instant at;
    uint64_t payload;
    uint32_t prev;
    uint32_t next;
    uint32_t generation;
    uint32_t list;  // which list holds it, or kFree
  };

  // Lists: level L slot S is L * kSlots + S, then the overflow and the timers
  // already due when they were scheduled.
  static constexpr uint32_t kOverflowList = kLevels * kSlots;
  static constexpr uint32_t kLateList = kOverflowList + 1;
  static constexpr uint32_t kListCount = kLateList + 1;
  static constexpr uint32_t kFree = UINT32_MAX;
  static constexpr uint32_t kNoNode = UINT32_MAX;

  struct DueLate {
    Instant at;
    uint32_t index;
    uint32_t generation;
  };

  using FireThunk = void (*)(void* fire, uint64_t payload, Instant at);
  size_t AdvanceWith(Instant now, FireThunk fire, void* target);

  uint32_t Allocate();
  void Release(uint32_t index);
  void Append(uint32_t list, uint32_t index);
  void Unlink(uint32_t index);
  void Insert(uint32_t index);
  void Place(uint32_t index, uint64_t reference);
  bool NextEvent(uint64_t reference, uint64_t* next) const;
  void Cascade(uint32_t list, uint64_t reference);
  void ReexamineOverflow(uint64_t reference);
  size_t FireLate(FireThunk fire, void* target);
  size_t FireSlot(uint32_t list, FireThunk fire, void* target);
  bool Holds(TimerHandle handle) const;
  void AddChunk();
  Node& NodeAt(uint32_t index) { return chunks_[index >> kChunkBits][index & (kChunkNodes - 1)]; }
  const Node& NodeAt(uint32_t index) const { return chunks_[index >> kChunkBits][index & (kChunkNodes - 1)]; }
  bool Empty(uint32_t list) const { return NodeAt(list).next == list; }

  // The pool grows by chunks of one 2 MiB huge page each and never moves:
  // growing never copies, and random cancels over millions of timers miss
  // the TLB far less than with 4 KiB pages.
  static constexpr int kChunkBits = 16;
  static constexpr uint32_t kChunkNodes = uint32_t{1} << kChunkBits;
  struct FreeChunk {
    void operator()(Node* chunk) const;
  };
  std::vector<std::unique_ptr<Node[], FreeChunk>> chunks_;
  uint32_t used_ = 0;  // nodes handed out so far, sentinels included
  uint64_t occupied_[kLevels] = {};
  // No overflow timer is earlier; may be stale after a cancel, which only
  // makes the overflow be looked at early.
  uint64_t overflow_min_ = 0;
  uint32_t free_head_ = kNoNode;
  size_t pending_ = 0;
  Instant now_;
  std::vector<DueLate> late_scratch_;
  bool advancing_ = false;
};

}  // namespace kairos::runtime
