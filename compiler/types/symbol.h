// Symbols: everything a name in a .journey file can refer to — schema records,
// events and their fields, enum types and values, segments, journeys and the
// other declarations, built-in functions, and local names (`let`, `as`).
// The semantic model owns them; types and references point at them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_file.h"
#include "compiler/types/type.h"

namespace kairos {

namespace ast {
struct Decl;
struct FieldDecl;
}  // namespace ast

enum class SymbolKind {
  Record,      // contact, product, `record NAME`, an inline `{ ... }` record
  Event,       // a schema or built-in event type
  Field,       // a field of a record or event (events' `at` and `contact` included)
  Enum,        // an inline `enum { ... }` or the built-in `channel`
  EnumValue,   // a member of an enum
  Segment,
  Parameter,   // of a segment or a builtin
  Builtin,     // a standard-library function declared in the prelude
  Journey,
  Campaign,
  Coupon,      // a coupon pool
  Popup,
  Policy,
  Intrinsic,   // a language function: exists, count, sum, avg, min, max, first, last, any, all
  Property,    // a member of a built-in type: `.code` of a coupon, `.month` of a date, ...
  Local,       // a journey `let`, a trigger's `as` name, `it` in a list function
  Implicit,    // contact, now, today, entered, anonymous, identified
};

std::string_view SymbolKindName(SymbolKind kind);

enum class Intrinsic { None, Exists, Count, Sum, Avg, Min, Max, First, Last, Any, All };

struct Symbol {
  SymbolKind kind = SymbolKind::Implicit;
  std::string name;
  // Fields, values, locals: their type. Records and events: the record type;
  // enums and enum values: the enum type; segments: bool; builtins: the result.
  Type type;
  SourceRange name_range;  // the defining occurrence; invalid for built-in names
  SourceRange decl_range;  // the whole declaration
  std::string doc;         // `///` comments above the declaration
  // Field, EnumValue, Parameter: the record/event, enum, segment or builtin it
  // belongs to.
  const Symbol* owner = nullptr;
  // Record, Event: fields in declaration order (an event's `at` and `contact`
  // first); Enum: values; Segment, Builtin: parameters.
  std::vector<const Symbol*> members;
  const ast::Decl* decl = nullptr;          // declarations: the AST node
  const ast::FieldDecl* field = nullptr;    // Field: its declaration (key flag, default)
  Intrinsic intrinsic = Intrinsic::None;    // Intrinsic: which one

  // A member (field, enum value, parameter) by name, or null.
  const Symbol* FindMember(std::string_view member) const;
  std::vector<std::string> MemberNames() const;
};

// One occurrence of a name in the source and the symbol it resolves to. The
// defining occurrence is a reference too (is_definition), so "find references"
// and "rename" see every place the name is written.
struct Reference {
  SourceRange range;
  const Symbol* symbol = nullptr;
  bool is_definition = false;
};

}  // namespace kairos
