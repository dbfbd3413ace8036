// Go to definition, find references and rename: all three start from the
// reference under the cursor and the symbol it resolves to.
#include <stdexcept>

#include "editor-support/lsp/features.h"
#include "editor-support/lsp/uri.h"
#include "stdlib/prelude.h"

namespace kairos::lsp {

namespace {

const Reference* ReferenceUnder(const Workspace& workspace, const std::string& path, uint32_t offset) {
  const SemanticModel* model = workspace.model();
  const SourceFile* source = workspace.Source(path);
  if (!model || !source) return nullptr;
  const Reference* reference = model->ReferenceAt(*source, offset);
  return reference && reference->symbol ? reference : nullptr;
}

bool InPrelude(SourceRange range) { return range.valid() && range.file->path() == stdlib::kPreludePath; }

bool IsIdentifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (unsigned char c : name) {
    if (!(std::isalnum(c) || c == '_')) return false;
  }
  return true;
}

// Symbols whose name the author chose and wrote in the project.
bool Renamable(const Symbol& symbol) {
  switch (symbol.kind) {
    case SymbolKind::Intrinsic:
    case SymbolKind::Implicit:
    case SymbolKind::Property:
    case SymbolKind::Policy:
      return false;
    default:
      return symbol.name_range.valid() && !InPrelude(symbol.name_range);
  }
}

}  // namespace

Json Definition(const Workspace& workspace, const std::string& path, uint32_t offset) {
  const Reference* reference = ReferenceUnder(workspace, path, offset);
  if (!reference || !reference->symbol->name_range.valid()) return nullptr;
  // The prelude has no file an editor can open.
  if (InPrelude(reference->symbol->name_range)) return nullptr;
  return ToLspLocation(reference->symbol->name_range);
}

Json References(const Workspace& workspace, const std::string& path, uint32_t offset,
                bool include_declaration) {
  Json locations = Json::array();
  const Reference* reference = ReferenceUnder(workspace, path, offset);
  if (!reference) return locations;
  for (const Reference& use : workspace.model()->ReferencesTo(*reference->symbol)) {
    if (use.is_definition && !include_declaration) continue;
    if (!use.range.valid() || InPrelude(use.range)) continue;
    locations.push_back(ToLspLocation(use.range));
  }
  return locations;
}

Json PrepareRename(const Workspace& workspace, const std::string& path, uint32_t offset) {
  const Reference* reference = ReferenceUnder(workspace, path, offset);
  if (!reference) return nullptr;
  if (!Renamable(*reference->symbol)) {
    throw std::invalid_argument("`" + reference->symbol->name + "` is built in and cannot be renamed");
  }
  return {{"range", ToLspRange(reference->range)}, {"placeholder", reference->symbol->name}};
}

Json Rename(const Workspace& workspace, const std::string& path, uint32_t offset,
            const std::string& new_name) {
  const Reference* reference = ReferenceUnder(workspace, path, offset);
  if (!reference) throw std::invalid_argument("there is no name to rename here");
  if (!Renamable(*reference->symbol)) {
    throw std::invalid_argument("`" + reference->symbol->name + "` is built in and cannot be renamed");
  }
  if (!IsIdentifier(new_name)) {
    throw std::invalid_argument("`" + new_name + "` is not a name: use letters, digits and `_`");
  }
  Json changes = Json::object();
  for (const Reference& use : workspace.model()->ReferencesTo(*reference->symbol)) {
    if (!use.range.valid() || InPrelude(use.range)) continue;
    std::string uri = PathToUri(use.range.file->path());
    if (!changes.contains(uri)) changes[uri] = Json::array();
    changes[uri].push_back({{"range", ToLspRange(use.range)}, {"newText", new_name}});
  }
  return {{"changes", changes}};
}

}  // namespace kairos::lsp
