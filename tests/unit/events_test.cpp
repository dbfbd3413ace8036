// Events in: the scalar text forms, and every reason a JSON line is rejected,
// with its line number.
#include <gtest/gtest.h>

#include "cli/frontend.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/events/scalars.h"

namespace kairos::runtime {
namespace {

TEST(EventScalarsTest, Rfc3339) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseRfc3339("2026-03-01T10:00:00Z"), 1772359200);
  EXPECT_EQ(ParseRfc3339("2026-03-01T12:00:00.250+02:00"), 1772359200);
  EXPECT_EQ(ParseRfc3339("2026-03-01T05:00:00-05:00"), 1772359200);
  EXPECT_FALSE(ParseRfc3339("2026-03-01T10:00:00"));  // no zone
  EXPECT_FALSE(ParseRfc3339("2026-02-30T10:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("yesterday"));
}

TEST(EventScalarsTest, Durations) {
  EXPECT_EQ(ParseDuration("PT45S"), 45);
  EXPECT_EQ(ParseDuration("P1DT2H3M4S"), 86400 + 7200 + 180 + 4);
  EXPECT_EQ(ParseDuration("45s"), 45);
  EXPECT_EQ(ParseDuration("1d 12h"), 86400 + 43200);
  EXPECT_FALSE(ParseDuration("PT"));
  EXPECT_FALSE(ParseDuration("P1H"));  // hours need the T
  EXPECT_FALSE(ParseDuration("45"));
}

TEST(EventScalarsTest, DecimalsAndMoneyAreExact) {
  EXPECT_EQ(ParseScaledDecimal("349.90"), 3499000);
  EXPECT_EQ(ParseScaledDecimal("-0.0001"), -1);
  EXPECT_EQ(ParseScaledDecimal("12"), 120000);
  EXPECT_FALSE(ParseScaledDecimal("1.23456"));
  EXPECT_FALSE(ParseScaledDecimal("1e3"));
  auto money = ParseMoneyText("349.90 ILS");
  ASSERT_TRUE(money);
  EXPECT_EQ(money->scaled, 3499000);
  EXPECT_EQ(money->currency, "ILS");
  EXPECT_FALSE(ParseMoneyText("349.90"));
  EXPECT_FALSE(ParseMoneyText("349.90 shekel"));
}

class LoadEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    frontend_ = cli::RunFrontend({std::string(KAIROS_SOURCE_DIR) + "/tests/segment/shop.journey"}, true);
    ASSERT_FALSE(frontend_->sink.has_errors());
    program_ = LowerPredicates(frontend_->project, *frontend_->model, frontend_->sink);
    store_ = std::make_unique<HistoryStore>(program_);
  }

  // The reason line 2 (after a good line 1) is rejected.
  std::string Reason(const std::string& line) {
    const std::string good =
        R"({"type":"page_viewed","contact":"c","at":"2026-03-01T10:00:00Z","url":"u","duration":"1s"})";
    LoadResult result = LoadEvents(good + "\n" + line + "\n", *store_, false);
    EXPECT_EQ(result.accepted, 1u);
    if (result.errors.size() != 1) return "(" + std::to_string(result.errors.size()) + " errors)";
    EXPECT_EQ(result.errors[0].line, 2);
    return result.errors[0].reason;
  }

  std::unique_ptr<cli::FrontendResult> frontend_;
  ir::Program program_;
  std::unique_ptr<HistoryStore> store_;
};

