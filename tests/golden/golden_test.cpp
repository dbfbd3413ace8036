// Golden file tests: each .journey file under tests/golden/ (but common/) is
// run through the `kairos` command line, and what it prints must equal the
// `// CHECK:` lines written at the end of the file.
//
// Directives, on the first lines of a file:
//   // ARGS: check %s                  the command (default `check %s`); %s is
//                                      the file, followed by the EXTRA files;
//                                      %empty_dir, %empty_file, %not_utf8 and
//                                      %missing stand for scratch paths that are
//                                      hard to keep in a repository
//   // EXTRA: common/shop_schema.journey   more files of the same project
// Expected output, at the end (written by --autoupdate):
//   // CHECK:STDOUT: ...   // CHECK:STDERR: ...   // CHECK:EXIT: N
//
// A file named fail_* must report errors; every other file must not.
// Run `kairos_golden_tests --autoupdate` to rewrite the expectations.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/driver.h"

namespace kairos {
namespace {

namespace fs = std::filesystem;

bool g_autoupdate = false;

const fs::path& GoldenRoot() {
  static const fs::path root = fs::path(KAIROS_SOURCE_DIR) / "tests" / "golden";
  return root;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

struct GoldenCase {
  fs::path path;       // absolute
  std::string name;    // relative to tests/golden, e.g. check/fail_x.journey
};

std::vector<GoldenCase> FindCases() {
  std::vector<GoldenCase> cases;
  for (const auto& entry : fs::recursive_directory_iterator(GoldenRoot())) {
    if (!entry.is_regular_file() || entry.path().extension() != ".journey") continue;
    std::string name = fs::relative(entry.path(), GoldenRoot()).generic_string();
    if (StartsWith(name, "common/")) continue;
    cases.push_back({entry.path(), name});
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

// The file without its CHECK lines (what the command sees), keeping line
// numbers of everything above them.
std::string StripChecks(const std::string& text) {
  std::string body;
  for (const std::string& line : SplitLines(text)) {
    if (StartsWith(line, "// CHECK:")) continue;
    body += line;
    body += '\n';
  }
  while (body.size() >= 2 && body[body.size() - 1] == '\n' && body[body.size() - 2] == '\n') {
    body.pop_back();
  }
  return body;
}

std::string ExpectedChecks(const std::string& text) {
  std::string checks;
  for (const std::string& line : SplitLines(text)) {
    if (StartsWith(line, "// CHECK:")) checks += line + '\n';
  }
  return checks;
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size()) {
    text.replace(pos, from.size(), to);
  }
}

std::string AsChecks(const std::string& stream, const std::string& label) {
  std::string checks;
  for (const std::string& line : SplitLines(stream)) {
    checks += "// CHECK:" + label + ":";
    if (!line.empty()) checks += " " + line;
    checks += '\n';
  }
  return checks;
}

class GoldenTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, OutputMatches) {
  const GoldenCase& golden = GetParam();
  std::string text = ReadFile(golden.path);
  std::string body = StripChecks(text);

  std::vector<std::string> args = {"check", "%s"};
  std::vector<std::string> extras;
  for (const std::string& line : SplitLines(body)) {
    if (StartsWith(line, "// ARGS:")) args = SplitWords(line.substr(8));
    if (StartsWith(line, "// EXTRA:")) {
      for (const std::string& extra : SplitWords(line.substr(9))) extras.push_back(extra);
    }
  }

  // Run on copies in a scratch folder that mirrors tests/golden, so printed
  // paths are the same on every machine once the folder prefix is removed.
  fs::path scratch = fs::temp_directory_path() /
                     ("kairos-golden-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                      "-" + std::to_string(std::hash<std::string>{}(golden.name)));
  fs::remove_all(scratch);
  WriteFile(scratch / golden.name, body);
  for (const std::string& extra : extras) {
    WriteFile(scratch / extra, ReadFile(GoldenRoot() / extra));
  }

  std::map<std::string, fs::path> special = {
      {"%empty_dir", scratch / "empty_dir"},
      {"%empty_file", scratch / "empty.journey"},
      {"%not_utf8", scratch / "not_utf8.journey"},
      {"%missing", scratch / "missing.journey"},
  };
  fs::create_directories(special["%empty_dir"]);
  WriteFile(special["%empty_file"], "");
  WriteFile(special["%not_utf8"], "segment s = \"caf\xe9\"\n");

  std::vector<std::string> expanded;
  for (const std::string& arg : args) {
    if (special.count(arg)) {
      expanded.push_back(special[arg].string());
      continue;
    }
    if (arg != "%s") {
      expanded.push_back(arg);
      continue;
    }
    expanded.push_back((scratch / golden.name).string());
    for (const std::string& extra : extras) expanded.push_back((scratch / extra).string());
  }

  std::ostringstream out, err;
  int status = cli::RunKairos(expanded, out, err);
  fs::remove_all(scratch);

  std::string prefix = scratch.string() + "/";
  std::string stdout_text = out.str(), stderr_text = err.str();
  ReplaceAll(stdout_text, prefix, "");
  ReplaceAll(stderr_text, prefix, "");
  std::string actual = AsChecks(stdout_text, "STDOUT") + AsChecks(stderr_text, "STDERR") +
                       "// CHECK:EXIT: " + std::to_string(status) + "\n";

  bool expects_errors = StartsWith(fs::path(golden.name).filename().string(), "fail_");
  bool has_errors = stderr_text.find(": error: ") != std::string::npos;
  EXPECT_EQ(expects_errors, has_errors)
      << golden.name << (expects_errors ? " is named fail_ but reports no error"
                                        : " reports errors but is not named fail_");

  if (g_autoupdate) {
    WriteFile(golden.path, body + "\n" + actual);
    return;
  }
  EXPECT_EQ(ExpectedChecks(text), actual)
      << golden.name << ": output differs; run kairos_golden_tests --autoupdate and review the diff";
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenTest, testing::ValuesIn(FindCases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace kairos

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--autoupdate") kairos::g_autoupdate = true;
  }
  return RUN_ALL_TESTS();
}
