// Campaigns, coupon pools, popups and the policy (LANGUAGE.md §4), and names
// declared twice.
#include "tests/unit/check_test_support.h"

namespace kairos::check_test {
namespace {

using Diags = std::vector<std::string>;

Diags DiagnosticsOf(const std::string& text) { return RunCheck(text)->Diagnostics(); }

TEST(CheckDeclarations, Campaigns) {
  EXPECT_EQ(DiagnosticsOf(R"(coupon bf_20 { discount 20% codes generated "BF-{A9:6}" }
campaign ok {
  audience contact.vip and not exists(order_placed within 30d)
  at 2026-11-27 09:00
  send whatsapp template "bf_offer" { code: (issue coupon bf_20).code }
  attribution 5d after click, 1d after open
}
campaign bad {
  audience 5
  at 2026-11-27
  attribution 5d after clik, 1d after open, 2d after open
  audience contact.vip
}
)"),
            (Diags{"ConditionNotBool@9:12", "TypeMismatch@10:6", "UnknownName@11:24",
                   "DuplicateClause@11:45", "DuplicateClause@12:3"}));
}

TEST(CheckDeclarations, CouponPools) {
  EXPECT_EQ(DiagnosticsOf(R"(coupon ok {
  discount 10%
  codes generated "WELCOME-{A9:6}"
  limit 5000
  issue between 2026-01-01 and 2026-12-31
  valid for 14d
  when exhausted fallback spare
}
coupon spare { discount 50 ILS codes from "coupons/spare.csv" when exhausted stop journey }
coupon bad {
  discount 10
  codes generated "X-{B:3}-{A9:6"
  limit 0
  when exhausted fallback bad
}
coupon few { discount 150% codes generated "{9:2}" limit 500 issue between 2026-12-01 and 2026-01-01 }
coupon same { discount 5% codes generated "SAME" when exhausted fallback spar }
coupon euro { discount 5 EUR }
)"),
            (Diags{"TypeMismatch@11:12", "InvalidLiteral@12:22", "InvalidLiteral@12:28",
                   "InvalidLiteral@13:9", "CouponFallbackCycle@14:27", "InvalidLiteral@16:23",
                   "InvalidLiteral@16:62", "InvalidLiteral@16:44", "InvalidLiteral@17:43",
                   "UnknownCouponPool@17:74", "CurrencyMismatch@18:24"}));
}

TEST(CheckDeclarations, CouponFallbackCircles) {
  EXPECT_EQ(DiagnosticsOf("coupon a { discount 5% when exhausted fallback b }\n"
                          "coupon b { discount 5% when exhausted fallback c }\n"
                          "coupon c { discount 5% when exhausted fallback a }\n"),
            (Diags{"CouponFallbackCycle@1:48"}));
}

TEST(CheckDeclarations, Popups) {
  EXPECT_EQ(DiagnosticsOf(R"(popup ok {
  show to anonymous and not exists(newsletter_subscribed)
  trigger after 10s or exit_intent or scroll 50%
  on mobile  { title: "10% off your first order", fields: [phone], consent: sms }
  on desktop { title: "Join the club", fields: [email, first_name], consent: email }
  on submit emit newsletter_subscribed { source: "popup" }
}
popup bad {
  show to identified and 5
  trigger after 10s or exit_intnt or scroll 5
  on mobil { title: "x" }
  on desktop { fields: [email, frist_name], consent: sm }
  on desktop { title: "y" }
  on submit emit newsletter_subscribed { source: 5, extra: 1 }
}
)"),
            (Diags{"ConditionNotBool@9:26", "UnknownName@10:24", "TypeMismatch@10:45", "UnknownName@11:6",
                   "UnknownField@12:32", "UnknownChannel@12:54", "DuplicateClause@13:3",
                   "TypeMismatch@14:50", "UnknownField@14:53"}));
}

TEST(CheckDeclarations, Policy) {
  EXPECT_EQ(DiagnosticsOf(R"(policy {
  quiet hours 21:00 to 09:00
  cap sms 2 per 7d
  cap all 5 per 7d
  cap smss 2 per 7d
  cap email 0 per 0d
  cap sms 3 per 1d
  quiet hours 21 to 9
  sms limit 2 segmnts
}
policy { }
)"),
            (Diags{"DuplicateDeclaration@11:1", "UnknownChannel@5:7", "InvalidLiteral@6:13",
                   "InvalidLiteral@6:19", "DuplicateClause@7:3", "DuplicateClause@8:3",
                   "TypeMismatch@8:15", "TypeMismatch@8:21", "UnknownName@9:15"}));
}

TEST(CheckDeclarations, NamesDeclaredTwice) {
  auto run = RunCheck(R"(segment vip = contact.vip
segment vip = true
segment signed_up = true
segment now = true
segment count = true
journey vip { trigger signed_up }
journey j { trigger signed_up }
journey j { trigger signed_up }
coupon vip { discount 5% }
)");
  EXPECT_EQ(run->Diagnostics(), (Diags{"DuplicateDeclaration@2:9", "DuplicateDeclaration@3:9",
                                       "DuplicateDeclaration@4:9", "DuplicateDeclaration@5:9",
                                       "DuplicateDeclaration@8:9"}))
      << run->Dump();
  ASSERT_EQ(run->sink.diagnostics()[0].notes.size(), 1u);
  EXPECT_EQ(run->File("test.journey").Locate(run->sink.diagnostics()[0].notes[0].range.begin).line, 1u);
}

}  // namespace
}  // namespace kairos::check_test
