// `kairos segment`: who is in a segment at an instant, by the reference
// predicate engine (either tier) over the contact histories built from an events file.
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/dry_run.h"
#include "cli/segment_call.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/events/scalars.h"
#include "runtime/tiers/predicate_engine.h"

namespace kairos::cli {
int RunSegment(const SegmentCommand& command, std::ostream& out, std::ostream& err) {
  const std::optional<runtime::Tier> tier = runtime::ParseTier(command.engine);
  if (!tier) {
    err << "error: there is no engine `" << command.engine << "`; use `--engine interp`, `jit` or `auto`\n";
    return kExitUsage;
  }
  std::optional<int64_t> at;
  if (!command.at.empty()) {
    at = runtime::ParseRfc3339(command.at);
    if (!at) {
      err << "error: --at \"" << command.at << "\" is not an RFC 3339 instant such as 2026-03-01T10:00:00Z\n";
      return kExitUsage;
    }
  }
  auto result = RunFrontend(command.paths, /*check=*/true);
  if (FrontendExitStatus(*result) != kExitOk) {
    PrintDiagnostics(err, result->sink, command.format);
    return FrontendExitStatus(*result);
  }
  const ir::Program program = LowerPredicates(result->project, *result->model, result->sink);
  PrintDiagnostics(err, result->sink, command.format);
  if (FrontendExitStatus(*result) != kExitOk) return FrontendExitStatus(*result);

  runtime::HistoryStore store(program);
  runtime::PredicateEngine engine(store, {.tier = *tier});
  const std::optional<SegmentCall> call =
      ReadSegmentCall(command.name, program, store.strings(), command.format, err);
  if (!call) return kExitUsage;
  const ir::Segment& segment = *call->segment;

  std::ifstream file(command.events, std::ios::binary);
  if (!file) {
    err << "error: cannot read the events file `" << command.events << "`\n";
    return kExitUsage;
  }
  std::stringstream text;
  text << file.rdbuf();

  const std::string builtin = engine.interpreter().BuiltinUsedBy(segment);
  if (!builtin.empty()) {
    err << "error: segment `" << segment.name << "` uses `" << builtin
        << "`, which needs the product catalogue; `kairos segment` cannot evaluate it\n";
    return kExitErrors;
  }
  const runtime::LoadResult loaded = runtime::LoadEvents(text.str(), store, command.strict);
  for (const runtime::EventError& error : loaded.errors) {
    err << command.events << ":" << error.line << ": error: " << error.reason << "\n";
  }
  if (!loaded.errors.empty()) {
    err << loaded.errors.size() << " bad event line(s) " << (command.strict ? "(stopped, --strict)" : "skipped")
        << "\n";
    if (command.strict) return kExitBadEvents;
  }

  if (*tier == runtime::Tier::Jit) {
    if (const std::string error = engine.Prepare({&segment}); !error.empty()) {
      err << "error: segment `" << segment.name << "` could not be compiled to native code: " << error
          << "; `--engine interp` evaluates it without\n";
      return kExitErrors;
    }
  }
  const int64_t now = at ? *at : loaded.last_at.value_or(0);
  size_t members = 0;
  for (const auto& [id, contact] : store.contacts()) {
    if (!engine.Test(contact, segment, call->args, now)) continue;
    out << id << "\n";
    ++members;
  }
  err << members << " contact(s) in segment " << command.name << "\n";
  return loaded.errors.empty() ? kExitOk : kExitBadEvents;
}

}  // namespace kairos::cli
