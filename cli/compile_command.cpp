#include "cli/commands.h"
#include "compiler/ir/lower.h"
#include "compiler/ir/print.h"
#include "compiler/syntax/dump.h"
#include "runtime/jit/jit.h"

namespace kairos::cli {

int RunCompile(const CompileCommand& command, std::ostream& out, std::ostream& err) {
  auto result = RunFrontend(command.paths, /*check=*/true);
  if (command.emit != "ast" && FrontendExitStatus(*result) == kExitOk) {
    ir::Program program = LowerPredicates(result->project, *result->model, result->sink);
    PrintDiagnostics(err, result->sink, command.format);
    int status = FrontendExitStatus(*result);
    if (status != kExitOk) return status;
    if (command.emit == "ir") {
      ir::PrintProgram(out, program);
    } else {
      out << runtime::LlvmModuleText(program);
    }
    return status;
  }
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
