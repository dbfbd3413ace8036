#include "runtime/timers/timer_wheel.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <new>

namespace kairos::runtime {
namespace {

// The inverse of TimerWheel::KeyOf.
Instant InstantOf(uint64_t key) { return static_cast<Instant>(key ^ (uint64_t{1} << 63)); }

uint64_t LowBits(int bits) { return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1; }

constexpr size_t kChunkBytes = size_t{1} << 21;

// `bytes` of address space aligned to kChunkBytes, inaccessible until
// committed; nullptr when the system refuses it.
void* ReserveAligned(size_t bytes) {
  void* mapped = mmap(nullptr, bytes + kChunkBytes, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapped == MAP_FAILED) return nullptr;
  uintptr_t begin = reinterpret_cast<uintptr_t>(mapped);
  uintptr_t aligned = (begin + kChunkBytes - 1) & ~(kChunkBytes - 1);
  if (aligned > begin) munmap(mapped, aligned - begin);
  munmap(reinterpret_cast<void*>(aligned + bytes), begin + kChunkBytes - aligned);
#ifdef MADV_HUGEPAGE
  // Advice only: 4 KiB pages work too.
  madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
#endif
  return reinterpret_cast<void*>(aligned);
}

}  // namespace

void TimerWheel::Unmap::operator()(Node* nodes) const { munmap(nodes, bytes); }

TimerWheel::TimerWheel(Instant start) : now_(start) {
  static_assert(kChunkBytes % sizeof(Node) == 0);
  // Room for every index a handle can name (128 GiB of address space, none
  // of it memory yet), or less where address space is limited (`ulimit -v`,
  // memory checkers), which only lowers how many timers fit.
  for (size_t nodes = size_t{1} << 32; nodes >= kChunkBytes / sizeof(Node) && !nodes_; nodes /= 2) {
    if (void* memory = ReserveAligned(nodes * sizeof(Node))) {
      nodes_ =
          std::unique_ptr<Node[], Unmap>(static_cast<Node*>(memory), Unmap{nodes * sizeof(Node)});
      reserved_nodes_ = nodes;
    }
  }
  if (!nodes_) throw std::bad_alloc();
  Commit();
  for (uint32_t list = 0; list < kListCount; ++list) {
    NodeAt(list) = Node{0, 0, list, list, 0};
  }
  used_ = kListCount;
  std::fill(std::begin(delayed_), std::end(delayed_), kNoNode);
}

void TimerWheel::Commit() {
  constexpr size_t kChunkNodes = kChunkBytes / sizeof(Node);
  // Indices stay below kNoNode.
  if (committed_nodes_ + kChunkNodes > std::min<size_t>(reserved_nodes_, kNoNode))
    throw std::bad_alloc();
  if (mprotect(nodes_.get() + committed_nodes_, kChunkBytes, PROT_READ | PROT_WRITE) != 0)
    throw std::bad_alloc();
  committed_nodes_ += kChunkNodes;
}

void TimerWheel::Reserve(size_t timers) {
  while (committed_nodes_ < kListCount + timers) Commit();
}

size_t TimerWheel::MemoryBytes() const {
  return sizeof(*this) + committed_nodes_ * sizeof(Node) +
         late_scratch_.capacity() * sizeof(DueLate);
}

// A node never handed out before, when the free list is empty.
uint32_t TimerWheel::AllocateFresh() {
  if (used_ == committed_nodes_) Commit();
  NodeAt(used_) = Node{0, 0, kNoNode, kNoNode, 0};
  return used_++;
}

uint32_t TimerWheel::OverflowListFor(uint64_t key) {
  overflow_min_ = Empty(kOverflowList) ? key : std::min(overflow_min_, key);
  return kOverflowList;
}

void TimerWheel::UnlinkDelayed() {
  for (uint32_t& index : delayed_) {
    if (index == kNoNode) continue;
    Unlink(index);
    Recycle(index);
    index = kNoNode;
  }
}

bool TimerWheel::Reschedule(TimerHandle handle, Instant at) {
  if (!Holds(handle)) return false;
  Unlink(handle.index);
  NodeAt(handle.index).at = at;
  Append(ListFor(at), handle.index);
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
    Append(WheelListFor(KeyOf(NodeAt(index).at), reference), index);
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
      Append(WheelListFor(key, reference), index);
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
    // An earlier callback may have cancelled this one, or rescheduled it
    // into the wheel; rescheduled to another due instant, it is still in the
    // late list and fires now.
    if (NodeAt(due.index).generation != due.generation || NodeAt(due.index).at > now_) continue;
    Instant at = NodeAt(due.index).at;
    uint64_t payload = NodeAt(due.index).payload;
    Unlink(due.index);
    Retire(due.index);
    Recycle(due.index);
    fire(target, payload, at);
    ++fired;
  }
  return fired;
}

size_t TimerWheel::FireSlot(uint32_t list, FireThunk fire, void* target) {
  // One at a time from the front: a callback may cancel the next timer, so
  // nothing read from the list is kept across a call.
  size_t fired = 0;
  while (!Empty(list)) {
    uint32_t index = NodeAt(list).next;
    Instant at = NodeAt(index).at;
    uint64_t payload = NodeAt(index).payload;
    Unlink(index);
    Retire(index);
    Recycle(index);
    fire(target, payload, at);
    ++fired;
  }
  return fired;
}

size_t TimerWheel::AdvanceWith(Instant now, FireThunk fire, void* target) {
  assert(!advancing_ && "Advance called from a timer callback");
  advancing_ = true;
  UnlinkDelayed();
  size_t fired = FireLate(fire, target);
  if (now > now_) {
    uint64_t limit = KeyOf(now);
    uint64_t t = KeyOf(now_);
    while (NextEvent(t, &t) && t <= limit) {
      now_ = InstantOf(t);
      if ((t & LowBits(kWheelBits)) == 0 && !Empty(kOverflowList)) ReexamineOverflow(t);
      // A cascaded timer lands in a later slot of a lower level or, when due
      // within the minute, in level 0: never in a slot due now but level 0's,
      // so each slot handled here is empty afterwards.
      for (int level = kLevels - 1; level >= 1; --level) {
        int shift = level * kSlotBits;
        if ((t & LowBits(shift)) != 0) continue;
        uint32_t slot = static_cast<uint32_t>(t >> shift) & (kSlots - 1);
        Cascade(static_cast<uint32_t>(level) * kSlots + slot, t);
        occupied_[level] &= ~(uint64_t{1} << slot);
      }
      // A callback's timer is due later than `t` or goes to the late list,
      // never back into this slot.
      uint32_t slot = static_cast<uint32_t>(t & (kSlots - 1));
      fired += FireSlot(slot, fire, target);
      occupied_[0] &= ~(uint64_t{1} << slot);
    }
    now_ = now;
  }
  advancing_ = false;
  return fired;
}

}  // namespace kairos::runtime
