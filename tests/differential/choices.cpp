#include "tests/differential/choices.h"

namespace kairos::differential {

Choices::Choices(uint64_t seed) : state_(seed) {}

Choices::Choices(std::span<const uint8_t> bytes) : state_(0x9e3779b97f4a7c15ULL) {
  // FNV-1a of the input seeds what follows it.
  for (uint8_t b : bytes) state_ = (state_ ^ b) * 0x100000001b3ULL;
  bytes_ = bytes.data();
  bytes_left_ = bytes.size();
}

// SplitMix64: small, fast and the same everywhere.
uint64_t Choices::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t Choices::Below(uint64_t n) {
  if (n <= 1) return 0;
  if (bytes_left_ > 0) {
    // As few bytes as the range needs, so one input byte is one small decision.
    uint64_t value = 0;
    for (uint64_t range = n - 1; range > 0 && bytes_left_ > 0; range >>= 8) {
      value = (value << 8) | *bytes_++;
      --bytes_left_;
    }
    return value % n;
  }
  return Next() % n;
}

int64_t Choices::Between(int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
}

size_t Choices::Weighted(const std::vector<int>& weights) {
  int total = 0;
  for (int w : weights) total += w > 0 ? w : 0;
  auto pick = static_cast<int>(Below(static_cast<uint64_t>(total)));
  for (size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    if (pick < weights[i]) return i;
    pick -= weights[i];
  }
  return weights.size() - 1;
}

}  // namespace kairos::differential
