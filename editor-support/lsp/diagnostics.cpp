#include "compiler/diagnostics/diagnostic.h"
#include "editor-support/lsp/features.h"
#include "editor-support/lsp/uri.h"

namespace kairos::lsp {

Json ToLspLocation(SourceRange range) {
  return {{"uri", PathToUri(range.file->path())}, {"range", ToLspRange(range)}};
}

Json FileDiagnostics(const Workspace& workspace, const std::string& path) {
  Json list = Json::array();
  for (const Diagnostic* d : workspace.Diagnostics()) {
    if (!d->range.valid() || d->range.file->path() != path) continue;
    Json item = {{"range", ToLspRange(d->range)},
                 {"severity", d->severity == Severity::Error ? 1 : d->severity == Severity::Warning ? 2 : 3},
                 {"code", std::string(KindName(d->kind))},
                 {"source", "kairos"},
                 {"message", d->message}};
    if (!d->notes.empty()) {
      Json related = Json::array();
      for (const DiagnosticNote& note : d->notes) {
        if (note.range.valid()) related.push_back({{"location", ToLspLocation(note.range)}, {"message", note.message}});
      }
      item["relatedInformation"] = related;
    }
    list.push_back(item);
  }
  return {{"diagnostics", list}};
}

}  // namespace kairos::lsp
