// Events in: the scalar text forms, and every reason a JSON line is rejected,
// with its line number.
#include <gtest/gtest.h>

#include "cli/frontend.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/events/merge_contacts.h"
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

TEST(EventScalarsTest, LanguageFormsAreAcceptedToo) {
  EXPECT_EQ(ParseMoneyText("₪349.90")->currency, "ILS");
  EXPECT_EQ(ParseTimeOfDay("9:00"), 9 * 3600);
  EXPECT_EQ(ParseDate("2026-03-01"), 20513);
  EXPECT_EQ(ParseRfc3339("2026-03-01T12:00+02:00"), 1772359200);
  EXPECT_EQ(ParseScaledDecimal("1.50000"), 15000);  // zeros past the 4th place change nothing
}

// A line of page_viewed for `contact` at `at`.
std::string PageView(const std::string& contact, const std::string& at, const std::string& url) {
  return R"({"type":"page_viewed","contact":")" + contact + R"(","at":")" + at + R"(","url":")" + url +
         R"(","duration":"1s"})" + "\n";
}

class AliasTest : public LoadEventsTest {
 protected:
  const EventTable& PageViews(const std::string& contact) {
    const int index = program_.EventIndex(frontend_->model->schema().FindEvent("page_viewed"));
    return store_->Contact(contact).events[static_cast<size_t>(index)];
  }
  std::string Text(const Value& cell) { return store_->strings().Text(static_cast<uint32_t>(cell.scalar)); }
  // page_viewed: at, contact, url, ...; the contact: id, first_name, city, vip.
  static constexpr size_t kContactColumn = 1;
  static constexpr size_t kUrlColumn = 2;
  static constexpr size_t kFirstName = 1;
  static constexpr size_t kCity = 2;
};

TEST_F(AliasTest, MergesTheHistoryAtItsTimesAndRedirectsLaterEvents) {
  const std::string text =
      PageView("anon-77", "2026-03-01T09:00:00Z", "a1") + PageView("c-1", "2026-03-01T10:00:00Z", "k1") +
      PageView("anon-77", "2026-03-01T11:00:00Z", "a2") +
      R"({"type":"identify","contact":"c-1","at":"2026-03-01T12:00:00Z","traits":{"city":"Haifa"}})" "\n"
      R"({"type":"identify","contact":"anon-77","at":"2026-03-01T12:00:00Z","traits":{"city":"Eilat","first_name":"Noa"}})" "\n"
      R"({"type":"alias","contact":"c-1","previous":"anon-77"})" "\n" +
      PageView("anon-77", "2026-03-01T08:00:00Z", "a0");  // late, and after the alias
  LoadResult result = LoadEvents(text, *store_, false);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.accepted, 7u);
  EXPECT_EQ(result.last_at, ParseRfc3339("2026-03-01T12:00:00Z"));  // the alias has no `at`

  EXPECT_EQ(store_->contacts().count("anon-77"), 0u);
  ASSERT_EQ(store_->contacts().size(), 1u);
  const EventTable& views = PageViews("c-1");
  EXPECT_EQ(views.times(), (std::vector<int64_t>{*ParseRfc3339("2026-03-01T08:00:00Z"),
                                                 *ParseRfc3339("2026-03-01T09:00:00Z"),
                                                 *ParseRfc3339("2026-03-01T10:00:00Z"),
                                                 *ParseRfc3339("2026-03-01T11:00:00Z")}));
  std::vector<std::string> urls, contacts;
  for (size_t row = 0; row < views.size(); ++row) {
    urls.push_back(Text(views.column(kUrlColumn).Get(row)));
    contacts.push_back(Text(views.column(kContactColumn).Get(row)));
  }
  EXPECT_EQ(urls, (std::vector<std::string>{"a0", "a1", "k1", "a2"}));
  EXPECT_EQ(contacts, std::vector<std::string>(4, "c-1"));
  // c-1 keeps its own city and takes the first name it did not have.
  const ContactHistory& c1 = store_->Contact("c-1");
  EXPECT_TRUE(c1.identified);
  EXPECT_EQ(Text(c1.fields[kCity]), "Haifa");
  EXPECT_EQ(Text(c1.fields[kFirstName]), "Noa");
  EXPECT_EQ(Text(c1.fields[0]), "c-1");  // the key stays the contact's own
}

