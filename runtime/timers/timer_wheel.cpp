#include "runtime/timers/timer_wheel.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace kairos::runtime {
namespace {

// Instants as unsigned keys that keep their order (the sign bit flipped), so
// that the slot arithmetic below also holds for instants before 1970.
uint64_t KeyOf(Instant at) { return static_cast<uint64_t>(at) ^ (uint64_t{1} << 63); }
Instant InstantOf(uint64_t key) { return static_cast<Instant>(key ^ (uint64_t{1} << 63)); }

uint64_t LowBits(int bits) { return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1; }

constexpr size_t kChunkBytes = size_t{1} << 21;

}  // namespace

void TimerWheel::FreeChunk::operator()(Node* chunk) const { std::free(chunk); }

TimerWheel::TimerWheel(Instant start) : now_(start) {
  AddChunk();
  for (uint32_t list = 0; list < kListCount; ++list) {
    NodeAt(list) = Node{0, 0, list, list, 0, list};
  }
  used_ = kListCount;
}

void TimerWheel::AddChunk() {
  static_assert(kChunkNodes * sizeof(Node) == kChunkBytes);
  void* memory = std::aligned_alloc(kChunkBytes, kChunkBytes);
  if (memory == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(memory, kChunkBytes, MADV_HUGEPAGE);  // advice only: 4 KiB pages work too
#endif
  chunks_.emplace_back(static_cast<Node*>(memory));
}

void TimerWheel::Reserve(size_t timers) {
  while (chunks_.size() * kChunkNodes < kListCount + timers) AddChunk();
}

size_t TimerWheel::MemoryBytes() const {
  return sizeof(*this) + chunks_.capacity() * sizeof(chunks_[0]) + chunks_.size() * kChunkBytes +
         late_scratch_.capacity() * sizeof(DueLate);
}

uint32_t TimerWheel::Allocate() {
  if (free_head_ != kNoNode) {
    uint32_t index = free_head_;
    free_head_ = NodeAt(index).next;
    return index;
  }
  if (used_ == chunks_.size() * kChunkNodes) AddChunk();
  NodeAt(used_) = Node{0, 0, kNoNode, kNoNode, 0, kFree};
  return used_++;
}

void TimerWheel::Release(uint32_t index) {
  Node& node = NodeAt(index);
  node.list = kFree;
  ++node.generation;  // outstanding handles to this node go stale
  node.next = free_head_;
  free_head_ = index;
  --pending_;
}

void TimerWheel::Append(uint32_t list, uint32_t index) {
  Node& sentinel = NodeAt(list);
  Node& node = NodeAt(index);
  node.list = list;
  node.prev = sentinel.prev;
  node.next = list;
  NodeAt(sentinel.prev).next = index;
  sentinel.prev = index;
}

void TimerWheel::Unlink(uint32_t index) {
  Node& node = NodeAt(index);
  NodeAt(node.prev).next = node.next;
  NodeAt(node.next).prev = node.prev;
  uint32_t list = node.list;
  if (list < kOverflowList && Empty(list)) {
    occupied_[list / kSlots] &= ~(uint64_t{1} << (list % kSlots));
  }
}

// The level is the one holding the highest bit in which `at` differs from
// the reference instant: the timer is cascaded to a lower level when time
// reaches the start of its slot, and fires from level 0.
void TimerWheel::Place(uint32_t index, uint64_t reference) {
  uint64_t key = KeyOf(NodeAt(index).at);
  uint64_t differing = key ^ reference;
  if ((differing >> kWheelBits) != 0) {
    overflow_min_ = Empty(kOverflowList) ? key : std::min(overflow_min_, key);
    Append(kOverflowList, index);
    return;
  }
  int level = differing == 0 ? 0 : (63 - std::countl_zero(differing)) / kSlotBits;
  uint32_t slot = static_cast<uint32_t>(key >> (level * kSlotBits)) & (kSlots - 1);
  occupied_[level] |= uint64_t{1} << slot;
  Append(static_cast<uint32_t>(level) * kSlots + slot, index);
}

void TimerWheel::Insert(uint32_t index) {
  if (NodeAt(index).at <= now_) {
    Append(kLateList, index);
  } else {
    Place(index, KeyOf(now_));
  }
}

TimerHandle TimerWheel::Schedule(Instant at, uint64_t payload) {
  uint32_t index = Allocate();
  Node& node = NodeAt(index);
  node.at = at;
  node.payload = payload;
  ++pending_;
  Insert(index);
  return TimerHandle{index, NodeAt(index).generation};
}

bool TimerWheel::Holds(TimerHandle handle) const {
  return handle.index >= kListCount && handle.index < used_ &&
         NodeAt(handle.index).generation == handle.generation && NodeAt(handle.index).list != kFree;
}

bool TimerWheel::IsPending(TimerHandle handle) const { return Holds(handle); }

bool TimerWheel::Cancel(TimerHandle handle) {
  if (!Holds(handle)) return false;
  Unlink(handle.index);
  Release(handle.index);
  return true;
}

bool TimerWheel::Reschedule(TimerHandle handle, Instant at) {
  if (!Holds(handle)) return false;
  Unlink(handle.index);
  NodeAt(handle.index).at = at;
  Insert(handle.index);
  return true;
}

// The first instant after `reference` at which a level-0 slot fires, a
// higher slot cascades, or the overflow is due to be looked at; false when
// nothing is pending in the wheel. Slots at or below the reference's own
// digit are empty (their time has passed), and a lower level's next event
// always comes before a higher level's, so the first occupied level decides.
bool TimerWheel::NextEvent(uint64_t reference, uint64_t* next) const {
  for (int level = 0; level < kLevels; ++level) {
    int shift = level * kSlotBits;
    int digit = static_cast<int>((reference >> shift) & (kSlots - 1));
    uint64_t later = digit == kSlots - 1 ? 0 : occupied_[level] & (~uint64_t{0} << (digit + 1));
    if (later != 0) {
      uint64_t slot = static_cast<uint64_t>(std::countr_zero(later));
      *next = (reference & ~LowBits(shift + kSlotBits)) | (slot << shift);
      return true;
    }
  }
  if (Empty(kOverflowList)) return false;
  *next = overflow_min_ & ~LowBits(kWheelBits);
  return true;
}

void TimerWheel::Cascade(uint32_t list, uint64_t reference) {
  // Taking from the front and appending keeps timers due at the same
  // instant in the order they were scheduled.
  while (!Empty(list)) {
    uint32_t index = NodeAt(list).next;
    Unlink(index);
    Place(index, reference);
  }
}

void TimerWheel::ReexamineOverflow(uint64_t reference) {
  uint64_t remaining_min = UINT64_MAX;
  uint32_t index = NodeAt(kOverflowList).next;
  while (index != kOverflowList) {
    uint32_t next = NodeAt(index).next;
    uint64_t key = KeyOf(NodeAt(index).at);
    if (((key ^ reference) >> kWheelBits) == 0) {
      Unlink(index);
      Place(index, reference);
    } else {
      remaining_min = std::min(remaining_min, key);
    }
    index = next;
  }
  overflow_min_ = remaining_min;
}

size_t TimerWheel::FireLate(FireThunk fire, void* target) {
  late_scratch_.clear();
  for (uint32_t index = NodeAt(kLateList).next; index != kLateList; index = NodeAt(index).next) {
    late_scratch_.push_back(DueLate{NodeAt(index).at, index, NodeAt(index).generation});
  }
  std::stable_sort(late_scratch_.begin(), late_scratch_.end(),
                   [](const DueLate& a, const DueLate& b) { return a.at < b.at; });
  size_t fired = 0;
  for (const DueLate& due : late_scratch_) {
    // An earlier callback may have cancelled this one.
    if (NodeAt(due.index).generation != due.generation || NodeAt(due.index).list != kLateList) continue;
    // Read again: a callback may have rescheduled it to another due instant.
    Instant at = NodeAt(due.index).at;
    uint64_t payload = NodeAt(due.index).payload;
    Unlink(due.index);
    Release(due.index);
    fire(target, payload, at);
    ++fired;
  }
  return fired;
}

size_t TimerWheel::FireSlot(uint32_t list, FireThunk fire, void* target) {
  // One at a time from the front: a callback may cancel the next timer, and
  // may grow the pool, so no reference into it is held across a call.
  size_t fired = 0;
  while (!Empty(list)) {
    uint32_t index = NodeAt(list).next;
    Instant at = NodeAt(index).at;
    uint64_t payload = NodeAt(index).payload;
    Unlink(index);
    Release(index);
    fire(target, payload, at);
    ++fired;
  }
  return fired;
}

size_t TimerWheel::AdvanceWith(Instant now, FireThunk fire, void* target) {
  assert(!advancing_ && "Advance called from a timer callback");
  advancing_ = true;
  size_t fired = FireLate(fire, target);
  if (now > now_) {
    uint64_t limit = KeyOf(now);
    uint64_t t = KeyOf(now_);
    while (NextEvent(t, &t) && t <= limit) {
      now_ = InstantOf(t);
      if ((t & LowBits(kWheelBits)) == 0 && !Empty(kOverflowList)) ReexamineOverflow(t);
      // A cascaded timer lands in a later slot of a lower level or, when due
      // within the minute, in level 0: never in a slot due now but level 0's.
      for (int level = kLevels - 1; level >= 1; --level) {
        int shift = level * kSlotBits;
        if ((t & LowBits(shift)) != 0) continue;
        uint32_t slot = static_cast<uint32_t>(t >> shift) & (kSlots - 1);
        Cascade(static_cast<uint32_t>(level) * kSlots + slot, t);
      }
      fired += FireSlot(static_cast<uint32_t>(t & (kSlots - 1)), fire, target);
    }
    now_ = now;
  }
  advancing_ = false;
  return fired;
}

}  // namespace kairos::runtime
