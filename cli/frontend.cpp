#include "cli/frontend.h"

#include "compiler/diagnostics/print.h"
#include "stdlib/prelude.h"

namespace kairos::cli {

std::unique_ptr<FrontendResult> RunFrontend(const std::vector<std::string>& paths, bool check) {
  return stdlib::LoadCheckedProject(paths, check);
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
