// Renders diagnostics for people (compiler style, with the source line and a
// caret range) and for tools (one JSON object per line).
#pragma once

#include <ostream>

#include "compiler/diagnostics/diagnostic.h"

namespace kairos {

// FILE:LINE:COL: error: MESSAGE [KindName], the source line, a caret line, then
// the notes in the same shape.
void PrintDiagnosticText(std::ostream& out, const Diagnostic& diagnostic);

// {"file":..,"line":..,"column":..,"end_line":..,"end_column":..,
//  "severity":..,"kind":..,"message":..,"notes":[...]}
void PrintDiagnosticJson(std::ostream& out, const Diagnostic& diagnostic);

// A closing summary such as "2 errors, 1 warning" (nothing when clean).
void PrintDiagnosticSummary(std::ostream& out, const DiagnosticSink& sink);

}  // namespace kairos
