#include "compiler/check/semantic_model.h"

#include <algorithm>
#include <functional>
#include <tuple>

namespace kairos {
namespace {

// By file path, then position: the order users read references in.
bool PositionLess(const Reference& a, const Reference& b) {
  if (a.range.file != b.range.file) {
    const std::string& pa = a.range.file->path();
    const std::string& pb = b.range.file->path();
    if (pa != pb) return pa < pb;
    return std::less<const SourceFile*>()(a.range.file, b.range.file);
  }
  return std::tuple(a.range.begin, a.range.end) < std::tuple(b.range.begin, b.range.end);
}

}  // namespace

const std::vector<const Symbol*>& SemanticModel::Declarations(SymbolKind kind) const {
  static const std::vector<const Symbol*> none;
  auto it = declarations_.find(kind);
  return it == declarations_.end() ? none : it->second;
}

const Symbol* SemanticModel::FindDeclaration(SymbolKind kind, std::string_view name) const {
  for (const Symbol* symbol : Declarations(kind)) {
    if (symbol->name == name) return symbol;
  }
  return nullptr;
}

const Type* SemanticModel::TypeOf(const ast::Expr& expr) const {
  auto it = types_.find(&expr);
  return it == types_.end() ? nullptr : &it->second;
}

const Symbol* SemanticModel::SymbolOf(const ast::Expr& expr) const {
  auto it = expr_symbols_.find(&expr);
  return it == expr_symbols_.end() ? nullptr : it->second;
}

const Symbol* SemanticModel::SymbolOf(const ast::Ident& ident) const {
  if (!ident.range.valid()) return nullptr;
  Reference key{ident.range, nullptr, false};
  auto it = std::lower_bound(references_.begin(), references_.end(), key, PositionLess);
  if (it == references_.end() || it->range.file != ident.range.file ||
      it->range.begin != ident.range.begin || it->range.end != ident.range.end) {
    return nullptr;
  }
  return it->symbol;
}

const Reference* SemanticModel::ReferenceAt(const SourceFile& file, uint32_t offset) const {
  // The last reference starting at or before the offset; names never nest.
  Reference key{SourceRange{&file, offset, UINT32_MAX}, nullptr, false};
  auto it = std::upper_bound(references_.begin(), references_.end(), key, PositionLess);
  if (it == references_.begin()) return nullptr;
  --it;
  if (it->range.file != &file || offset > it->range.end) return nullptr;
  return &*it;
}

std::vector<Reference> SemanticModel::ReferencesTo(const Symbol& symbol) const {
  std::vector<Reference> found;
  for (const Reference& reference : references_) {
    if (reference.symbol == &symbol) found.push_back(reference);
  }
  return found;
}

const CallInfo* SemanticModel::CallOf(const ast::CallExpr& call) const {
  auto it = calls_.find(&call);
  return it == calls_.end() ? nullptr : &it->second;
}

const ParsedTemplate* SemanticModel::TemplateOf(const ast::LiteralExpr& literal) const {
  auto it = templates_.find(&literal);
  return it == templates_.end() ? nullptr : &it->second;
}

const Symbol* SemanticModel::EventConditionOf(const ast::Expr& expr) const {
  auto it = event_conditions_.find(&expr);
  return it == event_conditions_.end() ? nullptr : it->second;
}

Symbol& SemanticModel::NewSymbol(SymbolKind kind, std::string name) {
  Symbol& symbol = symbols_.emplace_back();
  symbol.kind = kind;
  symbol.name = std::move(name);
  return symbol;
}

void SemanticModel::AddDeclaration(const Symbol& symbol) {
  declarations_[symbol.kind].push_back(&symbol);
}

void SemanticModel::AddReference(SourceRange range, const Symbol* symbol, bool is_definition) {
  if (!range.valid() || symbol == nullptr) return;
  references_.push_back({range, symbol, is_definition});
}

void SemanticModel::SetType(const ast::Expr& expr, Type type) { types_[&expr] = std::move(type); }

void SemanticModel::SetSymbol(const ast::Expr& expr, const Symbol* symbol) {
  if (symbol != nullptr) expr_symbols_[&expr] = symbol;
}

void SemanticModel::SetCall(const ast::CallExpr& call, CallInfo info) { calls_[&call] = info; }

void SemanticModel::SetTemplate(const ast::LiteralExpr& literal, ParsedTemplate parsed) {
  templates_.insert_or_assign(&literal, std::move(parsed));
}

void SemanticModel::SetEventCondition(const ast::Expr& expr, const Symbol* event) {
  event_conditions_[&expr] = event;
}

void SemanticModel::Finish() {
  std::stable_sort(references_.begin(), references_.end(), PositionLess);
  // A name checked twice (a template placeholder seen again) is one reference.
  references_.erase(std::unique(references_.begin(), references_.end(),
                                [](const Reference& a, const Reference& b) {
                                  return a.range.file == b.range.file &&
                                         a.range.begin == b.range.begin &&
                                         a.range.end == b.range.end;
                                }),
                    references_.end());
}

}  // namespace kairos
