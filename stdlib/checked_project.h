// A project read from disk with the prelude and checked: what every tool that
// reads a project (the command line, an embedding program) starts from.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/check/check.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/project/project.h"

namespace kairos::stdlib {

struct CheckedProject {
  Project project;
  std::unique_ptr<SemanticModel> model;  // null when not checked
  DiagnosticSink sink;
  // Some path could not be read at all (exit status 2 rather than 1).
  bool io_failure = false;
};

// Loads the project at `paths` with the prelude; `check` false stops after
// parsing. Diagnostics are sorted by place.
std::unique_ptr<CheckedProject> LoadCheckedProject(const std::vector<std::string>& paths, bool check);

}  // namespace kairos::stdlib
