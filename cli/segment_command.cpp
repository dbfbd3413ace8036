// `kairos segment`: who is in a segment at an instant, by the reference
// interpreter over the contact histories built from an events file.
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/events/scalars.h"
#include "runtime/interp/interpreter.h"

namespace kairos::cli {
namespace {

constexpr int kExitBadEvents = 3;

std::string SegmentNames(const ir::Program& program) {
  std::string names;
  for (const ir::Segment& segment : program.segments) {
    names += (names.empty() ? "" : ", ") + segment.name;
  }
  return names.empty() ? "(none)" : names;
}

}  // namespace

int RunSegment(const SegmentCommand& command, std::ostream& out, std::ostream& err) {
  if (command.engine != "interp") {
    err << "error: engine `" << command.engine << "` is not available; use `--engine interp`\n";
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

  if (command.name.find('(') != std::string::npos) {
    err << "error: `" << command.name << "`: segments with parameters cannot be listed by `kairos segment` "
        << "yet; declare a segment without parameters that calls it, such as "
        << "`segment dress_lovers = category_lovers(\"dresses\")`, and name that one\n";
    return kExitUsage;
  }
  const ir::Segment* segment = program.FindSegment(command.name);
  if (segment == nullptr) {
    err << "error: there is no segment `" << command.name << "`; the project has: " << SegmentNames(program)
        << "\n";
    return kExitUsage;
  }
  if (!segment->params.empty()) {
    err << "error: segment `" << command.name << "` takes parameters, which `kairos segment` cannot pass "
        << "yet; declare a segment without parameters that calls it with the values you want, and name "
        << "that one\n";
    return kExitUsage;
  }

  std::ifstream file(command.events, std::ios::binary);
  if (!file) {
    err << "error: cannot read the events file `" << command.events << "`\n";
    return kExitUsage;
  }
  std::stringstream text;
  text << file.rdbuf();

  runtime::HistoryStore store(program);
  runtime::Interpreter interpreter(store);
  const std::string builtin = interpreter.BuiltinUsedBy(*segment);
  if (!builtin.empty()) {
    err << "error: segment `" << command.name << "` uses `" << builtin
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

  const int64_t now = at ? *at : loaded.last_at.value_or(0);
  size_t members = 0;
  for (const auto& [id, contact] : store.contacts()) {
    if (!interpreter.InSegment(contact, *segment, {}, now)) continue;
    out << id << "\n";
    ++members;
  }
  err << members << " contact(s) in segment " << command.name << "\n";
  return loaded.errors.empty() ? kExitOk : kExitBadEvents;
}

}  // namespace kairos::cli
