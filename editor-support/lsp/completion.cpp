// Completion works on half-typed text: the context is read from the text
// before the cursor (which may not parse), and the answers come from the last
// semantic model (which describes the schema and declarations even when the
// line being typed is broken).
#include <cctype>
#include <set>

#include "editor-support/lsp/features.h"

namespace kairos::lsp {

namespace {

// LSP CompletionItemKind values.
enum ItemKind { kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kProperty = 10, kValue = 12,
                kKeyword = 14, kEnumMember = 20, kConstant = 21, kEvent = 23 };

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Items {
 public:
  void Add(const std::string& label, int kind, const std::string& detail = "",
           const std::string& doc = "") {
    if (!seen_.insert(label).second) return;
    Json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    if (!doc.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", doc}};
    items_.push_back(item);
  }
  void AddSymbol(const Symbol& symbol, int kind) {
    Add(symbol.name, kind, symbol.type.is_error() ? std::string(SymbolKindName(symbol.kind)) : symbol.type.ToString(),
        symbol.doc);
  }
  Json Take() { return {{"isIncomplete", false}, {"items", items_}}; }

 private:
  std::set<std::string> seen_;
  Json items_ = Json::array();
};

// The text before the cursor on its line, and the word being typed.
struct Context {
  std::string_view before;  // the line up to the cursor
  std::string_view word;    // the identifier characters just before the cursor
  std::string_view head;    // `before` without `word`, trailing spaces removed
};

Context ReadContext(const SourceFile& source, uint32_t offset) {
  const std::string& text = source.text();
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = line_start == std::string::npos || offset == 0 ? 0 : line_start + 1;
  if (line_start > offset) line_start = offset;
  Context context;
  context.before = std::string_view(text).substr(line_start, offset - line_start);
  size_t word_start = context.before.size();
  while (word_start > 0 && IsWordChar(context.before[word_start - 1])) --word_start;
  context.word = context.before.substr(word_start);
  context.head = context.before.substr(0, word_start);
  while (!context.head.empty() && context.head.back() == ' ') context.head.remove_suffix(1);
  return context;
}

bool EndsWithWord(std::string_view text, std::string_view word) {
  if (text.size() < word.size() || text.substr(text.size() - word.size()) != word) return false;
  return text.size() == word.size() || !IsWordChar(text[text.size() - word.size() - 1]);
}

// Inside a string literal's unfinished `{{`: the placeholder text so far.
std::optional<std::string_view> OpenPlaceholder(std::string_view before) {
  bool in_string = false;
  size_t open = std::string_view::npos;
  for (size_t i = 0; i < before.size(); ++i) {
    char c = before[i];
    if (in_string && c == '\\') {
      ++i;
    } else if (c == '"') {
      in_string = !in_string;
      open = std::string_view::npos;
    } else if (in_string && before.compare(i, 2, "{{") == 0) {
      open = i + 2;
      ++i;
    } else if (in_string && before.compare(i, 2, "}}") == 0) {
      open = std::string_view::npos;
      ++i;
    }
  }
  if (!in_string || open == std::string_view::npos) return std::nullopt;
  return before.substr(open);
}

// `a.b?.c.` before the cursor (ignoring the word being typed): {"a","b","c"}.
std::vector<std::string> MemberChain(std::string_view head) {
  std::vector<std::string> chain;
  while (true) {
    if (head.size() >= 2 && head.substr(head.size() - 2) == "?.") {
      head.remove_suffix(2);
    } else if (!head.empty() && head.back() == '.') {
      head.remove_suffix(1);
    } else {
      break;
    }
    size_t start = head.size();
    while (start > 0 && IsWordChar(head[start - 1])) --start;
    if (start == head.size()) return {};
    chain.insert(chain.begin(), std::string(head.substr(start)));
    head = head.substr(0, start);
  }
  return chain;
}

class Completer {
 public:
  Completer(const SemanticModel& model, const SourceFile& source, const ast::File* file,
            uint32_t offset)
      : model_(model), source_(source), file_(file), offset_(offset) {}

  Json Complete() {
    Context context = ReadContext(source_, offset_);
    if (auto placeholder = OpenPlaceholder(context.before)) {
      Context inner = context;
      inner.before = *placeholder;
      size_t word_start = inner.before.size() - context.word.size();
      inner.head = inner.before.substr(0, word_start);
      std::vector<std::string> chain = MemberChain(inner.head);
      if (!chain.empty()) {
        Members(chain);
      } else {
        Names();
      }
      return items_.Take();
    }
    if (std::vector<std::string> chain = MemberChain(context.head); !chain.empty()) {
      Members(chain);
      return items_.Take();
    }
    std::string_view head = context.head;
    if (EndsWithWord(head, "trigger")) {
      Events();
      for (const char* keyword : {"entered_segment", "left_segment", "daily at", "every"}) {
        items_.Add(keyword, kKeyword);
      }
    } else if (EndsWithWord(head, "entered_segment") || EndsWithWord(head, "left_segment")) {
      Declarations(SymbolKind::Segment, kConstant);
    } else if (EndsWithWord(head, "coupon") || EndsWithWord(head, "fallback")) {
      Declarations(SymbolKind::Coupon, kVariable);
    } else if (EndsWithWord(head, "on") || EndsWithWord(head, "emit") || EndsWithWord(head, "until")) {
      Events();
      if (EndsWithWord(head, "on")) items_.Add("timeout", kKeyword);
    } else if (EndsWithWord(head, "send")) {
      for (const char* channel : {"email", "sms", "whatsapp", "push", "webhook"}) items_.Add(channel, kValue);
    } else if (IsHistoryCallOpen(head)) {
      Events();
    } else if (const Symbol* values = EnumComparisonSymbol(head)) {
      for (const Symbol* value : values->members) items_.AddSymbol(*value, kEnumMember);
      Names();
    } else {
      Keywords(head);
      Names();
    }
    return items_.Take();
  }

 private:
  // `exists(`, `count(` ... : the first argument names an event.
  static bool IsHistoryCallOpen(std::string_view head) {
    if (head.empty() || head.back() != '(') return false;
    head.remove_suffix(1);
    for (const char* name : {"exists", "count", "sum", "avg", "min", "max", "first", "last"}) {
      if (EndsWithWord(head, name)) return true;
    }
    return false;
  }

  // `x.y ==` or `x in [` : the enum of the left side, when it has one.
  const Symbol* EnumComparisonSymbol(std::string_view head) {
    for (const char* op : {"==", "!="}) {
      if (head.size() < 2 || head.substr(head.size() - 2) != op) continue;
      head.remove_suffix(2);
      while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
      size_t start = head.size();
      while (start > 0 && (IsWordChar(head[start - 1]) || head[start - 1] == '.' || head[start - 1] == '?')) {
        --start;
      }
      std::string path(head.substr(start));
      std::vector<std::string> chain;
      for (size_t pos = 0; pos <= path.size();) {
        size_t dot = path.find('.', pos);
        std::string part = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
        if (!part.empty() && part.back() == '?') part.pop_back();
        if (!part.empty()) chain.push_back(part);
        if (dot == std::string::npos) break;
        pos = dot + 1;
      }
      if (chain.empty()) return nullptr;
      Type type = ResolveChain(chain);
      const Type& plain = type.NonOptional();
      if (plain.is(TypeKind::Enum)) return plain.symbol();
    }
    return nullptr;
  }

  // The type of `a.b.c`, resolving the head as contact, a local, an event (its
  // fields), or a field name of any event (inside `where`).
  Type ResolveChain(const std::vector<std::string>& chain) {
    Type type = ResolveHead(chain.front());
    for (size_t i = 1; i < chain.size() && !type.is_error(); ++i) type = MemberType(type, chain[i]);
    return type;
  }

  Type ResolveHead(const std::string& name) {
    const Schema& schema = model_.schema();
    if (name == "contact" && schema.contact) return Type::Record(schema.contact);
    if (name == "now" || name == "entered") return Type::Timestamp();
    if (name == "today") return Type::Date();
    if (const Symbol* local = Local(name)) return local->type;
    if (auto written = WrittenLocal(name)) return *written;
    if (const Symbol* event = schema.FindEvent(name)) return Type::Record(event);
    if (const Symbol* record = schema.FindRecord(name)) return Type::Record(record);
    // A bare field inside `where`: any event field of that name.
    for (const Symbol* event : schema.events) {
      if (const Symbol* field = event->FindMember(name)) return field->type;
    }
    return Type::Error();
  }

  static Type MemberType(const Type& type, const std::string& member) {
    const Type& plain = type.NonOptional();
    if ((plain.is(TypeKind::Record) || plain.is(TypeKind::Event)) && plain.symbol()) {
      if (const Symbol* field = plain.symbol()->FindMember(member)) return field->type;
    }
    if (plain.is(TypeKind::Coupon)) {
      if (member == "code") return Type::String();
      if (member == "expires_at") return Type::Timestamp();
    }
    if (plain.is(TypeKind::Timestamp)) {
      if (member == "date") return Type::Date();
      if (member == "hour") return Type::Int();
    }
    if (plain.is(TypeKind::Date) || plain.is(TypeKind::Time)) return Type::Int();
    return Type::Error();
  }

  void Members(const std::vector<std::string>& chain) {
    Type type = ResolveChain(chain);
    const Type& plain = type.NonOptional();
    if ((plain.is(TypeKind::Record) || plain.is(TypeKind::Event)) && plain.symbol()) {
      for (const Symbol* field : plain.symbol()->members) items_.AddSymbol(*field, kField);
    } else if (plain.is(TypeKind::Coupon)) {
      items_.Add("code", kProperty, "string");
      items_.Add("expires_at", kProperty, "timestamp");
    } else if (plain.is(TypeKind::Date)) {
      for (const char* p : {"year", "month", "day", "month_day", "weekday"}) items_.Add(p, kProperty, "int");
    } else if (plain.is(TypeKind::Timestamp)) {
      items_.Add("date", kProperty, "date");
      items_.Add("hour", kProperty, "int");
    } else if (plain.is(TypeKind::Time)) {
      items_.Add("hour", kProperty, "int");
      items_.Add("minute", kProperty, "int");
    }
  }

  void Events() {
    for (const Symbol* event : model_.schema().events) items_.AddSymbol(*event, kEvent);
  }

  void Declarations(SymbolKind kind, int item_kind) {
    for (const Symbol* symbol : model_.Declarations(kind)) items_.AddSymbol(*symbol, item_kind);
  }

  // The journey or campaign declaration around the cursor, if it parsed.
  const ast::Decl* EnclosingDecl() const {
    if (!file_) return nullptr;
    for (const ast::DeclPtr& decl : file_->decls) {
      if (decl->range.begin <= offset_ && offset_ <= decl->range.end) return decl.get();
    }
    return nullptr;
  }

  // A `let` or `as` name defined before the cursor in the enclosing declaration.
  const Symbol* Local(const std::string& name) const {
    for (const Symbol* local : Locals()) {
      if (local->name == name) return local;
    }
    return nullptr;
  }

  // When the journey being edited does not parse, its `as` and `let` names
  // are not in the model: read them from the text of the enclosing journey
  // (from the nearest `journey` or `campaign` above the cursor).
  std::optional<Type> WrittenLocal(const std::string& name) const {
    std::string_view text(source_.text());
    text = text.substr(0, offset_);
    size_t journey = FindDeclStart(text, "journey ");
    size_t campaign = FindDeclStart(text, "campaign ");
    if (journey == std::string_view::npos && campaign == std::string_view::npos) return std::nullopt;
    size_t start = journey == std::string_view::npos   ? campaign
                   : campaign == std::string_view::npos ? journey
                                                        : std::max(journey, campaign);
    std::string_view body = text.substr(start);
    std::vector<std::string_view> words;
    for (size_t i = 0; i < body.size();) {
      if (!IsWordChar(body[i])) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < body.size() && IsWordChar(body[end])) ++end;
      words.push_back(body.substr(i, end - i));
      i = end;
    }
    for (size_t i = 0; i + 3 < words.size(); ++i) {
      if (words[i] == "trigger" && words[i + 2] == "as" && words[i + 3] == name) {
        if (const Symbol* event = model_.schema().FindEvent(words[i + 1])) return Type::Record(event);
      }
      if (words[i] == "let" && words[i + 1] == name && words[i + 2] == "issue" && words[i + 3] == "coupon") {
        return Type::Coupon();
      }
    }
    return std::nullopt;
  }

  static size_t FindDeclStart(std::string_view text, std::string_view keyword) {
    for (size_t pos = text.rfind(keyword); pos != std::string_view::npos;
         pos = pos == 0 ? std::string_view::npos : text.rfind(keyword, pos - 1)) {
      if (pos == 0 || text[pos - 1] == '\n') return pos;
    }
    return std::string_view::npos;
  }

  std::vector<const Symbol*> Locals() const {
    std::vector<const Symbol*> locals;
    const ast::Decl* decl = EnclosingDecl();
    for (const Reference& reference : model_.references()) {
      if (!reference.is_definition || !reference.symbol || reference.symbol->kind != SymbolKind::Local) continue;
      if (reference.range.file != &source_ || reference.range.begin > offset_) continue;
      if (decl && !(decl->range.begin <= reference.range.begin && reference.range.end <= decl->range.end)) continue;
      locals.push_back(reference.symbol);
    }
    return locals;
  }

  void Names() {
    for (const Symbol* local : Locals()) items_.AddSymbol(*local, kVariable);
    items_.Add("contact", kVariable, "contact", "The contact this rule is evaluated for.");
    items_.Add("now", kVariable, "timestamp", "The current instant (the simulated one in a dry run).");
    items_.Add("today", kVariable, "date", "The current date in the contact's zone.");
    const ast::Decl* decl = EnclosingDecl();
    if (decl && decl->kind == ast::DeclKind::Journey) {
      items_.Add("entered", kVariable, "timestamp", "The instant this contact entered the journey.");
    }
    Declarations(SymbolKind::Segment, kConstant);
    Declarations(SymbolKind::Intrinsic, kFunction);
    Declarations(SymbolKind::Builtin, kFunction);
  }

  void Keywords(std::string_view head) {
    const ast::Decl* decl = EnclosingDecl();
    bool inside = decl && decl->range.begin < offset_;
    if (!inside && head.empty()) {
      for (const char* keyword : {"schema", "extend schema", "segment", "journey", "campaign", "coupon",
                                  "popup", "policy"}) {
        items_.Add(keyword, kKeyword);
      }
      return;
    }
    if (decl && decl->kind == ast::DeclKind::Journey && head.empty()) {
      for (const char* keyword : {"trigger", "when", "reentry", "exit when", "goal", "wait", "wait until",
                                  "if", "else", "split", "send", "let", "issue coupon", "tag contact",
                                  "untag contact", "set contact.", "notify", "score", "emit", "exit"}) {
        items_.Add(keyword, kKeyword);
      }
    }
    for (const char* keyword : {"and", "or", "not", "in", "where", "within", "since", "between", "null",
                                "true", "false"}) {
      items_.Add(keyword, kKeyword);
    }
  }

  const SemanticModel& model_;
  const SourceFile& source_;
  const ast::File* file_;
  uint32_t offset_;
  Items items_;
};

}  // namespace

Json Completion(const Workspace& workspace, const std::string& path, uint32_t offset) {
  const SemanticModel* model = workspace.model();
  const SourceFile* source = workspace.Source(path);
  if (!model || !source) return {{"isIncomplete", false}, {"items", Json::array()}};
  return Completer(*model, *source, workspace.File(path), offset).Complete();
}

}  // namespace kairos::lsp
