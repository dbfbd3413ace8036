#include "runtime/engine/compiled_project.h"

#include <sstream>

#include "compiler/diagnostics/print.h"
#include "compiler/ir/lower.h"

namespace kairos::runtime {

std::unique_ptr<CompiledProject> CompileProject(const std::vector<std::string>& paths) {
  auto compiled = std::make_unique<CompiledProject>();
  compiled->checked = stdlib::LoadCheckedProject(paths, /*check=*/true);
  stdlib::CheckedProject& checked = *compiled->checked;
  if (!checked.io_failure && !checked.sink.has_errors()) {
    compiled->program = LowerPredicates(checked.project, *checked.model, checked.sink);
  }
  compiled->ok = !checked.io_failure && !checked.sink.has_errors();
  std::ostringstream text;
  for (const Diagnostic& diagnostic : checked.sink.diagnostics()) PrintDiagnosticText(text, diagnostic);
  compiled->diagnostics = text.str();
  return compiled;
}

}  // namespace kairos::runtime
