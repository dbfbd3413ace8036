// Determinism (LANGUAGE.md §5): the example shop over a recorded event
// history, run twice with fresh engines, gives byte-identical action streams
// (ActionJson lines), on each tier; and the two tiers give the same stream.
// The history is made at build time by scripts/generate-shop-events.mjs
// (KAIROS_SHOP_EVENTS; tests/CMakeLists.txt), so it always fits the example.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "tests/scenarios/scenario_support.h"

namespace kairos::scenarios {
namespace {

namespace fs = std::filesystem;

// After the last recorded event, the clock runs on long enough for every
// journey's waits to finish.
constexpr const char* kRunUntil = "2027-01-31T00:00:00Z";

// "" when equal, else where the two streams first differ.
std::string FirstDifference(const std::string& a, const std::string& b) {
  std::istringstream left(a), right(b);
  std::string l, r;
  for (int line = 1;; ++line) {
    const bool more_left = static_cast<bool>(std::getline(left, l));
    const bool more_right = static_cast<bool>(std::getline(right, r));
    if (!more_left && !more_right) return "";
    if (!more_left || !more_right || l != r) {
      return "line " + std::to_string(line) + ":\n  " + (more_left ? l : "(end)") + "\n  " + (more_right ? r : "(end)");
    }
  }
}

size_t CountOf(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t pos = 0; (pos = text.find(what, pos)) != std::string::npos; pos += what.size()) ++count;
  return count;
}

TEST(DeterminismTest, ShopRunTwiceGivesTheSameActions) {
#ifndef KAIROS_SHOP_EVENTS
  GTEST_SKIP() << "built without node, so without the example shop's generated history";
#else
  const fs::path shop = fs::path(KAIROS_SOURCE_DIR) / "examples" / "shop";
  const fs::path events(KAIROS_SHOP_EVENTS);
  ASSERT_TRUE(fs::is_regular_file(events)) << events.string();

  std::string streams[2];
  for (const runtime::Tier tier : {runtime::Tier::Interp, runtime::Tier::Jit}) {
    SCOPED_TRACE(std::string(runtime::TierName(tier)));
    const std::string first = DryRunActions(shop, events, kRunUntil, tier, /*json=*/true);
    const std::string second = DryRunActions(shop, events, kRunUntil, tier, /*json=*/true);
    const std::string lines = "\n" + first;
    EXPECT_EQ(CountOf(lines, "\n! "), 0u) << "the run reported problems:\n" << lines.substr(lines.find("\n! ") + 1, 2000);
    // A run that does little proves little: the history must reach the
    // journeys' sends and coupons.
    EXPECT_GT(CountOf(first, "\"action\":\"send\""), 100u);
    EXPECT_GT(CountOf(first, "\"action\":\"coupon\""), 10u);
    EXPECT_EQ(FirstDifference(first, second), "") << "two runs of the same history differ";
    streams[tier == runtime::Tier::Interp ? 0 : 1] = first;
  }
  EXPECT_EQ(FirstDifference(streams[0], streams[1]), "") << "the interpreter and native code differ";
#endif
}

}  // namespace
}  // namespace kairos::scenarios
