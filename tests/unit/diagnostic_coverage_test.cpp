// Every diagnostic kind must be shown by at least one golden test, so each
// message a user can meet has been seen and reviewed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "compiler/diagnostics/diagnostic.h"

namespace kairos {
namespace {

TEST(DiagnosticCoverage, EveryKindAppearsInAGoldenTest) {
  namespace fs = std::filesystem;
  std::set<std::string> seen;
  fs::path root = fs::path(KAIROS_SOURCE_DIR) / "tests" / "golden";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".journey") continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("// CHECK:STDERR:", 0) != 0) continue;
      size_t open = line.rfind(" [");
      if (open == std::string::npos || line.back() != ']') continue;
      seen.insert(line.substr(open + 2, line.size() - open - 3));
    }
  }
  for (DiagnosticKind kind : AllDiagnosticKinds()) {
    EXPECT_TRUE(seen.count(std::string(KindName(kind))))
        << KindName(kind) << " appears in no golden test under tests/golden/";
  }
}

}  // namespace
}  // namespace kairos
