// The decisions the differential test's generators make, drawn from a seed or
// from a fuzzer's input. Every random choice goes through a Choices, so a seed
// (or an input file) replays a case exactly, on any platform and compiler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kairos::differential {

class Choices {
 public:
  explicit Choices(uint64_t seed);
  // Each decision reads the next bytes of `bytes` (which must outlive this),
  // so a fuzzer's mutations steer the choices; when the bytes run out, a
  // sequence seeded from them takes over.
  explicit Choices(std::span<const uint8_t> bytes);

  // A number in [0, n); n > 0.
  uint64_t Below(uint64_t n);
  // A number in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi);
  // True `percent` times in a hundred.
  bool Chance(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
  // An index picked with the given weights (at least one positive).
  size_t Weighted(const std::vector<int>& weights);

 private:
  uint64_t Next();

  uint64_t state_;
  const uint8_t* bytes_ = nullptr;
  size_t bytes_left_ = 0;
};

}  // namespace kairos::differential
