// Both engine tiers (and `auto`, which moves from one to the other) over
// histories loaded from JSON Lines: each history function, windows, the null
// rules and exact money. Every test runs on every tier.
#include <gtest/gtest.h>

#include "cli/frontend.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/events/scalars.h"
#include "runtime/tiers/predicate_engine.h"

namespace kairos::runtime {
namespace {

class EngineTiersTest : public ::testing::TestWithParam<Tier> {
 protected:
  void SetUp() override {
    frontend_ = cli::RunFrontend({std::string(KAIROS_SOURCE_DIR) + "/tests/segment/functions.journey"}, true);
    ASSERT_FALSE(frontend_->sink.has_errors());
    program_ = LowerPredicates(frontend_->project, *frontend_->model, frontend_->sink);
    ASSERT_FALSE(frontend_->sink.has_errors());
  }

  // Loads `events` (JSON Lines) for a fresh store.
  void Load(const std::string& events) {
    store_ = std::make_unique<HistoryStore>(program_);
    TierOptions options;
    options.tier = GetParam();
    options.hot_threshold = 1;  // auto: the first evaluation interprets, the next run native code
    options.background_compile = false;
    engine_ = std::make_unique<PredicateEngine>(*store_, options);
    LoadResult result = LoadEvents(events, *store_, /*strict=*/true);
    ASSERT_TRUE(result.errors.empty()) << result.errors[0].reason;
  }

  bool In(const std::string& segment, const std::string& contact, const std::string& now) {
    const ir::Segment* s = program_.FindSegment(segment);
    EXPECT_NE(s, nullptr) << segment;
    const bool result = engine_->Test(store_->Contact(contact), *s, {}, *ParseRfc3339(now));
    EXPECT_TRUE(engine_->errors().empty()) << engine_->errors()[0];
    return result;
  }

