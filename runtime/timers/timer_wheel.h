// The engine's timers: a hierarchical timing wheel with one-second ticks.
// Journeys wait (`wait 2h`, `wait until E within 3d`) and most waits are
// cancelled by an event before they fire, so Schedule and Cancel are O(1) and
// inline, and a pending timer costs one 32-byte node in a pooled array.
#pragma once

#include <bit>
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

  bool IsPending(TimerHandle handle) const { return Holds(handle); }

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

  // Bytes this wheel holds: the pool's memory and its bookkeeping. Address
  // space reserved for the pool to grow into costs nothing and is left out.
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
    uint32_t generation;  // moves on when the timer fires or is cancelled
  };
  // Two nodes to a cache line and none across two: a cancel misses once.
  static_assert(sizeof(Node) == 32);

  // Lists: level L slot S is L * kSlots + S, then the overflow and the timers
  // already due when they were scheduled.
  static constexpr uint32_t kOverflowList = kLevels * kSlots;
  static constexpr uint32_t kLateList = kOverflowList + 1;
  static constexpr uint32_t kListCount = kLateList + 1;
  static constexpr uint32_t kNoNode = UINT32_MAX;

  // How many cancels a cancelled timer's node stays linked for (see Cancel).
  static constexpr uint32_t kUnlinkDelay = 16;

  struct DueLate {
    Instant at;
    uint32_t index;
    uint32_t generation;
  };

  // Instants as unsigned keys that keep their order (the sign bit flipped),
  // so that the slot arithmetic also holds for instants before 1970.
  static uint64_t KeyOf(Instant at) { return static_cast<uint64_t>(at) ^ (uint64_t{1} << 63); }

  using FireThunk = void (*)(void* fire, uint64_t payload, Instant at);
  size_t AdvanceWith(Instant now, FireThunk fire, void* target);

  uint32_t Allocate();
  uint32_t AllocateFresh();
  void Commit();
  void Retire(uint32_t index);
  void Recycle(uint32_t index);
  void Append(uint32_t list, uint32_t index);
  void Unlink(uint32_t index);
  uint32_t ListFor(Instant at);
  uint32_t WheelListFor(uint64_t key, uint64_t reference);
  uint32_t OverflowListFor(uint64_t key);
  void UnlinkDelayed();
  bool NextEvent(uint64_t reference, uint64_t* next) const;
  void Cascade(uint32_t list, uint64_t reference);
  void ReexamineOverflow(uint64_t reference);
  size_t FireLate(FireThunk fire, void* target);
  size_t FireSlot(uint32_t list, FireThunk fire, void* target);
  bool Holds(TimerHandle handle) const;
  Node& NodeAt(uint32_t index) { return nodes_[index]; }
  const Node& NodeAt(uint32_t index) const { return nodes_[index]; }
  bool Empty(uint32_t list) const { return NodeAt(list).next == list; }

  // The pool is one run of address space, reserved up front and backed by
  // memory 2 MiB at a time: a node is one add away from its index, and
  // growing never moves or copies a node. The 2 MiB chunks are advised as
  // huge pages: random cancels over millions of timers miss the TLB far less
  // than with 4 KiB pages.
  struct Unmap {
    size_t bytes;
    void operator()(Node* nodes) const;
  };
  std::unique_ptr<Node[], Unmap> nodes_;
  size_t reserved_nodes_ = 0;   // nodes the address space has room for
  size_t committed_nodes_ = 0;  // nodes backed by memory
  uint32_t used_ = 0;           // nodes handed out so far, sentinels included
  uint32_t free_head_ = kNoNode;
  // One bit per slot that may hold timers: set when a timer is placed there,
  // cleared when Advance empties the slot. A cancel leaves it set (knowing
  // whether the slot emptied would cost every cancel a read), so Advance may
  // stop at a slot that holds nothing, which costs it one step.
  uint64_t occupied_[kLevels] = {};
  // No overflow timer is earlier; may be stale after a cancel, which only
  // makes the overflow be looked at early.
  uint64_t overflow_min_ = 0;
  size_t pending_ = 0;
  Instant now_;
  // Cancelled timers whose nodes are still linked, the oldest at
  // `delayed_next_`; kNoNode where there is none.
  uint32_t delayed_[kUnlinkDelay];
  uint32_t delayed_next_ = 0;
  std::vector<DueLate> late_scratch_;
  bool advancing_ = false;
};

