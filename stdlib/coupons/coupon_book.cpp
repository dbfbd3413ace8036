#include "stdlib/coupons/coupon_book.h"

#include <map>

#include "stdlib/coupons/code_pattern.h"
#include "stdlib/coupons/codes_file.h"

namespace kairos::stdlib {
namespace {

using stdlib_internal::CodePattern;

constexpr std::string_view kExhausted = "coupon_exhausted";
constexpr std::string_view kWindowClosed = "coupon_window_closed";
// Random draws before walking the pattern's codes in order: with room left a
// fresh draw almost always finds a free code.
constexpr int kFreshDraws = 8;

// splitmix64: small, fast, and the same sequence on every platform.
uint64_t NextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Each pool has its own sequence, so issuing from one pool does not change
// the codes of another.
uint64_t PoolSeed(std::string_view name, uint64_t seed) {
  uint64_t hash = 0xCBF29CE484222325ull;  // FNV-1a
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ull;
  }
  return hash ^ NextRandom(seed);
}

}  // namespace

struct CouponBook::Pool {
  const ir::CouponPool* settings = nullptr;
  std::optional<CodePattern> pattern;   // `codes generated`
  std::vector<std::string> file_codes;  // `codes from`
  size_t next_file_code = 0;
  uint64_t random = 0;
  size_t issued = 0;
  bool used_up = false;  // every code the pattern can make is taken
};

CouponBook::CouponBook(const ir::Program& program, std::function<int64_t(int64_t day)> day_start, uint64_t seed)
    : day_start_(std::move(day_start)), pools_(program.coupons.size()) {
  std::map<std::string, stdlib_internal::CodesFile> files;  // a file two pools share is read once
  for (size_t i = 0; i < pools_.size(); ++i) {
    const ir::CouponPool& settings = program.coupons[i];
    Pool& pool = pools_[i];
    pool.settings = &settings;
    pool.random = PoolSeed(settings.name, seed);
    if (!settings.pattern.empty()) {
      pool.pattern = CodePattern::Parse(settings.pattern);
      if (!pool.pattern) {
        errors_.push_back("coupon " + settings.name + ": \"" + settings.pattern +
                          "\" is not a code pattern, so the pool has no codes");
      }
    } else if (!settings.codes_file.empty()) {
      auto [file, inserted] = files.try_emplace(settings.codes_file);
      if (inserted) {
        file->second = stdlib_internal::ReadCodesFile(settings.codes_file);
        errors_.insert(errors_.end(), file->second.errors.begin(), file->second.errors.end());
      }
      if (file->second.errors.empty()) pool.file_codes = file->second.codes;
    }
  }
}

CouponBook::~CouponBook() = default;

IssueResult CouponBook::Issue(uint32_t first, std::string_view contact, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  IssueResult result;
  std::vector<bool> tried(pools_.size(), false);
  uint32_t current = first;
  while (current < pools_.size() && !tried[current]) {
    tried[current] = true;
    Pool& pool = pools_[current];
    const ir::CouponPool& settings = *pool.settings;
    std::string reason;
    if (std::optional<std::string> code = Draw(pool, now, reason)) {
      ++pool.issued;
      owners_.emplace(*code, std::string(contact));
      result.status = IssueStatus::Issued;
      result.issued.pool = current;
      result.issued.code = std::move(*code);
      if (settings.valid_for > 0) result.issued.expires_at = now + settings.valid_for;
      return result;
    }
    result.reason = std::move(reason);
    result.empty_pool = current;
    result.status = settings.exhausted == ir::ExhaustedKind::StopJourney ? IssueStatus::StopJourney
                                                                         : IssueStatus::Skipped;
    if (settings.exhausted != ir::ExhaustedKind::Fallback) break;
    current = settings.fallback;
  }
  if (result.empty_pool == ir::kNoIndex) {  // `first` is not a pool of the program
    result.reason = kExhausted;
    result.empty_pool = first;
  }
  return result;
}

std::optional<std::string> CouponBook::Draw(Pool& pool, int64_t now, std::string& reason) {
  const ir::CouponPool& settings = *pool.settings;
  if (settings.has_issue_window) {
    auto day_start = [&](int64_t day) { return day_start_ ? day_start_(day) : day * 86400; };
    if (now < day_start(settings.issue_from_day) || now >= day_start(settings.issue_to_day + 1)) {
      reason = kWindowClosed;
      return std::nullopt;
    }
  }
  reason = kExhausted;
  if (settings.limit >= 0 && pool.issued >= static_cast<uint64_t>(settings.limit)) return std::nullopt;
  if (pool.pattern) return DrawGenerated(pool);
  while (pool.next_file_code < pool.file_codes.size()) {
    std::string& code = pool.file_codes[pool.next_file_code++];
    // A code another pool (reading the same file) already handed out is passed over.
    if (owners_.count(code) == 0) return std::move(code);
  }
  return std::nullopt;
}

std::optional<std::string> CouponBook::DrawGenerated(Pool& pool) {
  if (pool.used_up) return std::nullopt;
  const CodePattern& pattern = *pool.pattern;
  std::vector<uint32_t> digits(pattern.positions());
  std::string code;
  for (int attempt = 0; attempt < kFreshDraws; ++attempt) {
    for (size_t i = 0; i < digits.size(); ++i) {
      digits[i] = static_cast<uint32_t>(NextRandom(pool.random) % pattern.radix(i));
    }
    code = pattern.Format(digits);
    if (owners_.count(code) == 0) return code;
  }
  // Crowded: count on from the last draw through every code the pattern can
  // make, so a free one is found whenever there is one. The walk is no
  // longer than the number of codes already issued.
  const std::vector<uint32_t> start = digits;
  while (true) {
    for (size_t i = digits.size(); i-- > 0;) {
      if (++digits[i] < pattern.radix(i)) break;
      digits[i] = 0;
    }
    if (digits == start) break;
    code = pattern.Format(digits);
    if (owners_.count(code) == 0) return code;
  }
  pool.used_up = true;
  return std::nullopt;
}

size_t CouponBook::IssuedCount(uint32_t pool) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pool < pools_.size() ? pools_[pool].issued : 0;
}

const std::string* CouponBook::OwnerOf(std::string_view code) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = owners_.find(std::string(code));
  return it != owners_.end() ? &it->second : nullptr;
}

}  // namespace kairos::stdlib
