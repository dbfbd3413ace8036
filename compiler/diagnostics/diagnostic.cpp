#include "compiler/diagnostics/diagnostic.h"

#include <algorithm>

namespace kairos {

std::string_view KindName(DiagnosticKind kind) {
  switch (kind) {
#define KAIROS_DIAGNOSTIC_KIND(Name) \
  case DiagnosticKind::Name:         \
    return #Name;
#include "compiler/diagnostics/diagnostic_kinds.def"
#undef KAIROS_DIAGNOSTIC_KIND
  }
  return "Unknown";
}

const std::vector<DiagnosticKind>& AllDiagnosticKinds() {
  static const std::vector<DiagnosticKind> kinds = {
#define KAIROS_DIAGNOSTIC_KIND(Name) DiagnosticKind::Name,
#include "compiler/diagnostics/diagnostic_kinds.def"
#undef KAIROS_DIAGNOSTIC_KIND
  };
  return kinds;
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

void DiagnosticSink::Emit(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::Error) ++error_count_;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagnosticSink::Error(DiagnosticKind kind, SourceRange range, std::string message,
                           std::vector<DiagnosticNote> notes) {
  Emit({kind, Severity::Error, range, std::move(message), std::move(notes)});
}

void DiagnosticSink::Warning(DiagnosticKind kind, SourceRange range, std::string message,
                             std::vector<DiagnosticNote> notes) {
  Emit({kind, Severity::Warning, range, std::move(message), std::move(notes)});
}

void DiagnosticSink::SortBySource() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     const SourceFile* fa = a.range.file;
                     const SourceFile* fb = b.range.file;
                     if (fa != fb) {
                       if (!fa || !fb) return fa == nullptr;  // project-level first
                       return fa->path() < fb->path();
                     }
                     return a.range.begin < b.range.begin;
                   });
}

}  // namespace kairos
