#include "cli/dry_run.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/events/scalars.h"
#include "runtime/format/text_forms.h"

namespace kairos::cli {
namespace {

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return false;
  text.resize(static_cast<size_t>(file.tellg()));
  file.seekg(0);
  return static_cast<bool>(file.read(text.data(), static_cast<std::streamsize>(text.size())));
}

std::optional<int64_t> Instant(const std::string& text, const char* flag, std::ostream& err, bool& bad) {
  if (text.empty()) return std::nullopt;
  std::optional<int64_t> at = runtime::ParseRfc3339(text);
  if (!at) {
    err << "error: " << flag << " \"" << text << "\" is not an RFC 3339 instant such as 2026-03-01T10:00:00Z\n";
    bad = true;
  }
  return at;
}

// A one-line bar redrawn in place, for long runs on a terminal.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, bool enabled, size_t total)
      : err_(err), enabled_(enabled && isatty(STDERR_FILENO) == 1 && total > (1u << 20)), total_(total) {}
  void Update(size_t done) {
    if (!enabled_) return;
    const int percent = static_cast<int>(done * 100 / total_);
    if (percent == last_) return;
    last_ = percent;
    const int filled = percent * 30 / 100;
    err_ << "\r[" << std::string(static_cast<size_t>(filled), '#') << std::string(static_cast<size_t>(30 - filled), ' ')
         << "] " << percent << "%" << std::flush;
  }
  ~ProgressBar() {
    if (enabled_) err_ << "\r" << std::string(40, ' ') << "\r" << std::flush;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  size_t total_;
  int last_ = -1;
};

}  // namespace

int RunDryRun(const DryRunOptions& options, const std::function<void(const runtime::Action&)>& on_action,
              const std::function<void(const runtime::Trace&)>& on_trace, std::ostream& err, DryRun& run) {
  const std::optional<runtime::Tier> tier = runtime::ParseTier(options.engine);
  if (!tier) {
    err << "error: there is no engine `" << options.engine << "`; use `--engine interp`, `jit` or `auto`\n";
    return kExitUsage;
  }
  bool bad_flag = false;
  const std::optional<int64_t> from = Instant(options.from, "--from", err, bad_flag);
  const std::optional<int64_t> to = Instant(options.to, "--to", err, bad_flag);
  if (bad_flag) return kExitUsage;

  run.frontend = RunFrontend(options.paths, /*check=*/true);
  if (FrontendExitStatus(*run.frontend) != kExitOk) {
    PrintDiagnostics(err, run.frontend->sink, options.format);
    return FrontendExitStatus(*run.frontend);
  }
  run.program = std::make_unique<ir::Program>(
      LowerPredicates(run.frontend->project, *run.frontend->model, run.frontend->sink));
  if (FrontendExitStatus(*run.frontend) != kExitOk || !run.frontend->sink.diagnostics().empty()) {
    PrintDiagnostics(err, run.frontend->sink, options.format);
    if (FrontendExitStatus(*run.frontend) != kExitOk) return FrontendExitStatus(*run.frontend);
  }
  std::string events;
  if (!ReadFile(options.events, events)) {
    err << "error: cannot read the events file `" << options.events << "`\n";
    return kExitUsage;
  }

  runtime::EngineOptions engine_options;
  engine_options.tiers.tier = *tier;
  engine_options.from = from;
  engine_options.trace_contact = options.trace_contact;
  run.engine = std::make_unique<runtime::Engine>(*run.program, engine_options);
  for (const std::string& problem : run.engine->setup_errors()) err << "warning: " << problem << "\n";

  std::string catalog_path = options.catalog;
  if (catalog_path.empty() && options.paths.size() == 1) {
    const std::filesystem::path candidate = std::filesystem::path(options.paths[0]) / "catalog.csv";
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) catalog_path = candidate.string();
  }
  if (!catalog_path.empty()) {
    std::string csv;
    if (!ReadFile(catalog_path, csv)) {
      err << "error: cannot read the catalogue `" << catalog_path << "`\n";
      return kExitUsage;
    }
    for (const std::string& problem : run.engine->LoadCatalog(csv, catalog_path)) err << "warning: " << problem << "\n";
  }
  run.engine->OnAction(on_action);
  if (on_trace) run.engine->OnTrace(on_trace);

  ProgressBar progress(err, options.progress, events.size());
  bool stopped = false;
  runtime::ForEachLine(events, [&](int line_number, std::string_view line) {
    std::string reason;
    if (!run.engine->Ingest(line, reason)) {
      err << options.events << ":" << line_number << ": error: " << reason << "\n";
      ++run.bad_lines;
      if (options.strict) {
        stopped = true;
        return false;
      }
    }
    progress.Update(static_cast<size_t>(line.data() + line.size() - events.data()));
    return true;
  });
  if (to && !stopped) run.engine->AdvanceTo(*to);
  for (const std::string& problem : run.engine->problems()) err << "error: " << problem << "\n";
  if (run.bad_lines > 0) {
    err << run.bad_lines << " bad event line(s) " << (stopped ? "(stopped, --strict)" : "skipped") << "\n";
    return kExitBadEvents;
  }
  return kExitOk;
}

void PrintSummary(std::ostream& out, const std::vector<runtime::FlowSummary>& summary) {
  for (const runtime::FlowSummary& flow : summary) {
    out << (flow.campaign ? "campaign " : "journey ") << flow.name << ": entered " << flow.entered << ", sent "
        << flow.sent;
    if (!flow.sent_by_channel.empty()) {
      out << " (";
      for (size_t i = 0; i < flow.sent_by_channel.size(); ++i) {
        out << (i > 0 ? ", " : "") << flow.sent_by_channel[i].first << " " << flow.sent_by_channel[i].second;
      }
      out << ")";
    }
    out << ", coupons " << flow.coupons << ", goals " << flow.goals;
    if (flow.notifies > 0) out << ", notified " << flow.notifies;
    if (!flow.skips.empty()) {
      out << ", skipped";
      for (size_t i = 0; i < flow.skips.size(); ++i) {
        out << (i > 0 ? "," : "") << " " << flow.skips[i].first << " " << flow.skips[i].second;
      }
    }
    out << "\n";
  }
}

void PrintSummaryJson(std::ostream& out, const std::vector<runtime::FlowSummary>& summary) {
  for (const runtime::FlowSummary& flow : summary) {
    std::string line = "{\"summary\":{";
    line += flow.campaign ? "\"campaign\":" : "\"journey\":";
    runtime::AppendJsonString(line, flow.name);
    line += ",\"entered\":" + std::to_string(flow.entered) + ",\"sent\":{";
    for (size_t i = 0; i < flow.sent_by_channel.size(); ++i) {
      if (i > 0) line += ',';
      runtime::AppendJsonString(line, flow.sent_by_channel[i].first);
      line += ":" + std::to_string(flow.sent_by_channel[i].second);
    }
    line += "},\"coupons\":" + std::to_string(flow.coupons) + ",\"goals\":" + std::to_string(flow.goals) +
            ",\"exits\":" + std::to_string(flow.exits) + ",\"notified\":" + std::to_string(flow.notifies) +
            ",\"skips\":{";
    for (size_t i = 0; i < flow.skips.size(); ++i) {
      if (i > 0) line += ',';
      runtime::AppendJsonString(line, flow.skips[i].first);
      line += ":" + std::to_string(flow.skips[i].second);
    }
    line += "}}}";
    out << line << "\n";
  }
}

}  // namespace kairos::cli
