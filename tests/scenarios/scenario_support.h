// What the scenario, property and determinism tests share: the `.scenario`
// file format (README.md), scratch folders, and a dry run that returns its
// actions as text.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/tiers/predicate_engine.h"

namespace kairos::scenarios {

struct Scenario {
  std::string head;     // the file up to and including the `=== expect` line
  std::string project;  // the `.journey` source
  std::vector<std::pair<std::string, std::string>> files;  // more files of the project: path, text
  std::string events;     // JSON Lines, comment lines removed
  std::string run_until;  // RFC 3339, or ""
  std::string expect;     // one line per action (and per problem), each ending in '\n'
  bool json = false;      // `=== expect json`: actions as ActionJson rather than ActionText
};

// Nullopt with the reason when `text` is not a scenario.
std::optional<Scenario> ParseScenario(const std::string& text, std::string& error);

// The file text with `actual` as its expectation.
std::string WithExpectation(const Scenario& scenario, const std::string& actual);

// Runs the scenario as `kairos simulate` does on `tier`: one ActionText (or
// ActionJson) line per action, then a line `! ...` for each problem reported (bad event lines,
// diagnostics, setup errors) and `! exit N` for a non-zero exit status.
std::string RunScenario(const Scenario& scenario, const std::string& name, runtime::Tier tier);

// A dry run of the project at `project` over the events file `events` on
// `tier`: every action as ActionJson (`json`) or ActionText, one a line, and
// the problems reported as in RunScenario.
std::string DryRunActions(const std::filesystem::path& project, const std::filesystem::path& events,
                          const std::string& run_until, runtime::Tier tier, bool json);

// A fresh, empty folder under the system's temporary folder; removed by the
// destructor.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& text);

}  // namespace kairos::scenarios
