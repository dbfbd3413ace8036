// `kairos segment` end to end on tests/segment/: the expected members are
// worked out by hand from events.jsonl (see the comments), with "now" the
// last event's time, 2026-03-31T12:00:00Z, unless --at says otherwise.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/driver.h"

namespace kairos {
namespace {

struct CommandRun {
  int status = 0;
  std::string out;
  std::string err;
};

// Every test runs on each engine tier: they must list the same members.
class SegmentCommandTest : public ::testing::TestWithParam<std::string> {
 protected:
  CommandRun Segment(const std::string& name, std::vector<std::string> extra = {},
                     const std::string& events = "events.jsonl") {
    const std::string dir = std::string(KAIROS_SOURCE_DIR) + "/tests/segment/";
    std::vector<std::string> args = {"segment", dir + "shop.journey", "--events", dir + events, "--name", name,
                                     "--engine", GetParam()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out, err;
    CommandRun run;
    run.status = cli::RunKairos(args, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
  }
};

TEST_P(SegmentCommandTest, SumOfMoneyWithinWindow) {
  // c-1: 600.00 + 400.01 in the last 30 days > 1000; c-3's 1000.00 is not more
  // than 1000; c-2's order is from January.
  CommandRun run = Segment("big_spenders");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "c-1\n");
  EXPECT_NE(run.err.find("1 contact(s) in segment big_spenders"), std::string::npos) << run.err;
}

TEST_P(SegmentCommandTest, WhereWithListFunction) {
  EXPECT_EQ(Segment("dress_buyers").out, "c-1\n");
}

TEST_P(SegmentCommandTest, NotEqualHoldsForUnknownValues) {
  // c-2 lives in Haifa; c-3 and c-4 never told their city.
  EXPECT_EQ(Segment("not_in_haifa").out, "c-1\nc-3\nc-4\n");
}

TEST_P(SegmentCommandTest, OrderingWithNullIsFalse) {
  // Only c-2 ordered more than 60 days ago; c-4 never ordered.
  EXPECT_EQ(Segment("lapsed").out, "c-2\n");
}

TEST_P(SegmentCommandTest, DurationsAddUpAndRepeatedIdsAreIgnored) {
  // c-3: PT45S + 75s = 2m. c-4's second page view repeats id pv-9.
  EXPECT_EQ(Segment("long_readers").out, "c-3\n");
}

TEST_P(SegmentCommandTest, ParameterisedSegmentThroughAWrapper) {
  EXPECT_EQ(Segment("shoe_browsers").out, "c-3\n");
}

TEST_P(SegmentCommandTest, AtChoosesTheInstant) {
  // On 1 February only c-2's January order is within 30 days.
  EXPECT_EQ(Segment("big_spenders", {"--at", "2026-02-01T00:00:00Z"}).out, "c-2\n");
  // Before c-1's second order, 600 is not enough; c-3's order is in the future.
  EXPECT_EQ(Segment("big_spenders", {"--at", "2026-03-21T00:00:00Z"}).out, "");
}

TEST_P(SegmentCommandTest, UnknownSegmentListsTheSegments) {
  CommandRun run = Segment("big_spender");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("no segment `big_spender`"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("big_spenders, dress_buyers"), std::string::npos) << run.err;
}

TEST_P(SegmentCommandTest, ParameterisedSegmentWithItsArgument) {
  // Two shoe pages within 14 days: only c-3 (c-2 viewed one).
  CommandRun run = Segment("browsers(\"shoes\")");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "c-3\n");
  EXPECT_NE(run.err.find("1 contact(s) in segment browsers(\"shoes\")"), std::string::npos) << run.err;
  EXPECT_EQ(Segment("browsers(\"dresses\")").out, "");
}

TEST_P(SegmentCommandTest, StringAndIntArguments) {
  // c-1 bought a dress (o-1), c-2 shoes (o-3); nobody bought two dresses.
  EXPECT_EQ(Segment("buyers_of(\"dresses\", 1)").out, "c-1\n");
  EXPECT_EQ(Segment("buyers_of(\"shoes\", 1)").out, "c-2\n");
  EXPECT_EQ(Segment("buyers_of(\"dresses\", 2)").out, "");
}

TEST_P(SegmentCommandTest, MoneyAndDurationArguments) {
  // Within 7 days of 31 March 12:00: c-1's 400.01 (25 March) and c-3's
  // 1000.00 (28 March); c-1's 600.00 of 20 March is outside.
  EXPECT_EQ(Segment("spent_over(999.99 ILS, 7d)").out, "c-3\n");
  EXPECT_EQ(Segment("spent_over(₪400, 7d)").out, "c-1\nc-3\n");
  // 12 days reach back to c-1's first order (600.00 + 400.01 > 1000); 11 days
  // end on 20 March at 12:00, after it. c-3's 1000.00 is not more than 1000.
  EXPECT_EQ(Segment("spent_over(1000 ILS, 1w 5d)").out, "c-1\n");
  EXPECT_EQ(Segment("spent_over(1000 ILS, 11d)").out, "");
  // A sum over no orders is 0 ILS, which is more than -1 ILS.
  EXPECT_EQ(Segment("spent_over(-1 ILS, 7d)").out, "c-1\nc-2\nc-3\nc-4\n");
}

TEST_P(SegmentCommandTest, DateAndInstantArguments) {
  // Order dates in Asia/Jerusalem: c-1 20 and 25 March, c-2 5 January, c-3 28 March.
  EXPECT_EQ(Segment("ordered_on_or_after(2026-03-25)").out, "c-1\nc-3\n");
  EXPECT_EQ(Segment("ordered_on_or_after(2026-03-26)").out, "c-3\n");
  // `since` includes its instant: c-3's order is at 09:00Z on 28 March.
  EXPECT_EQ(Segment("ordered_since(2026-03-28T09:00:00Z)").out, "c-3\n");
  EXPECT_EQ(Segment("ordered_since(2026-03-28T09:00:01Z)").out, "");
  // A local date-time is in the schema's zone: Israel is on summer time
  // (UTC+3) from 27 March 2026, so 12:00 there is 09:00Z.
  EXPECT_EQ(Segment("ordered_since(2026-03-28 12:00)").out, "c-3\n");
  EXPECT_EQ(Segment("ordered_since(2026-03-28 12:01)").out, "");
}

TEST_P(SegmentCommandTest, BoolListDecimalAndNullArguments) {
  // c-1 is a VIP, c-2 is not; c-3 and c-4 never said (null is neither).
  EXPECT_EQ(Segment("vip_is(true)").out, "c-1\n");
  EXPECT_EQ(Segment("vip_is(false)").out, "c-2\n");
  // Shoe pages: c-2 and c-3; c-4's page has no category.
  EXPECT_EQ(Segment("viewed_any([\"bags\", \"shoes\"])").out, "c-2\nc-3\n");
  EXPECT_EQ(Segment("viewed_any([])").out, "");
  // An int where a decimal is expected is 1.0, not 0.0001: only c-1 has two orders.
  EXPECT_EQ(Segment("more_orders_than(1)").out, "c-1\n");
  EXPECT_EQ(Segment("more_orders_than(0.5)").out, "c-1\nc-2\nc-3\n");
  // `==` with null holds for an unknown city.
  EXPECT_EQ(Segment("lives_in(null)").out, "c-3\nc-4\n");
  EXPECT_EQ(Segment("lives_in(\"Haifa\")").out, "c-2\n");
}

TEST_P(SegmentCommandTest, WrongArgumentCountSaysWhatTheSegmentTakes) {
  CommandRun run = Segment("browsers(\"shoes\", 3)");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "error: segment `browsers` takes 1 argument (cat: string); got 2\n");
  run = Segment("browsers");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "error: segment `browsers` takes 1 argument (cat: string); got none: write them after its name, "
            "such as --name 'browsers(\"text\")'\n");
  run = Segment("spent_over(100 ILS)");
  EXPECT_EQ(run.err, "error: segment `spent_over` takes 2 arguments (amount: money, period: duration); got 1\n");
  run = Segment("big_spenders(1)");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "error: segment `big_spenders` takes no arguments; got 1\n");
  EXPECT_EQ(Segment("big_spenders()").out, "c-1\n");
}

