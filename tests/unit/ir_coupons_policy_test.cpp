// Coupon pools and the policy lowered to plain settings: every item of a
// pool (codes, limit, issue window, validity, exhaustion rule), a codes file
// resolved next to its declaration, fallbacks as pool indices, quiet hours,
// caps per channel and the SMS limit; settings the engine cannot compute are
// reported.
#include <gtest/gtest.h>

#include "check_test_support.h"
#include "compiler/ir/lower.h"

namespace kairos {
namespace {

class IrCouponsPolicyTest : public ::testing::Test {
 protected:
  // Checks and lowers `sources`; checking must be clean.
  void Lower(const std::vector<check_test::Source>& sources) {
    run_ = check_test::RunCheck(sources);
    ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
    program_ = LowerPredicates(run_->project, *run_->model, run_->sink);
  }
  void Lower(const std::string& text) { Lower({{"test.journey", text}}); }

  const ir::CouponPool& Pool(const std::string& name) {
    for (const ir::CouponPool& pool : program_.coupons) {
      if (pool.name == name) return pool;
    }
    ADD_FAILURE() << "no pool " << name;
    return program_.coupons.at(0);
  }

  uint32_t PoolIndex(const std::string& name) { return static_cast<uint32_t>(&Pool(name) - program_.coupons.data()); }

  uint32_t ChannelValue(const std::string& name) {
    const Symbol* channel = program_.channel;
    for (size_t i = 0; i < channel->members.size(); ++i) {
      if (channel->members[i]->name == name) return static_cast<uint32_t>(i);
    }
    ADD_FAILURE() << "no channel " << name;
    return ir::kNoIndex;
  }

