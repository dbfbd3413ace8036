#include "compiler/schema/schema_builder.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "compiler/base/suggest.h"
#include "compiler/schema/timezone.h"

namespace kairos {
namespace {

struct BuiltinType {
  std::string_view name;
  Type (*make)();
};

Type MoneyWithoutCurrency() { return Type::Money(""); }

constexpr BuiltinType kBuiltinTypes[] = {
    {"bool", &Type::Bool},         {"int", &Type::Int},
    {"decimal", &Type::Decimal},   {"money", &MoneyWithoutCurrency},
    {"percent", &Type::Percent},   {"string", &Type::String},
    {"email", &Type::Email},       {"phone", &Type::Phone},
    {"url", &Type::Url},           {"date", &Type::Date},
    {"time", &Type::Time},         {"timestamp", &Type::Timestamp},
    {"duration", &Type::Duration},
};

// Names other languages use for Journey's types.
constexpr std::pair<std::string_view, std::string_view> kTypeAliases[] = {
    {"datetime", "timestamp"}, {"instant", "timestamp"}, {"integer", "int"}, {"long", "int"},
    {"float", "decimal"},      {"double", "decimal"},    {"number", "decimal"}, {"boolean", "bool"},
    {"text", "string"},        {"str", "string"},        {"array", "list"},   {"interval", "duration"},
    {"currency", "money"},     {"price", "money"},
};

const BuiltinType* FindBuiltinType(std::string_view name) {
  for (const BuiltinType& type : kBuiltinTypes) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

bool IsWhitespace(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

std::string Quoted(std::string_view name) { return "`" + std::string(name) + "`"; }

// Resolves written types, creating symbols for inline enums and records.
class TypeResolver {
 public:
  TypeResolver(SemanticModel& model, DiagnosticSink& sink, const ast::File* file)
      : model_(model), sink_(sink), file_(file) {}

  Type Resolve(const ast::TypeExpr& type) {
    Type resolved = ResolveBase(type);
    return type.optional ? Type::Optional(std::move(resolved)) : resolved;
  }

  // Adds `fields` to `record` (a record, event, contact or product), reporting
  // names declared twice in it.
  void AddFields(Symbol& record, const std::vector<ast::FieldDecl>& fields) {
    for (const ast::FieldDecl& decl : fields) {
      Type type = decl.type ? Resolve(*decl.type) : Type::Error();
      if (const Symbol* first = record.FindMember(decl.name.name)) {
        ReportDuplicateField(record, *first, decl);
        continue;
      }
      Symbol& field = model_.NewSymbol(SymbolKind::Field, decl.name.name);
      field.type = std::move(type);
      field.name_range = decl.name.range;
      field.decl_range = decl.range;
      field.owner = &record;
      field.field = &decl;
      field.doc = DocCommentAbove(file_, decl.range);
      record.members.push_back(&field);
      model_.AddReference(decl.name.range, &field, /*is_definition=*/true);
    }
  }

 private:
  Type ResolveBase(const ast::TypeExpr& type) {
    switch (type.kind) {
      case ast::TypeExprKind::Named:
        return ResolveNamed(type.name);
      case ast::TypeExprKind::Generic: {
        if (type.name.name != "list" && type.name.name != "set") {
          sink_.Error(DiagnosticKind::UnknownType, type.name.range,
                      "unknown collection type " + Quoted(type.name.name) +
                          "; write `list<T>` (ordered, may repeat) or `set<T>` (no repeats)." +
                          DidYouMean(type.name.name, {"list", "set"}));
          return Type::Error();
        }
        Type element = type.element ? Resolve(*type.element) : Type::Error();
        if (element.is_error()) return element;
        return type.name.name == "list" ? Type::List(std::move(element))
                                        : Type::Set(std::move(element));
      }
      case ast::TypeExprKind::Enum:
        return Type::Enum(&NewEnum(type));
      case ast::TypeExprKind::Record: {
        Symbol& record = model_.NewSymbol(SymbolKind::Record, "");
        record.decl_range = type.range;
        AddFields(record, type.fields);
        return Type::Record(&record);
      }
    }
    return Type::Error();
  }

  Type ResolveNamed(const ast::Ident& name) {
    const Schema& schema = model_.schema();
    if (const BuiltinType* builtin = FindBuiltinType(name.name)) {
      if (name.name == "money") return Type::Money(schema.currency);
      return builtin->make();
    }
    const Symbol* symbol = nullptr;
    if (name.name == "contact") symbol = schema.contact;
    else if (name.name == "product") symbol = schema.product;
    else if (name.name == "channel") symbol = schema.channel;
    else if (const Symbol* record = schema.FindRecord(name.name)) symbol = record;
    else if (const Symbol* event = schema.FindEvent(name.name)) symbol = event;
    if (symbol != nullptr) {
      model_.AddReference(name.range, symbol);
      return symbol->kind == SymbolKind::Enum ? Type::Enum(symbol) : Type::Record(symbol);
    }
    if (name.name == "list" || name.name == "set") {
      sink_.Error(DiagnosticKind::UnknownType, name.range,
                  Quoted(name.name) + " needs an element type: write `" + name.name + "<string>`.");
      return Type::Error();
    }
    std::string suggestion;
    for (const auto& [alias, type] : kTypeAliases) {
      if (name.name == alias) suggestion = " Did you mean `" + std::string(type) + "`?";
    }
    std::vector<std::string> candidates;
    for (const BuiltinType& builtin : kBuiltinTypes) candidates.emplace_back(builtin.name);
    for (const char* extra : {"contact", "product", "channel", "list", "set"}) candidates.push_back(extra);
    for (const Symbol* record : schema.records) candidates.push_back(record->name);
    for (const Symbol* event : schema.events) candidates.push_back(event->name);
    sink_.Error(DiagnosticKind::UnknownType, name.range,
                "unknown type " + Quoted(name.name) + "." +
                    (suggestion.empty() ? DidYouMean(name.name, candidates) : suggestion) +
                    " Types are bool, int, decimal, money, percent, string, email, phone, url, "
                    "date, time, timestamp, duration, enum { ... }, list<T>, set<T>, a record or "
                    "an event of the schema.");
    return Type::Error();
  }

  Symbol& NewEnum(const ast::TypeExpr& type) {
    Symbol& enumeration = model_.NewSymbol(SymbolKind::Enum, "");
    enumeration.decl_range = type.range;
    enumeration.type = Type::Enum(&enumeration);
    for (const ast::Ident& member : type.enum_members) {
      if (const Symbol* first = enumeration.FindMember(member.name)) {
        sink_.Error(DiagnosticKind::DuplicateField, member.range,
                    "the enum lists " + Quoted(member.name) + " twice; remove one.",
                    {{first->name_range, "first listed here"}});
        continue;
      }
      Symbol& value = model_.NewSymbol(SymbolKind::EnumValue, member.name);
      value.type = enumeration.type;
      value.name_range = member.range;
      value.decl_range = member.range;
      value.owner = &enumeration;
      enumeration.members.push_back(&value);
      model_.AddReference(member.range, &value, /*is_definition=*/true);
    }
    return enumeration;
  }

  void ReportDuplicateField(const Symbol& record, const Symbol& first, const ast::FieldDecl& decl) {
    std::string owner = record.name.empty() ? "this record" : Quoted(record.name);
    if (!first.name_range.valid()) {
      sink_.Error(DiagnosticKind::DuplicateField, decl.name.range,
                  "every event already has " + Quoted(decl.name.name) + " (" +
                      first.type.ToString() + "); remove this field or rename it.");
      return;
    }
    sink_.Error(DiagnosticKind::DuplicateField, decl.name.range,
                owner + " already has a field " + Quoted(decl.name.name) +
                    "; rename or remove one of them.",
                {{first.name_range, "first declared here"}});
  }

  SemanticModel& model_;
  DiagnosticSink& sink_;
  const ast::File* file_;
};

Symbol& NewChannelEnum(SemanticModel& model) {
  Symbol& channel = model.NewSymbol(SymbolKind::Enum, "channel");
  channel.type = Type::Enum(&channel);
  channel.doc = "The channels Kairos sends on.";
  struct Member {
    const char* name;
    const char* doc;
  };
  for (const Member& member : {Member{"email", "Email, through the shop's SMTP provider."},
                               Member{"sms", "A text message."},
                               Member{"whatsapp", "A WhatsApp message."},
                               Member{"push", "A web or app push notification."},
                               Member{"webhook", "An HTTP call to the shop's own endpoint."}}) {
    Symbol& value = model.NewSymbol(SymbolKind::EnumValue, member.name);
    value.type = channel.type;
    value.owner = &channel;
    value.doc = member.doc;
    channel.members.push_back(&value);
  }
  return channel;
}

class SchemaBuilder {
 public:
  SchemaBuilder(SemanticModel& model, DiagnosticSink& sink) : model_(model), sink_(sink) {}

  void Build(const std::vector<SchemaSource>& sources) {
    Schema& schema = model_.mutable_schema();
    schema.channel = &NewChannelEnum(model_);
    contact_ = &NewRecord("contact", "A person the shop knows, or an anonymous visitor.");
    product_ = &NewRecord("product", "An entry of the shop's catalog.");
    schema.contact = contact_;
    schema.product = product_;

    const ast::SchemaDecl* main = nullptr;
    for (const SchemaSource& source : sources) {
      if (source.decl->is_extend) continue;
      if (main == nullptr) {
        main = source.decl;
        schema.declared = true;
        schema.name = main->name.name;
        schema.name_range = main->name.range;
        continue;
      }
      sink_.Error(DiagnosticKind::DuplicateSchema, source.decl->name.range,
                  "a project has one `schema`; write `extend schema { ... }` to add to it.",
                  {{main->name.range, "the schema is declared here"}});
    }
    if (main == nullptr) {
      sink_.Error(DiagnosticKind::MissingSchema, SourceRange{},
                  "the project has no `schema`; add one (`schema shop { currency ILS ... }`) "
                  "that describes contacts, products and events.");
    }

    // Names first, so fields may use records and events declared anywhere.
    for (const SchemaSource& source : sources) {
      for (const ast::SchemaItem& item : source.decl->items) DeclareItem(item);
    }
    for (const SchemaSource& source : sources) {
      TypeResolver resolver(model_, sink_, source.file);
      for (const ast::SchemaItem& item : source.decl->items) {
        if (Symbol* record = RecordOf(item)) resolver.AddFields(*record, item.fields);
      }
    }
  }

 private:
  Symbol& NewRecord(std::string name, std::string doc) {
    Symbol& record = model_.NewSymbol(SymbolKind::Record, std::move(name));
    record.type = Type::Record(&record);
    record.doc = std::move(doc);
    return record;
  }

  void DeclareItem(const ast::SchemaItem& item) {
    Schema& schema = model_.mutable_schema();
    switch (item.kind) {
      case ast::SchemaItemKind::Currency:
        if (schema.currency_range.valid()) {
          ReportDuplicateSetting("currency", item.range, schema.currency_range);
          return;
        }
        schema.currency = item.name.name;
        schema.currency_range = item.range;
        return;
      case ast::SchemaItemKind::Timezone:
        if (schema.timezone_range.valid()) {
          ReportDuplicateSetting("timezone", item.range, schema.timezone_range);
          return;
        }
        schema.timezone = item.timezone;
        schema.timezone_range = item.range;
        CheckTimezone(item);
        return;
      case ast::SchemaItemKind::Contact:
      case ast::SchemaItemKind::Product: {
        Symbol* record = item.kind == ast::SchemaItemKind::Contact ? contact_ : product_;
        if (!record->name_range.valid()) {
          record->name_range = item.name.range;
          record->decl_range = item.range;
          if (!item.doc.empty()) record->doc = item.doc;
          model_.AddReference(item.name.range, record, /*is_definition=*/true);
        }
        items_[&item] = record;
        return;
      }
      case ast::SchemaItemKind::Record:
      case ast::SchemaItemKind::Event:
        DeclareNamed(item);
        return;
    }
  }

  void DeclareNamed(const ast::SchemaItem& item) {
    const bool is_event = item.kind == ast::SchemaItemKind::Event;
    Symbol& symbol = model_.NewSymbol(is_event ? SymbolKind::Event : SymbolKind::Record, item.name.name);
    symbol.type = Type::Record(&symbol);
    symbol.name_range = item.name.range;
    symbol.decl_range = item.range;
    symbol.doc = item.doc;
    items_[&item] = &symbol;
    if (is_event) AddEventFields(symbol);

    const std::string& name = item.name.name;
    if (FindBuiltinType(name) || name == "contact" || name == "product" || name == "channel" ||
        name == "list" || name == "set") {
      sink_.Error(DiagnosticKind::DuplicateDeclaration, item.name.range,
                  Quoted(name) + " is a built-in type; choose another name.");
      return;
    }
    auto [it, inserted] = type_names_.emplace(name, &symbol);
    if (!inserted) {
      const Symbol& first = *it->second;
      sink_.Error(DiagnosticKind::DuplicateDeclaration, item.name.range,
                  "the schema already has " + std::string(SymbolKindName(first.kind)) + " " +
                      Quoted(name) + "; rename one of them (names are global to the project).",
                  {{first.name_range, "first declared here"}});
      return;
    }
    model_.AddReference(item.name.range, &symbol, /*is_definition=*/true);
    Schema& schema = model_.mutable_schema();
    (is_event ? schema.events : schema.records).push_back(&symbol);
  }

  // Every event carries when it happened and whose it is.
  void AddEventFields(Symbol& event) {
    Symbol& at = model_.NewSymbol(SymbolKind::Field, "at");
    at.type = Type::Timestamp();
    at.owner = &event;
    at.doc = "When the event happened (UTC).";
    Symbol& contact = model_.NewSymbol(SymbolKind::Field, "contact");
    contact.type = Type::Record(contact_);
    contact.owner = &event;
    contact.doc = "The contact the event belongs to.";
    event.members.push_back(&at);
    event.members.push_back(&contact);
  }

  Symbol* RecordOf(const ast::SchemaItem& item) {
    auto it = items_.find(&item);
    return it == items_.end() ? nullptr : it->second;
  }

  void ReportDuplicateSetting(const char* setting, SourceRange range, SourceRange first) {
    sink_.Error(DiagnosticKind::DuplicateClause, range,
                std::string("the schema sets `") + setting + "` twice; keep one.",
                {{first, "first set here"}});
  }

  void CheckTimezone(const ast::SchemaItem& item) {
    if (IsIanaTimezone(item.timezone)) return;
    sink_.Error(DiagnosticKind::InvalidTimezone, item.range,
                "\"" + item.timezone + "\" is not an IANA time zone." +
                    DidYouMean(item.timezone, IanaTimezoneNames()) +
                    " Write a zone such as \"Asia/Jerusalem\" or \"Europe/Warsaw\".");
  }

  SemanticModel& model_;
  DiagnosticSink& sink_;
  Symbol* contact_ = nullptr;
  Symbol* product_ = nullptr;
  std::map<std::string, const Symbol*, std::less<>> type_names_;
  std::map<const ast::SchemaItem*, Symbol*> items_;
};

}  // namespace

void BuildSchema(const std::vector<SchemaSource>& sources, SemanticModel& model,
                 DiagnosticSink& sink) {
  SchemaBuilder(model, sink).Build(sources);
}

Type ResolveTypeExpr(const ast::TypeExpr& type, SemanticModel& model, DiagnosticSink& sink,
                     const ast::File* file) {
  return TypeResolver(model, sink, file).Resolve(type);
}

std::string DocCommentAbove(const ast::File* file, SourceRange range) {
  if (file == nullptr || !range.valid()) return "";
  const std::string& text = range.file->text();
  // The comments ending before `range`, walked back while only whitespace
  // separates each from what follows it.
  auto it = std::lower_bound(file->comments.begin(), file->comments.end(), range.begin,
                             [](const ast::Comment& c, uint32_t offset) { return c.range.begin < offset; });
  uint32_t next = range.begin;
  std::vector<std::string> lines;
  while (it != file->comments.begin()) {
    --it;
    if (!it->is_doc || it->range.end > next ||
        !IsWhitespace(std::string_view(text).substr(it->range.end, next - it->range.end))) {
      break;
    }
    std::string line = it->text.substr(std::min<size_t>(3, it->text.size()));
    if (!line.empty() && line.front() == ' ') line.erase(0, 1);
    lines.push_back(std::move(line));
    next = it->range.begin;
  }
  std::string doc;
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
    if (!doc.empty()) doc += '\n';
    doc += *line;
  }
  return doc;
}

}  // namespace kairos
