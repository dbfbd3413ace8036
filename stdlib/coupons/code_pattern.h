// `codes generated "WELCOME-{A9:6}"`: literal text around groups of random
// characters. `{A9:N}` is N characters from A–Z and 0–9, `{A:N}` letters
// only, `{9:N}` digits only. Private to stdlib/coupons.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kairos::stdlib_internal {

class CodePattern {
 public:
  // nullopt when `text` has a group that is not one of the three forms or an
  // unmatched brace.
  static std::optional<CodePattern> Parse(std::string_view text);

  // How many random characters a code has.
  size_t positions() const { return alphabets_.size(); }
  // How many characters position `i` chooses from (36, 26 or 10).
  uint32_t radix(size_t i) const { return static_cast<uint32_t>(alphabets_[i].size()); }
  // The code whose random character at position i is the digits[i]-th of its
  // alphabet (digits[i] < radix(i)).
  std::string Format(const std::vector<uint32_t>& digits) const;

 private:
  std::string layout_;                    // the code with a placeholder at every random position
  std::vector<size_t> offsets_;           // where each random position is in `layout_`
  std::vector<std::string_view> alphabets_;
};

}  // namespace kairos::stdlib_internal