  std::unique_ptr<check_test::CheckRun> run_;
  ir::Program program_;
};

TEST_F(IrCouponsPolicyTest, GeneratedPoolKeepsEverySetting) {
  Lower(R"(
coupon welcome_first_order {
  discount 10%
  codes generated "WELCOME-{A9:6}"
  limit 5000
  issue between 2026-01-01 and 2026-12-31
  valid for 14d
  when exhausted stop journey
}
)");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  ASSERT_EQ(program_.coupons.size(), 1u);
  const ir::CouponPool& pool = program_.coupons[0];
  EXPECT_EQ(pool.name, "welcome_first_order");
  EXPECT_EQ(pool.symbol, run_->model->FindDeclaration(SymbolKind::Coupon, "welcome_first_order"));
  EXPECT_EQ(pool.discount, "10%");
  EXPECT_EQ(pool.pattern, "WELCOME-{A9:6}");
  EXPECT_EQ(pool.codes_file, "");
  EXPECT_EQ(pool.limit, 5000);
  EXPECT_TRUE(pool.has_issue_window);
  EXPECT_EQ(pool.issue_from_day, ir::DaysFromCivil(2026, 1, 1));
  EXPECT_EQ(pool.issue_to_day, ir::DaysFromCivil(2026, 12, 31));
  EXPECT_EQ(pool.valid_for, 14 * 86400);
  EXPECT_EQ(pool.exhausted, ir::ExhaustedKind::StopJourney);
  EXPECT_EQ(pool.fallback, ir::kNoIndex);
}

TEST_F(IrCouponsPolicyTest, UnwrittenSettingsHaveTheirDefaults) {
  Lower(R"(coupon plain { discount 75 ILS codes generated "P-{9:4}" })");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  const ir::CouponPool& pool = Pool("plain");
  EXPECT_EQ(pool.discount, "75 ILS");
  EXPECT_EQ(pool.limit, -1);
  EXPECT_FALSE(pool.has_issue_window);
  EXPECT_EQ(pool.valid_for, 0);
  EXPECT_EQ(pool.exhausted, ir::ExhaustedKind::Skip);
  EXPECT_EQ(pool.fallback, ir::kNoIndex);
}

TEST_F(IrCouponsPolicyTest, CodesFileIsFoundNextToTheDeclaringFile) {
  Lower({{"shop/pools/coupons.journey", R"(
coupon store { discount 10% codes from "codes/store.csv" }
coupon up { discount 10% codes from "../shared/./up.csv" }
coupon absolute { discount 10% codes from "/srv/codes/abs.csv" }
)"},
         {"top.journey", R"(coupon top { discount 10% codes from "top.csv" })"}});
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  EXPECT_EQ(Pool("store").codes_file, "shop/pools/codes/store.csv");
  EXPECT_EQ(Pool("up").codes_file, "shop/shared/up.csv");
  EXPECT_EQ(Pool("absolute").codes_file, "/srv/codes/abs.csv");
  EXPECT_EQ(Pool("top").codes_file, "top.csv");
  EXPECT_EQ(Pool("store").pattern, "");
}

TEST_F(IrCouponsPolicyTest, FallbackIsTheIndexOfItsPoolDeclaredBeforeOrAfter) {
  Lower(R"(
coupon cart_10 { discount 10% codes generated "C-{A9:6}" when exhausted fallback cart_5 }
coupon cart_5 { discount 5% codes generated "D-{A9:6}" when exhausted fallback cart_2 }
coupon cart_2 { discount 2% codes generated "E-{A9:6}" }
coupon early { discount 2% codes generated "F-{A9:6}" when exhausted fallback cart_10 }
)");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  EXPECT_EQ(Pool("cart_10").exhausted, ir::ExhaustedKind::Fallback);
  EXPECT_EQ(Pool("cart_10").fallback, PoolIndex("cart_5"));
  EXPECT_EQ(Pool("cart_5").fallback, PoolIndex("cart_2"));
  EXPECT_EQ(Pool("cart_2").fallback, ir::kNoIndex);
  EXPECT_EQ(Pool("early").fallback, PoolIndex("cart_10"));
}

TEST_F(IrCouponsPolicyTest, IssueStepsNameThePoolsIndex) {
  Lower(R"(
coupon first { discount 10% codes generated "A-{A9:6}" }
coupon second { discount 10% codes generated "B-{A9:6}" }
journey welcome {
  trigger signed_up
  let c = issue coupon second
  send email "welcome" { code: c.code }
}
)");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  const ir::Journey* journey = program_.FindJourney("welcome");
  ASSERT_NE(journey, nullptr);
  const ir::Step& issue = journey->graph.steps.at(1);
  ASSERT_EQ(issue.kind(), ir::StepKind::Action);
  const auto& action = std::get<ir::IssueAction>(issue.As<ir::ActionStep>().action);
  EXPECT_EQ(action.pool, PoolIndex("second"));
}

TEST_F(IrCouponsPolicyTest, DateTimeBoundsCountFromTheirDay) {
  Lower(R"(
coupon sale {
  discount 20%
  codes generated "S-{A9:6}"
  issue between 2026-11-27 09:00 and 2026-11-30T23:00:00Z
}
)");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  EXPECT_EQ(Pool("sale").issue_from_day, ir::DaysFromCivil(2026, 11, 27));
  EXPECT_EQ(Pool("sale").issue_to_day, ir::DaysFromCivil(2026, 11, 30));
}

TEST_F(IrCouponsPolicyTest, SumsOfDurationsAreConstants) {
  Lower(R"(coupon p { discount 10% codes generated "P-{A9:6}" valid for (1d + 12h) limit (20) })");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  EXPECT_EQ(Pool("p").valid_for, 36 * 3600);
  EXPECT_EQ(Pool("p").limit, 20);
}

TEST_F(IrCouponsPolicyTest, SettingsThatAreComputedAreReported) {
  Lower(R"(
coupon p {
  discount 10%
  codes generated "P-{A9:6}"
  limit 2 * 50
  valid for 7d * 2
}
policy { cap sms 2 per 7d * 2 }
)");
  EXPECT_EQ(run_->Diagnostics(),
            (std::vector<std::string>{"SettingNotConstant@5:9", "SettingNotConstant@6:13", "SettingNotConstant@8:24"}));
  EXPECT_EQ(Pool("p").limit, -1);
  EXPECT_EQ(Pool("p").valid_for, 0);
  EXPECT_TRUE(program_.policy.caps.empty());
}

TEST_F(IrCouponsPolicyTest, PolicyHoldsQuietHoursCapsAndTheSmsLimit) {
  Lower(R"(
policy {
  quiet hours 21:00 to 09:00
  cap sms 2 per 7d
  cap email 1 per 1d
  cap all 5 per 7d
  sms limit 4 segments
}
)");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  const ir::Policy& policy = program_.policy;
  EXPECT_TRUE(policy.has_quiet_hours);
  EXPECT_EQ(policy.quiet_from, 21 * 3600);
  EXPECT_EQ(policy.quiet_to, 9 * 3600);
  ASSERT_EQ(policy.caps.size(), 3u);
  EXPECT_EQ(policy.caps[0].channel, ChannelValue("sms"));
  EXPECT_EQ(policy.caps[0].count, 2);
  EXPECT_EQ(policy.caps[0].period, 7 * 86400);
  EXPECT_EQ(policy.caps[1].channel, ChannelValue("email"));
  EXPECT_EQ(policy.caps[1].count, 1);
  EXPECT_EQ(policy.caps[1].period, 86400);
  EXPECT_EQ(policy.caps[2].channel, ir::kNoIndex);
  EXPECT_EQ(policy.caps[2].count, 5);
  EXPECT_EQ(policy.sms_limit_segments, 4);
}

TEST_F(IrCouponsPolicyTest, NoPolicyIsAnEmptyOne) {
  Lower(R"(segment s = true)");
  ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
  EXPECT_FALSE(program_.policy.has_quiet_hours);
  EXPECT_TRUE(program_.policy.caps.empty());
  EXPECT_EQ(program_.policy.sms_limit_segments, 0);
  EXPECT_TRUE(program_.coupons.empty());
}

}  // namespace
}  // namespace kairos
