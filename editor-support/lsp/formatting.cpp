#include "compiler/format/format.h"
#include "editor-support/lsp/features.h"

namespace kairos::lsp {

Json Formatting(const Workspace& workspace, const std::string& path) {
  const ast::File* file = workspace.File(path);
  const SourceFile* source = workspace.Source(path);
  if (!file || !source) return Json::array();
  // A file with syntax errors is left alone rather than half-formatted.
  if (workspace.HasParseErrors(path)) return Json::array();
  std::string formatted = Format(*file);
  if (formatted == source->text()) return Json::array();
  SourceRange whole{source, 0, static_cast<uint32_t>(source->text().size())};
  return Json::array({{{"range", ToLspRange(whole)}, {"newText", formatted}}});
}

}  // namespace kairos::lsp
