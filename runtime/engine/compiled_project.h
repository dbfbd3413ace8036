// A project made ready for an Engine in one call: read, checked and lowered
// to the IR. For programs that embed Kairos; the command line does the same
// steps with its own diagnostics output.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "stdlib/checked_project.h"

namespace kairos::runtime {

struct CompiledProject {
  std::unique_ptr<stdlib::CheckedProject> checked;  // the IR points into it
  ir::Program program;
  bool ok = false;          // no errors: the program can run
  std::string diagnostics;  // errors and warnings, as `kairos check` prints them
};

std::unique_ptr<CompiledProject> CompileProject(const std::vector<std::string>& paths);

}  // namespace kairos::runtime
