#include "compiler/types/type.h"

#include "compiler/types/symbol.h"

namespace kairos {

Type Type::Money(std::string currency) {
  Type type(TypeKind::Money);
  type.currency_ = std::move(currency);
  return type;
}

Type Type::Enum(const Symbol* symbol) {
  Type type(TypeKind::Enum);
  type.symbol_ = symbol;
  return type;
}

Type Type::Record(const Symbol* symbol) {
  Type type(TypeKind::Record);
  type.symbol_ = symbol;
  return type;
}

Type Type::Event(const Symbol* symbol) {
  Type type(TypeKind::Event);
  type.symbol_ = symbol;
  return type;
}

Type Type::List(Type element) {
  Type type(TypeKind::List);
  type.element_ = std::make_shared<const Type>(std::move(element));
  return type;
}

Type Type::Set(Type element) {
  Type type(TypeKind::Set);
  type.element_ = std::make_shared<const Type>(std::move(element));
  return type;
}

Type Type::Optional(Type element) {
  if (element.is_optional() || element.is_error() || element.is(TypeKind::Null)) return element;
  Type type(TypeKind::Optional);
  type.element_ = std::make_shared<const Type>(std::move(element));
  return type;
}

bool Type::is_string_like() const {
  return kind_ == TypeKind::String || kind_ == TypeKind::Email || kind_ == TypeKind::Phone ||
         kind_ == TypeKind::Url;
}

const Type& Type::element() const {
  static const Type error;
  return element_ ? *element_ : error;
}

bool Type::operator==(const Type& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case TypeKind::Money:
      return currency_ == other.currency_;
    case TypeKind::Enum:
    case TypeKind::Record:
    case TypeKind::Event:
      return symbol_ == other.symbol_;
    case TypeKind::List:
    case TypeKind::Set:
    case TypeKind::Optional:
      return element() == other.element();
    default:
      return true;
  }
}

namespace {

std::string RecordToString(const Symbol* record) {
  if (!record->name.empty()) return record->name;
  std::string text = "{ ";
  for (size_t i = 0; i < record->members.size(); ++i) {
    if (i > 0) text += ", ";
    text += record->members[i]->name + ": " + record->members[i]->type.ToString();
  }
  return text + " }";
}

std::string EnumToString(const Symbol* enumeration) {
  if (!enumeration->name.empty()) return enumeration->name;
  std::string text = "enum { ";
  for (size_t i = 0; i < enumeration->members.size(); ++i) {
    if (i > 0) text += ", ";
    text += enumeration->members[i]->name;
  }
  return text + " }";
}

}  // namespace

std::string Type::ToString() const {
  switch (kind_) {
    case TypeKind::Error: return "error";
    case TypeKind::Null: return "null";
    case TypeKind::Bool: return "bool";
    case TypeKind::Int: return "int";
    case TypeKind::Decimal: return "decimal";
    case TypeKind::Money: return "money";
    case TypeKind::Percent: return "percent";
    case TypeKind::String: return "string";
    case TypeKind::Email: return "email";
    case TypeKind::Phone: return "phone";
    case TypeKind::Url: return "url";
    case TypeKind::Date: return "date";
    case TypeKind::Time: return "time";
    case TypeKind::Timestamp: return "timestamp";
    case TypeKind::Duration: return "duration";
    case TypeKind::Coupon: return "coupon";
    case TypeKind::Enum: return symbol_ ? EnumToString(symbol_) : "enum";
    case TypeKind::Record: return symbol_ ? RecordToString(symbol_) : "record";
    case TypeKind::Event: return "event " + (symbol_ ? symbol_->name : std::string());
    case TypeKind::List: return "list<" + element().ToString() + ">";
    case TypeKind::Set: return "set<" + element().ToString() + ">";
    case TypeKind::Optional: return element().ToString() + "?";
  }
  return "error";
}

}  // namespace kairos
