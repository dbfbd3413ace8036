// The text form of coupon pools and the policy: one setting a line, every
// setting shown (a missing one as what it means), so a golden file shows
// what the engine will do.
#include "compiler/base/scalars.h"
#include "compiler/ir/print_internal.h"

namespace kairos::ir_internal {
namespace {

using namespace ir;

void PrintPool(std::ostream& out, const Program& program, const CouponPool& pool, size_t index) {
  out << "coupon " << pool.name << " #" << index << "\n";
  out << "  discount " << (pool.discount.empty() ? "(none)" : pool.discount) << "\n";
  if (!pool.pattern.empty()) {
    out << "  codes generated " << Quote(pool.pattern) << "\n";
  } else if (!pool.codes_file.empty()) {
    out << "  codes from " << Quote(pool.codes_file) << "\n";
  } else {
    out << "  codes (none)\n";
  }
  out << "  limit " << (pool.limit >= 0 ? std::to_string(pool.limit) : "(none)") << "\n";
  if (pool.has_issue_window) {
    out << "  issue between " << scalars::FormatDate(pool.issue_from_day) << " and "
        << scalars::FormatDate(pool.issue_to_day) << "\n";
  } else {
    out << "  issue always\n";
  }
  out << "  valid for " << (pool.valid_for > 0 ? SecondsText(pool.valid_for) : "(no expiry)") << "\n";
  out << "  when exhausted ";
  switch (pool.exhausted) {
    case ExhaustedKind::Skip: out << "skip"; break;
    case ExhaustedKind::StopJourney: out << "stop journey"; break;
    case ExhaustedKind::Fallback:
      out << "fallback "
          << (pool.fallback < program.coupons.size() ? program.coupons[pool.fallback].name : std::string("?"))
          << " #" << pool.fallback;
      break;
  }
  out << "\n";
}

void PrintPolicy(std::ostream& out, const Program& program, const Policy& policy) {
  out << "policy\n";
  if (policy.has_quiet_hours) {
    out << "  quiet hours " << SecondsText(policy.quiet_from) << " to " << SecondsText(policy.quiet_to)
        << " after midnight\n";
  }
  for (const CapRule& cap : policy.caps) {
    out << "  cap " << (cap.channel == kNoIndex ? "all" : FieldName(program.channel, cap.channel)) << " "
        << cap.count << " per " << SecondsText(cap.period) << "\n";
  }
  if (policy.sms_limit_segments > 0) out << "  sms limit " << policy.sms_limit_segments << " segments\n";
}

}  // namespace

void PrintSettings(std::ostream& out, const Program& program) {
  for (size_t i = 0; i < program.coupons.size(); ++i) PrintPool(out, program, program.coupons[i], i);
  const Policy& policy = program.policy;
  if (policy.has_quiet_hours || !policy.caps.empty() || policy.sms_limit_segments > 0) {
    PrintPolicy(out, program, policy);
  }
}

}  // namespace kairos::ir_internal
