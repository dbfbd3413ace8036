#include "compiler/syntax/walk.h"
#include "editor-support/lsp/features.h"

namespace kairos::lsp {

namespace {

std::string Code(const std::string& text) { return "```journey\n" + text + "\n```"; }

std::string SourceText(SourceRange range) {
  if (!range.valid()) return "";
  return range.file->text().substr(range.begin, range.end - range.begin);
}

std::string FieldList(const Symbol& record) {
  std::string text;
  for (const Symbol* field : record.members) {
    text += "  " + field->name + ": " + field->type.ToString() + "\n";
  }
  return text;
}

std::string Signature(const Symbol& callable) {
  std::string text = callable.name + "(";
  for (size_t i = 0; i < callable.members.size(); ++i) {
    if (i) text += ", ";
    text += callable.members[i]->name + ": " + callable.members[i]->type.ToString();
  }
  return text + ")";
}

// Markdown describing a symbol: its declaration as code, then its doc.
std::string Describe(const Symbol& symbol) {
  std::string text;
  switch (symbol.kind) {
    case SymbolKind::Event:
      text = Code("event " + symbol.name + " {\n" + FieldList(symbol) + "}");
      break;
    case SymbolKind::Record:
      text = Code((symbol.name == "contact" || symbol.name == "product" ? "" : "record ") + symbol.name +
                  " {\n" + FieldList(symbol) + "}");
      break;
    case SymbolKind::Field:
      text = Code(symbol.name + ": " + symbol.type.ToString());
      if (symbol.owner) text += "\n\nfield of `" + symbol.owner->name + "`";
      break;
    case SymbolKind::Enum:
    case SymbolKind::EnumValue:
      text = Code(symbol.name + ": " + symbol.type.ToString());
      break;
    case SymbolKind::Segment:
    case SymbolKind::Coupon:
    case SymbolKind::Journey:
    case SymbolKind::Campaign:
    case SymbolKind::Popup: {
      std::string declaration = SourceText(symbol.decl_range);
      // A long journey is summarised by its first lines.
      size_t cut = 0;
      for (int lines = 0; cut != std::string::npos && lines < 12; ++lines) {
        cut = declaration.find('\n', cut + 1);
      }
      if (cut != std::string::npos) declaration = declaration.substr(0, cut) + "\n  …";
      text = Code(declaration.empty() ? std::string(SymbolKindName(symbol.kind)) + " " + symbol.name
                                      : declaration);
      break;
    }
    case SymbolKind::Builtin:
      text = Code("builtin " + Signature(symbol) + ": " + symbol.type.ToString());
      break;
    case SymbolKind::Intrinsic:
      text = Code(symbol.name + "(…)");
      break;
    case SymbolKind::Parameter:
    case SymbolKind::Property:
    case SymbolKind::Local:
    case SymbolKind::Implicit:
    case SymbolKind::Policy:
      text = Code(symbol.name + ": " + symbol.type.ToString());
      break;
  }
  if (!symbol.doc.empty()) text += "\n\n" + symbol.doc;
  return text;
}

}  // namespace

Json Hover(const Workspace& workspace, const std::string& path, uint32_t offset) {
  const SemanticModel* model = workspace.model();
  const SourceFile* source = workspace.Source(path);
  const ast::File* file = workspace.File(path);
  if (!model || !source || !file) return nullptr;

  if (const Reference* reference = model->ReferenceAt(*source, offset); reference && reference->symbol) {
    std::string text = Describe(*reference->symbol);
    // What the expression at this spot evaluates to, when it adds something
    // (a history function's result, an optional access).
    if (const ast::Expr* expr = ast::InnermostExprAt(*file, offset)) {
      if (const Type* type = model->TypeOf(*expr); type && !type->is_error() &&
          reference->symbol->kind == SymbolKind::Intrinsic) {
        text += "\n\nhere: `" + type->ToString() + "`";
      }
    }
    return {{"contents", {{"kind", "markdown"}, {"value", text}}}, {"range", ToLspRange(reference->range)}};
  }

  const ast::Expr* expr = ast::InnermostExprAt(*file, offset);
  if (!expr) return nullptr;
  const Type* type = model->TypeOf(*expr);
  if (!type || type->is_error()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", Code(type->ToString())}}},
          {"range", ToLspRange(expr->range)}};
}

}  // namespace kairos::lsp
