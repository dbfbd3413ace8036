#include "compiler/diagnostics/print.h"

#include <algorithm>
#include <cstdio>

#include "compiler/base/utf8.h"

namespace kairos {

namespace {

void PrintLocation(std::ostream& out, SourceRange range) {
  if (!range.valid()) {
    out << "kairos: ";
    return;
  }
  LineColumn at = range.file->Locate(range.begin);
  out << range.file->path() << ':' << at.line << ':' << at.column << ": ";
}

// The source line of the range's start, then carets under the part of the
// range on that line (at least one).
void PrintSnippet(std::ostream& out, SourceRange range) {
  if (!range.valid()) return;
  const SourceFile& file = *range.file;
  LineColumn begin = file.Locate(range.begin);
  std::string_view line = file.Line(begin.line);
  out << line << '\n';
  size_t width = 1;
  if (range.end > range.begin) {
    LineColumn end = file.Locate(range.end);
    size_t line_width = utf8::CountCodePoints(line);
    size_t last = end.line == begin.line ? end.column : line_width + 1;
    if (last > begin.column) width = last - begin.column;
  }
  // Tabs are kept so the carets line up under the same characters.
  std::string pad;
  size_t pos = 0;
  for (uint32_t col = 1; col < begin.column && pos < line.size(); ++col) {
    char32_t cp = utf8::Next(line, pos);
    pad += cp == '\t' ? '\t' : ' ';
  }
  out << pad << std::string(width, '^') << '\n';
}

void PrintJsonString(std::ostream& out, std::string_view text) {
  out << '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\r':
        out << "\\r";
        break;
      case '\t':
        out << "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out << buf;
        } else {
          out << static_cast<char>(c);
        }
    }
  }
  out << '"';
}

void PrintJsonRange(std::ostream& out, SourceRange range) {
  if (!range.valid()) {
    out << "\"file\":null";
    return;
  }
  LineColumn begin = range.file->Locate(range.begin);
  LineColumn end = range.file->Locate(std::max(range.end, range.begin));
  out << "\"file\":";
  PrintJsonString(out, range.file->path());
  out << ",\"line\":" << begin.line << ",\"column\":" << begin.column
      << ",\"end_line\":" << end.line << ",\"end_column\":" << end.column;
}

}  // namespace

void PrintDiagnosticText(std::ostream& out, const Diagnostic& diagnostic) {
  PrintLocation(out, diagnostic.range);
  out << SeverityName(diagnostic.severity) << ": " << diagnostic.message << " ["
      << KindName(diagnostic.kind) << "]\n";
  PrintSnippet(out, diagnostic.range);
  for (const DiagnosticNote& note : diagnostic.notes) {
    PrintLocation(out, note.range);
    out << "note: " << note.message << '\n';
    PrintSnippet(out, note.range);
  }
}

void PrintDiagnosticJson(std::ostream& out, const Diagnostic& diagnostic) {
  out << '{';
  PrintJsonRange(out, diagnostic.range);
  out << ",\"severity\":\"" << SeverityName(diagnostic.severity) << "\",\"kind\":\""
      << KindName(diagnostic.kind) << "\",\"message\":";
  PrintJsonString(out, diagnostic.message);
  out << ",\"notes\":[";
  for (size_t i = 0; i < diagnostic.notes.size(); ++i) {
    if (i) out << ',';
    out << '{';
    PrintJsonRange(out, diagnostic.notes[i].range);
    out << ",\"message\":";
    PrintJsonString(out, diagnostic.notes[i].message);
    out << '}';
  }
  out << "]}\n";
}

void PrintDiagnosticSummary(std::ostream& out, const DiagnosticSink& sink) {
  int errors = 0, warnings = 0;
  for (const Diagnostic& d : sink.diagnostics()) {
    errors += d.severity == Severity::Error;
    warnings += d.severity == Severity::Warning;
  }
  if (errors == 0 && warnings == 0) return;
  auto plural = [](int n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (errors && warnings) {
    out << plural(errors, "error") << ", " << plural(warnings, "warning") << '\n';
  } else if (errors) {
    out << plural(errors, "error") << '\n';
  } else {
    out << plural(warnings, "warning") << '\n';
  }
}

}  // namespace kairos
