// Every example of the language specification (tests/spec_examples/) checks
// without a diagnostic, taken together with the specification's schema.
#include <filesystem>

#include "tests/unit/check_test_support.h"

namespace kairos::check_test {
namespace {

TEST(CheckSpecExamples, AllExamplesTogetherCheckClean) {
  namespace fs = std::filesystem;
  std::vector<Source> sources;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(KAIROS_SOURCE_DIR) / "tests/spec_examples")) {
    if (entry.path().extension() == ".journey") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  ASSERT_FALSE(paths.empty());
  for (const fs::path& path : paths) {
    sources.push_back({path.filename().string(),
                       ReadRepoFile("tests/spec_examples/" + path.filename().string())});
  }
  // The examples issue from pools they do not declare.
  sources.push_back({"pools.journey", kSpecPools});
  auto run = RunCheck(sources, /*with_schema=*/false);
  EXPECT_FALSE(run->sink.has_errors()) << run->Dump();
  EXPECT_TRUE(run->sink.diagnostics().empty()) << run->Dump();
}

TEST(CheckSpecExamples, WithoutThePoolsEachUnknownPoolIsReported) {
  auto run = RunCheck({{"test.journey", ReadRepoFile("tests/spec_examples/04_journeys.journey")},
                       {"segments.journey", ReadRepoFile("tests/spec_examples/03_segments.journey")},
                       {"coupons.journey", ReadRepoFile("tests/spec_examples/05_campaign_coupon_popup_policy.journey")}});
  EXPECT_EQ(run->Diagnostics(),
            (std::vector<std::string>{"UnknownCouponPool@21:26", "UnknownCouponPool@39:48",
                                      "UnknownCouponPool@55:45", "UnknownCouponPool@coupons.journey:4:59"}))
      << run->Dump();
}

}  // namespace
}  // namespace kairos::check_test