TEST_F(LoadEventsTest, EveryErrorHasItsLineAndReason) {
  EXPECT_EQ(Reason("{oops").substr(0, 15), "not valid JSON:");
  EXPECT_EQ(Reason("[1]"), "an event must be a JSON object");
  EXPECT_EQ(Reason(R"({"contact":"c","at":"2026-03-01T10:00:00Z"})"), "missing \"type\"");
  EXPECT_EQ(Reason(R"({"type":"page_viewed","at":"2026-03-01T10:00:00Z"})"), "missing \"contact\"");
  EXPECT_EQ(Reason(R"({"type":"page_viewed","contact":"c"})"), "missing \"at\"");
  EXPECT_EQ(Reason(R"({"type":"page_viewed","contact":7,"at":"2026-03-01T10:00:00Z"})"),
            "\"contact\" must be a string");
  EXPECT_EQ(Reason(R"({"type":"page_viewed","contact":"c","at":"March 1st"})"),
            "\"at\" is \"March 1st\", which is not an RFC 3339 instant such as \"2026-03-01T10:00:00Z\"");
  EXPECT_EQ(Reason(R"({"type":"page_seen","contact":"c","at":"2026-03-01T10:00:00Z"})"),
            "unknown event type \"page_seen\"; the schema has no such event");
  EXPECT_EQ(Reason(R"({"type":"page_viewed","contact":"c","at":"2026-03-01T10:00:00Z","url":"u","duration":"1s","device":"x"})"),
            "event `page_viewed` has no field `device`");
  EXPECT_EQ(Reason(R"({"type":"page_viewed","contact":"c","at":"2026-03-01T10:00:00Z","url":"u"})"),
            "event `page_viewed` needs field `duration` (duration)");
  EXPECT_EQ(Reason(R"({"type":"page_viewed","contact":"c","at":"2026-03-01T10:00:00Z","url":"u","duration":"soon"})"),
            "field `duration` is \"soon\", which is not a duration (such as PT45S or 45s)");
  EXPECT_EQ(Reason(R"({"type":"order_placed","contact":"c","at":"2026-03-01T10:00:00Z","order_id":"o","total":349.9,"items":[]})"),
            "field `total` is money: write \"349.90 ILS\" or {\"amount\":\"349.90\",\"currency\":\"ILS\"}");
  EXPECT_EQ(Reason(R"({"type":"order_placed","contact":"c","at":"2026-03-01T10:00:00Z","order_id":"o","total":"1 EUR","items":[]})"),
            "field `total` is in EUR but the schema says ILS");
  EXPECT_EQ(Reason(R"({"type":"order_placed","contact":"c","at":"2026-03-01T10:00:00Z","order_id":"o","total":"1 ILS","items":[{"sku":"s","price":"1 ILS"}]})"),
            "field `items`[0].category is missing");
  EXPECT_EQ(Reason(R"({"type":"identify","contact":"c","at":"2026-03-01T10:00:00Z","traits":{"age":3}})"),
            "the contact has no field `age`");
  EXPECT_EQ(Reason(R"({"type":"identify","contact":"c","at":"2026-03-01T10:00:00Z","traits":{"vip":"yes"}})"),
            "trait `vip` must be true or false");
}

TEST_F(LoadEventsTest, StrictStopsAtTheFirstBadLine) {
  const std::string text = "bad\n\n{}\n";
  EXPECT_EQ(LoadEvents(text, *store_, /*strict=*/false).errors.size(), 2u);
  LoadResult strict = LoadEvents(text, *store_, /*strict=*/true);
  ASSERT_EQ(strict.errors.size(), 1u);
  EXPECT_EQ(strict.errors[0].line, 1);
}

TEST_F(LoadEventsTest, RepeatedIdIsIgnoredAndIdentifyUpdatesFields) {
  const std::string text =
      R"({"type":"page_viewed","contact":"c","at":"2026-03-01T10:00:00Z","url":"u","duration":"1s","id":"e1"})"
      "\n"
      R"({"type":"page_viewed","contact":"c","at":"2026-03-01T10:00:00Z","url":"u","duration":"1s","id":"e1"})"
      "\n"
      R"({"type":"identify","contact":"c","at":"2026-03-02T10:00:00Z","traits":{"city":"Haifa"}})"
      "\n";
  LoadResult result = LoadEvents(text, *store_, false);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.accepted, 2u);
  EXPECT_EQ(result.duplicates, 1u);
  EXPECT_EQ(result.last_at, ParseRfc3339("2026-03-02T10:00:00Z"));
  const ContactHistory& c = store_->Contact("c");
  EXPECT_TRUE(c.identified);
  const int page_viewed = program_.EventIndex(frontend_->model->schema().FindEvent("page_viewed"));
  ASSERT_GE(page_viewed, 0);
  EXPECT_EQ(c.events[static_cast<size_t>(page_viewed)].size(), 1u);
  const size_t city = 2;  // id, first_name, city
  EXPECT_EQ(store_->strings().Text(static_cast<uint32_t>(c.fields[city].scalar)), "Haifa");
}

}  // namespace
}  // namespace kairos::runtime
