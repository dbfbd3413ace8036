// Semantic tokens: the lexical class of every token, refined by what names
// resolve to (an event, a segment, an enum value, a field), so a soft keyword
// used as a field name is coloured as a field.
#include "compiler/syntax/tokens.h"
#include "editor-support/lsp/features.h"
#include "stdlib/prelude.h"

namespace kairos::lsp {

namespace {

enum TokenType { kNamespace, kType, kEnum, kEnumMember, kEvent, kFunction, kParameter, kVariable,
                 kProperty, kKeyword, kString, kNumber, kComment, kOperator };
enum TokenModifier { kDeclaration = 1, kDefaultLibrary = 2 };

int TypeOfSymbol(const Symbol& symbol) {
  switch (symbol.kind) {
    case SymbolKind::Record:
      return kType;
    case SymbolKind::Event:
      return kEvent;
    case SymbolKind::Field:
    case SymbolKind::Property:
      return kProperty;
    case SymbolKind::Enum:
      return kEnum;
    case SymbolKind::EnumValue:
      return kEnumMember;
    case SymbolKind::Segment:
    case SymbolKind::Builtin:
    case SymbolKind::Intrinsic:
    case SymbolKind::Journey:
    case SymbolKind::Campaign:
    case SymbolKind::Popup:
      return kFunction;
    case SymbolKind::Parameter:
      return kParameter;
    case SymbolKind::Coupon:
    case SymbolKind::Local:
    case SymbolKind::Implicit:
      return kVariable;
    case SymbolKind::Policy:
      return kNamespace;
  }
  return kVariable;
}

int TypeOfClass(TokenClass token_class) {
  switch (token_class) {
    case TokenClass::Keyword:
      return kKeyword;
    case TokenClass::String:
      return kString;
    case TokenClass::Number:
      return kNumber;
    case TokenClass::Comment:
      return kComment;
    case TokenClass::Operator:
      return kOperator;
    case TokenClass::Name:
      return kVariable;
    case TokenClass::Punctuation:
    case TokenClass::Invalid:
      return -1;
  }
  return -1;
}

struct Encoder {
  const SourceFile& source;
  Json data = Json::array();
  uint32_t last_line = 0, last_column = 0;

  // Tokens may span lines (block comments, triple-quoted strings): one entry
  // per line, as LSP requires.
  void Add(uint32_t begin, uint32_t end, int type, int modifiers) {
    while (begin < end) {
      uint32_t line_end = begin;
      const std::string& text = source.text();
      while (line_end < end && text[line_end] != '\n') ++line_end;
      Emit(begin, line_end, type, modifiers);
      begin = line_end + 1;
    }
  }

  void Emit(uint32_t begin, uint32_t end, int type, int modifiers) {
    if (end <= begin) return;
    uint32_t line = source.Locate(begin).line - 1;
    uint32_t column = source.Utf16Column(begin);
    uint32_t length = source.Utf16Column(end) - column;
    uint32_t delta_column = line == last_line ? column - last_column : column;
    data.push_back(line - last_line);
    data.push_back(delta_column);
    data.push_back(length);
    data.push_back(type);
    data.push_back(modifiers);
    last_line = line;
    last_column = column;
  }
};

}  // namespace

Json SemanticTokensLegend() {
  return {{"tokenTypes", {"namespace", "type", "enum", "enumMember", "event", "function", "parameter",
                          "variable", "property", "keyword", "string", "number", "comment", "operator"}},
          {"tokenModifiers", {"declaration", "defaultLibrary"}}};
}

Json SemanticTokens(const Workspace& workspace, const std::string& path) {
  const SourceFile* source = workspace.Source(path);
  if (!source) return {{"data", Json::array()}};
  const SemanticModel* model = workspace.model();
  Encoder encoder{*source};
  for (const LexToken& token : Tokenize(*source)) {
    int type = TypeOfClass(token.token_class);
    int modifiers = 0;
    if (token.token_class == TokenClass::Name || token.token_class == TokenClass::Keyword) {
      const Reference* reference = model ? model->ReferenceAt(*source, token.range.begin) : nullptr;
      if (reference && reference->symbol && reference->range.begin == token.range.begin) {
        type = TypeOfSymbol(*reference->symbol);
        if (reference->is_definition) modifiers |= kDeclaration;
        if (!reference->symbol->name_range.valid() ||
            reference->symbol->name_range.file->path() == stdlib::kPreludePath) {
          modifiers |= kDefaultLibrary;
        }
      }
    }
    if (type >= 0) encoder.Add(token.range.begin, token.range.end, type, modifiers);
  }
  return {{"data", encoder.data}};
}

}  // namespace kairos::lsp
