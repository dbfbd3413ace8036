// Diagnostics: user mistakes found by any phase, reported with a kind, a
// location and a message that says what to do. Phases emit them into a
// DiagnosticSink and carry on; nothing stops at the first error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_file.h"

namespace kairos {

enum class DiagnosticKind {
#define KAIROS_DIAGNOSTIC_KIND(Name) Name,
#include "compiler/diagnostics/diagnostic_kinds.def"
#undef KAIROS_DIAGNOSTIC_KIND
};

std::string_view KindName(DiagnosticKind kind);
// Every kind, in registry order (for tests and documentation).
const std::vector<DiagnosticKind>& AllDiagnosticKinds();

enum class Severity { Error, Warning, Note };

std::string_view SeverityName(Severity severity);

struct DiagnosticNote {
  SourceRange range;
  std::string message;
};

struct Diagnostic {
  DiagnosticKind kind;
  Severity severity = Severity::Error;
  SourceRange range;
  std::string message;
  std::vector<DiagnosticNote> notes;
};

// Collects diagnostics from every phase of one run.
class DiagnosticSink {
 public:
  void Emit(Diagnostic diagnostic);
  void Error(DiagnosticKind kind, SourceRange range, std::string message,
             std::vector<DiagnosticNote> notes = {});
  void Warning(DiagnosticKind kind, SourceRange range, std::string message,
               std::vector<DiagnosticNote> notes = {});

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  int error_count() const { return error_count_; }
  bool has_errors() const { return error_count_ > 0; }

  // Orders by file path, then position, keeping emission order for ties, so
  // output is stable whatever order the phases ran in.
  void SortBySource();

 private:
  std::vector<Diagnostic> diagnostics_;
  int error_count_ = 0;
};

}  // namespace kairos