TEST_P(SegmentCommandTest, ArgumentsMustFitTheParameters) {
  CommandRun run = Segment("browsers(3)");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "error: segment `browsers`: `3` is int, but parameter `cat` is string; give a value such as "
            "\"text\"\n");
  run = Segment("spent_over(100 USD, 7)");
  EXPECT_NE(run.err.find("`100 USD` is money in USD, but parameter `amount` is money in ILS"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("`7` is int, but parameter `period` is duration; give a value such as 7d"),
            std::string::npos)
      << run.err;
  run = Segment("viewed_any([\"shoes\", 1])");
  EXPECT_NE(run.err.find("`1` is int, but an element of parameter `cats` is string"), std::string::npos) << run.err;
  run = Segment("viewed_any(\"shoes\")");
  EXPECT_NE(run.err.find("`\"shoes\"` is string, but parameter `cats` is list<string>"), std::string::npos)
      << run.err;
  run = Segment("browsers(null)");
  EXPECT_NE(run.err.find("`null` is for optional parameters, but parameter `cat` is string"), std::string::npos)
      << run.err;
  run = Segment("browsers(contact.city)");
  EXPECT_NE(run.err.find("`contact.city` is not a literal value; give parameter `cat` a value such as \"text\""),
            std::string::npos)
      << run.err;
  run = Segment("browsers(-\"shoes\")");
  EXPECT_NE(run.err.find("a sign goes with numbers"), std::string::npos) << run.err;
  EXPECT_EQ(run.status, 2);
}