TEST_F(AliasTest, AliasBeforeAnyEventAndRepeatedAliases) {
  const std::string text =
      R"({"type":"alias","contact":"c-1","previous":"anon-1","at":"2026-03-01T09:00:00Z"})" "\n" +
      PageView("anon-1", "2026-03-01T10:00:00Z", "u") +
      R"({"type":"alias","contact":"c-1","previous":"anon-1"})" "\n"
      R"({"type":"alias","contact":"c-2","previous":"c-1"})" "\n" +
      PageView("anon-1", "2026-03-01T11:00:00Z", "v");  // anon-1 went to c-1, which went to c-2
  LoadResult result = LoadEvents(text, *store_, false);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.accepted, 5u);
  ASSERT_EQ(store_->contacts().size(), 1u);
  EXPECT_EQ(store_->contacts().begin()->first, "c-2");
  EXPECT_EQ(PageViews("c-2").size(), 2u);
}

TEST_F(AliasTest, BadAliasLinesAreReportedWithTheirReason) {
  EXPECT_EQ(Reason(R"({"type":"alias","contact":"c-1","at":"2026-03-01T10:00:00Z"})"),
            "missing \"previous\" (the anonymous id that `alias` merges into \"contact\")");
  EXPECT_EQ(Reason(R"({"type":"alias","contact":"c-1","previous":7})"),
            "\"previous\" must be a string (the anonymous id that `alias` merges into \"contact\")");
  EXPECT_EQ(Reason(R"({"type":"alias","contact":"c-1","previous":""})"), "\"previous\" is empty");
  EXPECT_EQ(Reason(R"({"type":"alias","contact":"c-1","previous":"c-1"})"),
            "`alias` merges \"previous\" into \"contact\", but both are \"c-1\"; a contact cannot be aliased to "
            "itself");
  EXPECT_EQ(Reason(R"({"type":"alias","contact":"c-1","previous":"a","traits":{}})"),
            "`alias` takes \"contact\" and \"previous\", not \"traits\"");
  EXPECT_EQ(Reason(R"({"type":"alias","contact":"c-1","previous":"a","at":"soon"})"),
            "\"at\" is \"soon\", which is not an RFC 3339 instant such as \"2026-03-01T10:00:00Z\"");
  EXPECT_EQ(Reason(R"({"type":"alias","previous":"a"})"), "missing \"contact\"");
}

TEST_F(AliasTest, AnIdIsMergedIntoOneContactOnly) {
  const std::string text = R"({"type":"alias","contact":"c-1","previous":"anon-1"})" "\n"
                           R"({"type":"alias","contact":"c-2","previous":"anon-1"})" "\n";
  LoadResult result = LoadEvents(text, *store_, false);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 2);
  EXPECT_EQ(result.errors[0].reason,
            "\"anon-1\" was merged into \"c-1\" already; an id is merged into one contact only");
  EXPECT_EQ(store_->contacts().count("c-2"), 0u);
}

TEST_F(AliasTest, MergeContactWithoutPreviousOnlyCreatesTheContact) {
  MergeContact(*store_, "nobody", "c-7");
  ASSERT_EQ(store_->contacts().size(), 1u);
  EXPECT_TRUE(store_->Contact("c-7").identified);
  EXPECT_FALSE(store_->Remove("nobody"));
  EXPECT_TRUE(store_->Remove("c-7"));
  EXPECT_TRUE(store_->contacts().empty());
}

}  // namespace
}  // namespace kairos::runtime
