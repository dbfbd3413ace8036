#include "tests/scenarios/scenario_support.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "cli/dry_run.h"
#include "runtime/engine/action.h"

namespace kairos::scenarios {
namespace {

namespace fs = std::filesystem;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size()) {
    text.replace(pos, from.size(), to);
  }
}

}  // namespace

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

ScratchDir::ScratchDir(const std::string& name)
    : path_(fs::temp_directory_path() / ("kairos-" + name + "-" + std::to_string(::getpid()))) {
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::optional<Scenario> ParseScenario(const std::string& text, std::string& error) {
  Scenario scenario;
  enum class Section { None, Project, File, Events, Expect } section = Section::None;
  bool has_project = false, has_events = false, has_expect = false;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (section != Section::Expect) scenario.head += line + "\n";
    const std::string where = "line " + std::to_string(number) + ": ";
    if (StartsWith(line, "=== ")) {
      const std::string header = line.substr(4);
      if (section == Section::Expect) {
        error = where + "`=== expect` must be the last section";
        return std::nullopt;
      }
      if (header == "project") {
        section = Section::Project;
        has_project = true;
      } else if (StartsWith(header, "file ")) {
        section = Section::File;
        scenario.files.emplace_back(header.substr(5), "");
      } else if (header == "events") {
        section = Section::Events;
        has_events = true;
      } else if (StartsWith(header, "run until ")) {
        section = Section::None;
        scenario.run_until = header.substr(10);
      } else if (header == "expect" || header == "expect json") {
        section = Section::Expect;
        has_expect = true;
        scenario.json = header == "expect json";
      } else {
        error = where + "unknown section `" + line + "`";
        return std::nullopt;
      }
      continue;
    }
    switch (section) {
      case Section::None:
        if (!line.empty() && line[0] != '#') {
          error = where + "outside a section only `#` comments may stand";
          return std::nullopt;
        }
        break;
      case Section::Project: scenario.project += line + "\n"; break;
      case Section::File: scenario.files.back().second += line + "\n"; break;
      case Section::Events:
        if (!line.empty() && line[0] != '#') scenario.events += line + "\n";
        break;
      case Section::Expect: scenario.expect += line + "\n"; break;
    }
  }
  if (!has_project || !has_events || !has_expect) {
    error = "a scenario needs `=== project`, `=== events` and `=== expect` sections";
    return std::nullopt;
  }
  return scenario;
}

std::string WithExpectation(const Scenario& scenario, const std::string& actual) {
  return scenario.head + actual;
}

std::string DryRunActions(const fs::path& project, const fs::path& events, const std::string& run_until,
                          runtime::Tier tier, bool json) {
  cli::DryRunOptions options;
  options.paths = {project.string()};
  options.events = events.string();
  options.to = run_until;
  options.engine = std::string(runtime::TierName(tier));
  std::string out;
  std::ostringstream err;
  cli::DryRun run;
  const int status = cli::RunDryRun(
      options,
      [&](const runtime::Action& action) {
        out += json ? runtime::ActionJson(action) : runtime::ActionText(action);
        out += '\n';
      },
      nullptr, err, run);
  std::string problems = err.str();
  // Paths in problems are printed relative to the scratch folder, so they
  // read the same on every machine.
  ReplaceAll(problems, project.parent_path().string() + "/", "");
  std::istringstream lines(problems);
  for (std::string line; std::getline(lines, line);) out += "! " + line + "\n";
  if (status != 0) out += "! exit " + std::to_string(status) + "\n";
  return out;
}

std::string RunScenario(const Scenario& scenario, const std::string& name, runtime::Tier tier) {
  ScratchDir scratch("scenario-" + name + "-" + std::string(runtime::TierName(tier)));
  const fs::path project = scratch.path() / "project";
  WriteFile(project / "project.journey", scenario.project);
  for (const auto& [path, text] : scenario.files) WriteFile(project / path, text);
  const fs::path events = scratch.path() / "events.jsonl";
  WriteFile(events, scenario.events);
  return DryRunActions(project, events, scenario.run_until, tier, scenario.json);
}

}  // namespace kairos::scenarios