TEST_P(SegmentCommandTest, ArgumentsAreParsedAsTheLanguageParsesThem) {
  // Syntax errors and invalid literals are diagnostics on the `--name` text.
  CommandRun run = Segment("browsers(\"shoes\"");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--name:1:17: error: expected `)` to close the `(` at column 9, found the end of the "
                         "expression [SyntaxError]"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("[SyntaxError]"), std::string::npos) << run.err;
  run = Segment("ordered_on_or_after(2026-02-30)");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("`2026-02-30` is not a date: February 2026 has 28 days [InvalidLiteral]"),
            std::string::npos)
      << run.err;
  run = Segment("browsers(\"shoes\") and lapsed");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("takes a segment, with its arguments in parentheses"), std::string::npos) << run.err;
  run = Segment("browsers(\"shoes\") x");
  EXPECT_NE(run.err.find("--name:1:19: error: expected an operator or the end of the expression, found `x`"),
            std::string::npos)
      << run.err;
  // Escapes in strings are decoded (code point 73 hex is `s`).
  EXPECT_EQ(Segment("browsers(\"\\u{73}hoes\")").out, "c-3\n");
}

TEST_P(SegmentCommandTest, AliasMergesTheVisitorIntoTheContact) {
  // anon-77 viewed a shoe page, then became c-9 (line 5); its later page view
  // (line 6) is c-9's too: two shoe pages. anon-88's one view is not enough.
  CommandRun run = Segment("browsers(\"shoes\")", {}, "alias_events.jsonl");
  EXPECT_EQ(run.status, 3);  // lines 7 and 8 are bad
  EXPECT_EQ(run.out, "c-9\n");
  EXPECT_NE(run.err.find("alias_events.jsonl:7: error: missing \"previous\""), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("alias_events.jsonl:8: error: `alias` merges \"previous\" into \"contact\", but both are "
                         "\"c-5\"; a contact cannot be aliased to itself"),
            std::string::npos)
      << run.err;
  // anon-77 is no longer listed, and c-9 kept its city (Haifa, not Eilat).
  EXPECT_EQ(Segment("not_in_haifa", {}, "alias_events.jsonl").out, "anon-88\n");
}

TEST_P(SegmentCommandTest, BadLinesAreReportedAndSkipped) {
  // Now is c-2's order (22 March): c-1 has only the 600 ILS order, the USD
  // one being rejected.
  CommandRun run = Segment("big_spenders", {}, "bad_events.jsonl");
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(run.out, "c-2\n");
  EXPECT_NE(run.err.find("bad_events.jsonl:2: error: not valid JSON"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("bad_events.jsonl:3: error: field `total` is in USD but the schema says ILS"),
            std::string::npos)
      << run.err;
}

TEST_P(SegmentCommandTest, StrictStopsAtTheFirstBadLine) {
  CommandRun run = Segment("big_spenders", {"--strict"}, "bad_events.jsonl");
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find(":2: error:"), std::string::npos);
  EXPECT_EQ(run.err.find(":3: error:"), std::string::npos);
}

TEST(SegmentCommandEngineTest, UnknownEngineIsAUsageError) {
  const std::string dir = std::string(KAIROS_SOURCE_DIR) + "/tests/segment/";
  std::ostringstream out, err;
  const int status = cli::RunKairos({"segment", dir + "shop.journey", "--events", dir + "events.jsonl", "--name",
                                     "big_spenders", "--engine", "turbo"},
                                    out, err);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.str().find("there is no engine `turbo`"), std::string::npos) << err.str();
}

INSTANTIATE_TEST_SUITE_P(Engines, SegmentCommandTest, ::testing::Values("interp", "jit", "auto"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kairos