// The paths every wait takes are defined here, inline, so that a
// cancel+schedule pair is not also two calls: with millions pending it waits
// on cache misses, and the fewer instructions it spends, the more of the
// next pair the processor can overlap with that wait.

inline uint32_t TimerWheel::Allocate() {
  if (free_head_ == kNoNode) return AllocateFresh();
  uint32_t index = free_head_;
  free_head_ = NodeAt(index).next;
  return index;
}

// The timer is no longer pending: handles to it go stale.
inline void TimerWheel::Retire(uint32_t index) {
  ++NodeAt(index).generation;
  --pending_;
}

// An unlinked, retired node goes on the free list.
inline void TimerWheel::Recycle(uint32_t index) {
  NodeAt(index).next = free_head_;
  free_head_ = index;
}

inline void TimerWheel::Append(uint32_t list, uint32_t index) {
  Node& sentinel = NodeAt(list);
  Node& node = NodeAt(index);
  node.prev = sentinel.prev;
  node.next = list;
  NodeAt(sentinel.prev).next = index;
  sentinel.prev = index;
}

inline void TimerWheel::Unlink(uint32_t index) {
  Node& node = NodeAt(index);
  NodeAt(node.prev).next = node.next;
  NodeAt(node.next).prev = node.prev;
}

inline uint32_t TimerWheel::ListFor(Instant at) {
  return at <= now_ ? kLateList : WheelListFor(KeyOf(at), KeyOf(now_));
}

// The level is the one holding the highest bit in which `key` differs from
// the reference instant: the timer is cascaded to a lower level when time
// reaches the start of its slot, and fires from level 0. Marks the slot
// occupied.
inline uint32_t TimerWheel::WheelListFor(uint64_t key, uint64_t reference) {
  uint64_t differing = key ^ reference;
  if ((differing >> kWheelBits) != 0) return OverflowListFor(key);
  // `| 1`: a timer due at the reference itself goes to level 0.
  uint32_t level = static_cast<uint32_t>(std::bit_width(differing | 1) - 1) / kSlotBits;
  uint32_t slot = static_cast<uint32_t>(key >> (level * kSlotBits)) % kSlots;
  occupied_[level] |= uint64_t{1} << slot;
  return level * kSlots + slot;
}

inline TimerHandle TimerWheel::Schedule(Instant at, uint64_t payload) {
  uint32_t index = Allocate();
  Node& node = NodeAt(index);
  node.at = at;
  node.payload = payload;
  ++pending_;
  Append(ListFor(at), index);
  return TimerHandle{index, node.generation};
}

// Retiring moves the generation on, so a matching one means pending.
inline bool TimerWheel::Holds(TimerHandle handle) const {
  return handle.index >= kListCount && handle.index < used_ &&
         NodeAt(handle.index).generation == handle.generation;
}

// With millions pending, the cancelled node is a cache miss, and unlinking
// it writes its two neighbours, likely two more. Freed at once, the node
// would be the next Schedule's, and that Schedule would wait for those
// misses. So a cancel retires the timer at once (its handle goes stale) but
// leaves the node linked for kUnlinkDelay more cancels; the cancel that ends
// the delay unlinks and frees it, long after its misses were served, and
// Schedule reuses it without waiting.
inline bool TimerWheel::Cancel(TimerHandle handle) {
  if (!Holds(handle)) return false;
  Retire(handle.index);
  if (advancing_) {
    // Advance walks the lists, which must then hold pending timers only.
    Unlink(handle.index);
    Recycle(handle.index);
    return true;
  }
  uint32_t oldest = delayed_[delayed_next_];
  delayed_[delayed_next_] = handle.index;
  delayed_next_ = (delayed_next_ + 1) % kUnlinkDelay;
  if (oldest != kNoNode) {
    Unlink(oldest);
    Recycle(oldest);
  }
  return true;
}

}  // namespace kairos::runtime
