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

CommandRun Segment(const std::string& name, std::vector<std::string> extra = {},
            const std::string& events = "events.jsonl") {
  const std::string dir = std::string(KAIROS_SOURCE_DIR) + "/tests/segment/";
  std::vector<std::string> args = {"segment", dir + "shop.journey", "--events", dir + events, "--name", name};
  args.insert(args.end(), extra.begin(), extra.end());
  std::ostringstream out, err;
  CommandRun run;
  run.status = cli::RunKairos(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

TEST(SegmentCommandTest, SumOfMoneyWithinWindow) {
  // c-1: 600.00 + 400.01 in the last 30 days > 1000; c-3's 1000.00 is not more
  // than 1000; c-2's order is from January.
  CommandRun run = Segment("big_spenders");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "c-1\n");
  EXPECT_NE(run.err.find("1 contact(s) in segment big_spenders"), std::string::npos) << run.err;
}

TEST(SegmentCommandTest, WhereWithListFunction) {
  EXPECT_EQ(Segment("dress_buyers").out, "c-1\n");
}

TEST(SegmentCommandTest, NotEqualHoldsForUnknownValues) {
  // c-2 lives in Haifa; c-3 and c-4 never told their city.
  EXPECT_EQ(Segment("not_in_haifa").out, "c-1\nc-3\nc-4\n");
}

TEST(SegmentCommandTest, OrderingWithNullIsFalse) {
  // Only c-2 ordered more than 60 days ago; c-4 never ordered.
  EXPECT_EQ(Segment("lapsed").out, "c-2\n");
}

TEST(SegmentCommandTest, DurationsAddUpAndRepeatedIdsAreIgnored) {
  // c-3: PT45S + 75s = 2m. c-4's second page view repeats id pv-9.
  EXPECT_EQ(Segment("long_readers").out, "c-3\n");
}

TEST(SegmentCommandTest, ParameterisedSegmentThroughAWrapper) {
  EXPECT_EQ(Segment("shoe_browsers").out, "c-3\n");
}

TEST(SegmentCommandTest, AtChoosesTheInstant) {
  // On 1 February only c-2's January order is within 30 days.
  EXPECT_EQ(Segment("big_spenders", {"--at", "2026-02-01T00:00:00Z"}).out, "c-2\n");
  // Before c-1's second order, 600 is not enough; c-3's order is in the future.
  EXPECT_EQ(Segment("big_spenders", {"--at", "2026-03-21T00:00:00Z"}).out, "");
}

TEST(SegmentCommandTest, UnknownSegmentListsTheSegments) {
  CommandRun run = Segment("big_spender");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("no segment `big_spender`"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("big_spenders, dress_buyers"), std::string::npos) << run.err;
}

TEST(SegmentCommandTest, ParameterisedSegmentIsRejectedWithAHint) {
  CommandRun run = Segment("browsers");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("takes parameters"), std::string::npos) << run.err;
  EXPECT_EQ(Segment("browsers(\"shoes\")").status, 2);
}

TEST(SegmentCommandTest, BadLinesAreReportedAndSkipped) {
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

TEST(SegmentCommandTest, StrictStopsAtTheFirstBadLine) {
  CommandRun run = Segment("big_spenders", {"--strict"}, "bad_events.jsonl");
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find(":2: error:"), std::string::npos);
  EXPECT_EQ(run.err.find(":3: error:"), std::string::npos);
}

}  // namespace
}  // namespace kairos
