// Scenario tests: each tests/scenarios/*.scenario file is a small project, an
// events file and the actions the engine must emit for them, run as
// `kairos simulate` runs it (cli/dry_run.h), once on each engine tier. The file
// format is described in tests/scenarios/README.md.
//
// Run `kairos_scenario_tests --autoupdate` to rewrite the `=== expect`
// sections from what the interpreter does, then review the diff against the
// specification: the expectations are the specification's, not the engine's.
#include "tests/scenarios/scenario_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

namespace kairos::scenarios {
namespace {

namespace fs = std::filesystem;

bool g_autoupdate = false;

const fs::path& ScenarioRoot() {
  static const fs::path root = fs::path(KAIROS_SOURCE_DIR) / "tests" / "scenarios";
  return root;
}

struct ScenarioCase {
  fs::path path;
  std::string name;  // the file name without `.scenario`
  runtime::Tier tier = runtime::Tier::Interp;
};

std::vector<ScenarioCase> FindCases() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(ScenarioRoot())) {
    if (entry.is_regular_file() && entry.path().extension() == ".scenario") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ScenarioCase> cases;
  for (const fs::path& file : files) {
    // The interpreter first: with --autoupdate it writes the expectation the
    // native tier is then held to.
    for (runtime::Tier tier : {runtime::Tier::Interp, runtime::Tier::Jit}) {
      cases.push_back({file, file.stem().string(), tier});
    }
  }
  return cases;
}

// For gtest's messages: the file and the tier rather than the bytes.
void PrintTo(const ScenarioCase& test, std::ostream* out) {
  *out << test.name << " on " << runtime::TierName(test.tier);
}

class ScenarioTest : public testing::TestWithParam<ScenarioCase> {};

TEST_P(ScenarioTest, ActionsMatch) {
  const ScenarioCase& test = GetParam();
  std::string error;
  const std::optional<Scenario> scenario = ParseScenario(ReadFile(test.path), error);
  ASSERT_TRUE(scenario.has_value()) << test.path.string() << ": " << error;
  const std::string actual = RunScenario(*scenario, test.name, test.tier);

  if (g_autoupdate && test.tier == runtime::Tier::Interp) {
    WriteFile(test.path, WithExpectation(*scenario, actual));
    return;
  }
  EXPECT_EQ(scenario->expect, actual)
      << test.path.string() << " on " << runtime::TierName(test.tier)
      << ": the actions differ; if the new ones are right by the specification, run "
         "kairos_scenario_tests --autoupdate and review the diff";
}

INSTANTIATE_TEST_SUITE_P(Files, ScenarioTest, testing::ValuesIn(FindCases()),
                         [](const testing::TestParamInfo<ScenarioCase>& info) {
                           return info.param.name + "_" + std::string(runtime::TierName(info.param.tier));
                         });

}  // namespace
}  // namespace kairos::scenarios

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--autoupdate") kairos::scenarios::g_autoupdate = true;
  }
  return RUN_ALL_TESTS();
}
