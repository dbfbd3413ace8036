// What `simulate`, `explain` and `diff` share: a project loaded and checked,
// an engine over it, and a recorded events file replayed under the virtual
// clock.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/frontend.h"
#include "compiler/ir/ir.h"
#include "runtime/engine/engine.h"

namespace kairos::cli {

inline constexpr int kExitBadEvents = 3;  // bad event lines (INTERFACES.md)

struct DryRunOptions {
  std::vector<std::string> paths;
  std::string events;          // JSON Lines file
  std::string from, to;        // RFC 3339, or ""
  std::string engine = "auto";  // interp, jit or auto
  std::string catalog;         // CSV; "" for the project's catalog.csv when it has one
  bool strict = false;
  bool progress = false;       // a progress bar on stderr (when it is a terminal)
  DiagnosticsFormat format = DiagnosticsFormat::Text;
  std::string trace_contact;   // explain
};

struct DryRun {
  std::unique_ptr<FrontendResult> frontend;
  std::unique_ptr<ir::Program> program;
  std::unique_ptr<runtime::Engine> engine;
  size_t bad_lines = 0;
};

// Loads the project and replays the events, calling `on_action` for every
// action. Returns the exit status; diagnostics, bad event lines and setup
// problems go to `err`. `run.engine` holds the finished engine (its summary).
int RunDryRun(const DryRunOptions& options, const std::function<void(const runtime::Action&)>& on_action,
              const std::function<void(const runtime::Trace&)>& on_trace, std::ostream& err, DryRun& run);

// The per-flow summary as text lines (simulate, diff).
void PrintSummary(std::ostream& out, const std::vector<runtime::FlowSummary>& summary);
// The same as JSON lines: {"summary":{...}}.
void PrintSummaryJson(std::ostream& out, const std::vector<runtime::FlowSummary>& summary);

}  // namespace kairos::cli
