// Lowering: a checked project (the SemanticModel and the AST it points into)
// to the IR of ir.h and journey.h.
#pragma once

#include "compiler/check/semantic_model.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/project/project.h"

namespace kairos {

// Lowers every segment, journey, campaign and popup of a project the checker
// accepted without errors, and the contact's defaults. An expression that
// acts where only a test belongs (a segment or a `when` issuing a coupon) is
// reported to `sink`; the program is then not fit to run.
ir::Program LowerPredicates(const Project& project, const SemanticModel& model, DiagnosticSink& sink);

}  // namespace kairos
