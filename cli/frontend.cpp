#include "cli/frontend.h"

#include "compiler/diagnostics/print.h"
#include "stdlib/prelude.h"

namespace kairos::cli {

std::unique_ptr<FrontendResult> RunFrontend(const std::vector<std::string>& paths, bool check) {
  auto result = std::make_unique<FrontendResult>();
  result->project = LoadProject(paths, result->sink);
  for (const Diagnostic& d : result->sink.diagnostics()) {
    if (d.kind == DiagnosticKind::FileNotReadable || d.kind == DiagnosticKind::NoSourceFiles) {
      result->io_failure = true;
    }
  }
  AddSource(result->project, std::string(stdlib::kPreludePath), std::string(stdlib::PreludeText()),
            result->sink);
  // A path that cannot be read leaves the project incomplete: checking the
  // rest would only report what is missing from it.
  if (check && !result->io_failure) result->model = Check(result->project, result->sink);
  result->sink.SortBySource();
  return result;
}

void PrintDiagnostics(std::ostream& err, const DiagnosticSink& sink, DiagnosticsFormat format) {
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    if (format == DiagnosticsFormat::Json) {
      PrintDiagnosticJson(err, diagnostic);
    } else {
      PrintDiagnosticText(err, diagnostic);
    }
  }
  if (format == DiagnosticsFormat::Text) PrintDiagnosticSummary(err, sink);
}

int FrontendExitStatus(const FrontendResult& result) {
  if (result.io_failure) return kExitUsage;
  return result.sink.has_errors() ? kExitErrors : kExitOk;
}

bool IsPrelude(const SourceFile& source) { return source.path() == stdlib::kPreludePath; }

}  // namespace kairos::cli
