// "Did you mean": the edit distance and the choice of a suggestion.
#include <gtest/gtest.h>

#include "compiler/base/suggest.h"

namespace kairos {
namespace {

TEST(CheckSuggest, EditDistanceCountsInsertDeleteSubstituteAndSwap) {
  EXPECT_EQ(EditDistance("total", "total"), 0u);
  EXPECT_EQ(EditDistance("totl", "total"), 1u);
  EXPECT_EQ(EditDistance("totals", "total"), 1u);
  EXPECT_EQ(EditDistance("tatal", "total"), 1u);
  EXPECT_EQ(EditDistance("otal", "total"), 1u);
  EXPECT_EQ(EditDistance("ordre", "order"), 1u);  // a swap of neighbours is one edit
  EXPECT_EQ(EditDistance("Female", "female"), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
}

TEST(CheckSuggest, SuggestsOnlyCloseNames) {
  const std::vector<std::string> events = {"order_placed", "cart_abandoned", "page_viewed"};
  EXPECT_EQ(Suggest("order_plcaed", events), "order_placed");
  EXPECT_EQ(Suggest("page_view", events), "page_viewed");
  EXPECT_EQ(Suggest("signed_up", events), std::nullopt);
  EXPECT_EQ(Suggest("order_placed", events), std::nullopt);  // not a typo of itself
  EXPECT_EQ(Suggest("x", {"y"}), std::nullopt);
  EXPECT_EQ(DidYouMean("citty", {"city", "country"}), " Did you mean `city`?");
  EXPECT_EQ(DidYouMean("zzz", {"city"}), "");
}

TEST(CheckSuggest, TiesGoToTheEarlierCandidate) {
  EXPECT_EQ(Suggest("cat", {"bat", "hat"}), "bat");
}

}  // namespace
}  // namespace kairos
