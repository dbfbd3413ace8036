#include "stdlib/coupons/code_pattern.h"

namespace kairos::stdlib_internal {
namespace {

constexpr std::string_view kLettersAndDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view kLetters = kLettersAndDigits.substr(0, 26);
constexpr std::string_view kDigits = kLettersAndDigits.substr(26);
// The checker allows groups of 1 to 32 characters.
constexpr size_t kMaxGroup = 32;

std::optional<std::string_view> AlphabetOf(std::string_view name) {
  if (name == "A9") return kLettersAndDigits;
  if (name == "A") return kLetters;
  if (name == "9") return kDigits;
  return std::nullopt;
}

}  // namespace

std::optional<CodePattern> CodePattern::Parse(std::string_view text) {
  CodePattern pattern;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return std::nullopt;
    if (text[i] != '{') {
      pattern.layout_ += text[i];
      continue;
    }
    const size_t close = text.find('}', i);
    const size_t colon = text.find(':', i);
    if (close == std::string_view::npos || colon == std::string_view::npos || colon > close) return std::nullopt;
    const std::optional<std::string_view> alphabet = AlphabetOf(text.substr(i + 1, colon - i - 1));
    const std::string_view length = text.substr(colon + 1, close - colon - 1);
    if (!alphabet || length.empty() || length.size() > 2 ||
        length.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    const size_t count = std::stoul(std::string(length));
    if (count == 0 || count > kMaxGroup) return std::nullopt;
    for (size_t k = 0; k < count; ++k) {
      pattern.offsets_.push_back(pattern.layout_.size());
      pattern.alphabets_.push_back(*alphabet);
      pattern.layout_ += '?';
    }
    i = close;
  }
  return pattern;
}

std::string CodePattern::Format(const std::vector<uint32_t>& digits) const {
  std::string code = layout_;
  for (size_t i = 0; i < offsets_.size(); ++i) code[offsets_[i]] = alphabets_[i][digits[i]];
  return code;
}

}  // namespace kairos::stdlib_internal
