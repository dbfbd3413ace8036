// The types of Journey values, as the checker computes them and later phases
// read them. A Type is a small value: a kind, plus the currency of money, the
// element of list/set/optional, or the symbol of an enum, record or event.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace kairos {

struct Symbol;

enum class TypeKind : uint8_t {
  Error,  // the expression is already reported; satisfies every check silently
  Null,   // the `null` literal
  Bool,
  Int,
  Decimal,
  Money,  // with a currency ("" when the schema names none: matches any)
  Percent,
  String,
  Email,  // email, phone and url are strings with meaning
  Phone,
  Url,
  Date,
  Time,  // a time of day
  Timestamp,
  Duration,
  Enum,       // symbol(): the enum
  Record,     // symbol(): a record, contact, product, event or inline record
  List,       // element()
  Set,        // element()
  Optional,   // element(), never itself optional, error or null
  Event,      // an event type named in a history function: symbol() is the event
  Coupon,     // an issued coupon: `.code`, `.expires_at`
};

class Type {
 public:
  Type() = default;  // the error type

  static Type Error() { return Type(); }
  static Type Null() { return Type(TypeKind::Null); }
  static Type Bool() { return Type(TypeKind::Bool); }
  static Type Int() { return Type(TypeKind::Int); }
  static Type Decimal() { return Type(TypeKind::Decimal); }
  static Type Money(std::string currency);
  static Type Percent() { return Type(TypeKind::Percent); }
  static Type String() { return Type(TypeKind::String); }
  static Type Email() { return Type(TypeKind::Email); }
  static Type Phone() { return Type(TypeKind::Phone); }
  static Type Url() { return Type(TypeKind::Url); }
  static Type Date() { return Type(TypeKind::Date); }
  static Type Time() { return Type(TypeKind::Time); }
  static Type Timestamp() { return Type(TypeKind::Timestamp); }
  static Type Duration() { return Type(TypeKind::Duration); }
  static Type Coupon() { return Type(TypeKind::Coupon); }
  static Type Enum(const Symbol* symbol);
  static Type Record(const Symbol* symbol);
  static Type Event(const Symbol* symbol);
  static Type List(Type element);
  static Type Set(Type element);
  // T? — idempotent, and error or null stay what they are.
  static Type Optional(Type element);

  TypeKind kind() const { return kind_; }
  bool is(TypeKind kind) const { return kind_ == kind; }
  bool is_error() const { return kind_ == TypeKind::Error; }
  bool is_optional() const { return kind_ == TypeKind::Optional; }
  // int or decimal.
  bool is_number() const { return kind_ == TypeKind::Int || kind_ == TypeKind::Decimal; }
  // string, email, phone or url.
  bool is_string_like() const;

  const Symbol* symbol() const { return symbol_; }
  const std::string& currency() const { return currency_; }
  // List, Set, Optional: the element type; the error type otherwise.
  const Type& element() const;
  // T for T?, the type itself otherwise.
  const Type& NonOptional() const { return is_optional() ? element() : *this; }

  bool operator==(const Type& other) const;
  bool operator!=(const Type& other) const { return !(*this == other); }

  // As users write it: `money`, `list<line_item>`, `string?`, `enum { a, b }`.
  std::string ToString() const;

 private:
  explicit Type(TypeKind kind) : kind_(kind) {}

  TypeKind kind_ = TypeKind::Error;
  const Symbol* symbol_ = nullptr;
  std::string currency_;
  std::shared_ptr<const Type> element_;
};

}  // namespace kairos
