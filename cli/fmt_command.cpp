#include <fstream>

#include "cli/commands.h"
#include "compiler/format/format.h"

namespace kairos::cli {

int RunFmt(const FmtCommand& command, std::ostream& out, std::ostream& err) {
  // Formatting needs a clean parse, not a clean check: a file with type
  // errors still has a canonical layout.
  auto result = RunFrontend(command.paths, /*check=*/false);
  PrintDiagnostics(err, result->sink, command.format);
  if (result->io_failure) return kExitUsage;

  int status = kExitOk;
  for (const auto& file : result->project.files) {
    const SourceFile& source = *file->source;
    if (IsPrelude(source)) continue;
    bool has_errors = false;
    for (const Diagnostic& d : result->sink.diagnostics()) {
      has_errors |= d.severity == Severity::Error && d.range.file == &source;
    }
    if (has_errors) {
      err << source.path() << ": not formatted: fix its syntax errors first\n";
      status = kExitErrors;
      continue;
    }
    std::string formatted = Format(*file);
    if (command.print) {
      out << formatted;
    } else if (formatted != source.text()) {
      if (command.check) {
        out << source.path() << ": would be reformatted\n";
        status = kExitErrors;
      } else {
        std::ofstream stream(source.path(), std::ios::binary | std::ios::trunc);
        stream << formatted;
        if (!stream) {
          err << source.path() << ": cannot write the formatted file\n";
          return kExitUsage;
        }
        out << source.path() << ": formatted\n";
      }
    }
  }
  return status;
}

}  // namespace kairos::cli
