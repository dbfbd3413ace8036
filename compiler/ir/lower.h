// Lowering: checked segments (the SemanticModel and the AST it points into)
// to the predicate IR of ir.h.
#pragma once

#include "compiler/check/semantic_model.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/project/project.h"

namespace kairos {

// Lowers every segment of a project the checker accepted without errors.
// A segment that does what a predicate cannot (issuing a coupon) is reported
// to `sink`; the program is then not fit to run.
ir::Program LowerPredicates(const Project& project, const SemanticModel& model, DiagnosticSink& sink);

}  // namespace kairos
