// Coupon pools at run time: hands out codes, each to one contact only, within
// each pool's issue window and limit, following `when exhausted` rules.
//
// Codes of a `codes generated` pool are drawn from a pseudo-random sequence
// keyed by the pool's name and the book's seed, so the same program, seed and
// sequence of Issue calls give the same codes (a dry run shows the codes
// production would hand out). A `codes from` pool hands out its file's codes
// in file order.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"

namespace kairos::stdlib {

struct IssuedCode {
  uint32_t pool = 0;  // the pool that issued it (the last of a fallback chain)
  std::string code;
  std::optional<int64_t> expires_at;  // none when the pool has no `valid for`
};

enum class IssueStatus : uint8_t {
  Issued,
  Skipped,      // `when exhausted skip`: the step, and the later steps that use the code, are skipped
  StopJourney,  // `when exhausted stop journey`
};

struct IssueResult {
  IssueStatus status = IssueStatus::Skipped;
  IssuedCode issued;   // Issued
  std::string reason;  // otherwise: "coupon_exhausted" or "coupon_window_closed"
  uint32_t empty_pool = ir::kNoIndex;  // otherwise: the last pool that could not issue
};

class CouponBook {
 public:
  // day_start(day) is the instant (seconds since epoch, UTC) at which `day`
  // (days since epoch) begins in the shop's zone; an empty function means UTC.
  // The book reads the pools' settings from `program`, which must outlive it.
  CouponBook(const ir::Program& program, std::function<int64_t(int64_t day)> day_start, uint64_t seed = 0);
  ~CouponBook();
  CouponBook(const CouponBook&) = delete;
  CouponBook& operator=(const CouponBook&) = delete;

  // Why pools have no codes: a codes file that cannot be read, holds no code
  // or has bad lines ("path:line: reason" each, "path: reason" for the whole
  // file), or a pattern that is not valid.
  const std::vector<std::string>& errors() const { return errors_; }

  // Issues one code of `pool` to `contact` at `now`. A pool outside its issue
  // window, at its limit or out of codes cannot issue; then its `fallback`
  // pool is tried, and so on along the chain (a pool already tried ends it);
  // the `when exhausted` of the last pool tried decides Skipped or
  // StopJourney. Thread-safe: a code goes to one contact only.
  IssueResult Issue(uint32_t pool, std::string_view contact, int64_t now);

  // Codes `pool` has issued (not counting those its fallbacks issued for it).
  size_t IssuedCount(uint32_t pool) const;

  // The contact a code was issued to, or nullptr.
  const std::string* OwnerOf(std::string_view code) const;

 private:
  struct Pool;

  // The code `pool` issues next, or the reason it cannot.
  std::optional<std::string> Draw(Pool& pool, int64_t now, std::string& reason);
  std::optional<std::string> DrawGenerated(Pool& pool);

  std::function<int64_t(int64_t)> day_start_;
  std::vector<Pool> pools_;
  std::vector<std::string> errors_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> owners_;  // code -> contact
};

}  // namespace kairos::stdlib
