#include "stdlib/checked_project.h"

#include "stdlib/prelude.h"

namespace kairos::stdlib {

std::unique_ptr<CheckedProject> LoadCheckedProject(const std::vector<std::string>& paths, bool check) {
  auto result = std::make_unique<CheckedProject>();
  result->project = LoadProject(paths, result->sink);
  for (const Diagnostic& d : result->sink.diagnostics()) {
    if (d.kind == DiagnosticKind::FileNotReadable || d.kind == DiagnosticKind::NoSourceFiles) {
      result->io_failure = true;
    }
  }
  AddSource(result->project, std::string(kPreludePath), std::string(PreludeText()), result->sink);
  // A path that cannot be read leaves the project incomplete: checking the
  // rest would only report what is missing from it.
  if (check && !result->io_failure) result->model = Check(result->project, result->sink);
  result->sink.SortBySource();
  return result;
}

}  // namespace kairos::stdlib
