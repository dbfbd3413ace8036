// The check phase: a parsed project in, a semantic model out. Resolves every
// name, builds the schema, types every expression and reports every mistake it
// finds (all of them, never only the first) as diagnostics.
#pragma once

#include <memory>

#include "compiler/check/semantic_model.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/project/project.h"

namespace kairos {

struct CheckOptions {
  // SMS bodies written as literals may take at most this many segments unless
  // the project's policy says otherwise (`sms limit N segments`).
  int default_sms_segment_limit = 3;
};

// Checks every file of `project` (the prelude included, when it was added).
std::unique_ptr<SemanticModel> Check(const Project& project, DiagnosticSink& sink,
                                     const CheckOptions& options = {});

}  // namespace kairos
