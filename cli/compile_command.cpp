#include "cli/commands.h"
#include "compiler/syntax/dump.h"

namespace kairos::cli {

int RunCompile(const CompileCommand& command, std::ostream& out, std::ostream& err) {
  auto result = RunFrontend(command.paths, /*check=*/true);
  PrintDiagnostics(err, result->sink, command.format);
  int status = FrontendExitStatus(*result);
  if (status != kExitOk) return status;
  for (const auto& file : result->project.files) {
    if (IsPrelude(*file->source)) continue;
    DumpAst(out, *file);
  }
  return status;
}

}  // namespace kairos::cli