  std::unique_ptr<cli::FrontendResult> frontend_;
  ir::Program program_;
  std::unique_ptr<HistoryStore> store_;
  std::unique_ptr<PredicateEngine> engine_;
};

std::string Order(const std::string& at, const std::string& total, const std::string& extra = "") {
  return R"({"type":"order_placed","contact":"c","at":")" + at + R"(","total":")" + total + R"( ILS")" +
         extra + "}\n";
}

TEST_P(EngineTiersTest, ExistsAndCountWithinWindow) {
  Load(Order("2026-03-01T00:00:00Z", "50") + Order("2026-03-05T00:00:00Z", "60") +
       Order("2026-03-07T00:00:00Z", "70"));
  EXPECT_FALSE(In("any_order", "c", "2026-02-28T23:59:59Z"));
  EXPECT_TRUE(In("any_order", "c", "2026-03-01T00:00:00Z"));  // the window ends at now, inclusive
  // (now - 7d, now]: on 8 March, the 1 March order is exactly 7 days old and out.
  EXPECT_TRUE(In("two_orders_in_week", "c", "2026-03-08T00:00:00Z"));
  EXPECT_FALSE(In("two_orders_in_week", "c", "2026-03-07T23:59:59Z"));  // 3 orders
}

TEST_P(EngineTiersTest, SumAvgMinMaxOfMoney) {
  Load(Order("2026-03-01T00:00:00Z", "50") + Order("2026-03-02T00:00:00Z", "450.00"));
  const std::string now = "2026-03-03T00:00:00Z";
  EXPECT_FALSE(In("sum_over_500", "c", now));  // exactly 500
  EXPECT_TRUE(In("avg_over_200", "c", now));   // 250
  EXPECT_TRUE(In("min_under_100", "c", now));
  EXPECT_TRUE(In("max_over_400", "c", now));
  EXPECT_TRUE(In("first_was_small", "c", now));
  EXPECT_TRUE(In("last_was_big", "c", now));
  // Before any order: avg/min/max/first/last are null and their defaults apply.
  const std::string before = "2026-02-01T00:00:00Z";
  EXPECT_FALSE(In("avg_over_200", "c", before));
  EXPECT_FALSE(In("min_under_100", "c", before));
  EXPECT_TRUE(In("first_was_small", "c", before));  // the default, 0 ILS, is small
  EXPECT_FALSE(In("last_was_big", "c", before));  // null > 400 is false
}

TEST_P(EngineTiersTest, AverageOfIntsIsDecimal) {
  Load(Order("2026-03-01T00:00:00Z", "1", R"(,"stars":4)") + Order("2026-03-02T00:00:00Z", "1", R"(,"stars":3)") +
       Order("2026-03-03T00:00:00Z", "1", R"(,"stars":4)"));
  // (4 + 3 + 4) / 3 = 3.6667 > 3.5; the integer average would be 3.
  EXPECT_TRUE(In("avg_stars_over_3_5", "c", "2026-03-04T00:00:00Z"));
  EXPECT_FALSE(In("avg_stars_over_3_5", "c", "2026-03-02T12:00:00Z"));  // 3.5
}

TEST_P(EngineTiersTest, OutOfOrderEventsCountAtTheirTime) {
  Load(Order("2026-03-05T00:00:00Z", "450") + Order("2026-03-01T00:00:00Z", "50"));
  EXPECT_TRUE(In("first_was_small", "c", "2026-03-06T00:00:00Z"));
  EXPECT_TRUE(In("last_was_big", "c", "2026-03-06T00:00:00Z"));
}

TEST_P(EngineTiersTest, SinceAndBetweenWindows) {
  Load(Order("2026-02-10T00:00:00Z", "50"));
  EXPECT_TRUE(In("ordered_in_february", "c", "2026-03-10T00:00:00Z"));
  EXPECT_FALSE(In("ordered_since_march", "c", "2026-03-10T00:00:00Z"));
  Load(Order("2026-03-01T00:00:00Z", "50"));  // the schema has no zone: UTC; since is inclusive
  EXPECT_TRUE(In("ordered_since_march", "c", "2026-03-10T00:00:00Z"));
  EXPECT_FALSE(In("ordered_in_february", "c", "2026-03-10T00:00:00Z"));  // [T1, T2): T2 is out
}

TEST_P(EngineTiersTest, DateBoundsAreWholeDays) {
  Load(Order("2026-02-28T23:00:00Z", "50"));  // the schema has no zone: UTC
  EXPECT_TRUE(In("ordered_in_february_by_date", "c", "2026-03-10T00:00:00Z"));
  Load(Order("2026-03-01T00:00:00Z", "50"));
  EXPECT_FALSE(In("ordered_in_february_by_date", "c", "2026-03-10T00:00:00Z"));
}

TEST_P(EngineTiersTest, AverageCountsOnlyEventsWithTheField) {
  // Stars 4 and none: the average is 4, not 2.
  Load(Order("2026-03-01T00:00:00Z", "50", R"(,"stars":4)") + Order("2026-03-02T00:00:00Z", "60"));
  EXPECT_TRUE(In("avg_stars_of_rated", "c", "2026-03-03T00:00:00Z"));
}

TEST_P(EngineTiersTest, NestedWhereReadsTheEnclosingEvent) {
  Load(Order("2026-03-01T00:00:00Z", "150") +
       R"({"type":"page_viewed","contact":"c","at":"2026-03-02T00:00:00Z","duration":"PT2M"})" "\n");
  EXPECT_TRUE(In("big_order_then_long_read", "c", "2026-03-03T00:00:00Z"));
  Load(Order("2026-03-01T00:00:00Z", "50") +
       R"({"type":"page_viewed","contact":"c","at":"2026-03-02T00:00:00Z","duration":"PT2M"})" "\n");
  EXPECT_FALSE(In("big_order_then_long_read", "c", "2026-03-03T00:00:00Z"));
}

TEST_P(EngineTiersTest, NullRules) {
  Load(R"({"type":"identify","contact":"known","at":"2026-03-01T00:00:00Z","traits":{"city":"Haifa","birthday":"1990-06-15"}})"
       "\n"
       R"({"type":"identify","contact":"anon","at":"2026-03-01T00:00:00Z"})"
       "\n");
  const std::string now = "2026-03-02T00:00:00Z";
  EXPECT_TRUE(In("city_unknown", "anon", now));
  EXPECT_FALSE(In("city_unknown", "known", now));
  EXPECT_TRUE(In("not_in_haifa", "anon", now));  // != treats null as a value
  EXPECT_FALSE(In("not_in_haifa", "known", now));
  EXPECT_FALSE(In("born_before_2000", "anon", now));  // ordering with null is false
  EXPECT_TRUE(In("born_before_2000", "known", now));
  EXPECT_TRUE(In("born_in_june", "known", now));
  EXPECT_FALSE(In("born_in_june", "anon", now));  // `?.` on null is null, and null == 6 is false
}

TEST_P(EngineTiersTest, MoneyIsExact) {
  // 0.1 + 0.2 style sums stay exact: 333.33 + 333.34 + 333.34 = 1000.01.
  Load(Order("2026-03-01T00:00:00Z", "333.33") + Order("2026-03-02T00:00:00Z", "333.34") +
       Order("2026-03-03T00:00:00Z", "333.34"));
  EXPECT_TRUE(In("exact_money", "c", "2026-03-04T00:00:00Z"));
}

TEST_P(EngineTiersTest, DurationsSumInSeconds) {
  Load(R"({"type":"page_viewed","contact":"c","at":"2026-03-01T10:00:00Z","duration":"PT30S"})"
       "\n"
       R"({"type":"page_viewed","contact":"c","at":"2026-03-01T11:00:00Z","duration":"30s"})"
       "\n");
  EXPECT_TRUE(In("read_a_minute", "c", "2026-03-01T12:00:00Z"));
  EXPECT_FALSE(In("read_a_minute", "c", "2026-03-01T10:30:00Z"));
}

INSTANTIATE_TEST_SUITE_P(Tiers, EngineTiersTest, ::testing::Values(Tier::Interp, Tier::Jit, Tier::Auto),
                         [](const auto& info) { return std::string(TierName(info.param)); });

}  // namespace
}  // namespace kairos::runtime
